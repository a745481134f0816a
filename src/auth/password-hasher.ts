import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { argon2InWorker } from './argon2-pool';

/** argon2id parameters (SECURITY.md: at least 19 MiB, t=2, p=1). Raise them here; logins rehash old hashes. */
export const ARGON2_PARAMS = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

export interface Argon2Params {
  memorySize: number;
  iterations: number;
  parallelism: number;
  hashLength: number;
}

/** Passwords are 8 to 256 bytes of UTF-8, no composition rules (ASVS 6.2). */
export const PASSWORD_MIN_BYTES = 8;
export const PASSWORD_MAX_BYTES = 256;

export function passwordLengthProblem(password: string): 'too_short' | 'too_long' | null {
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes < PASSWORD_MIN_BYTES) return 'too_short';
  if (bytes > PASSWORD_MAX_BYTES) return 'too_long';
  return null;
}

/** argon2id through hash-wasm (WebAssembly: no native build, runs wherever Node does), in worker threads. */
@Injectable()
export class PasswordHasher {
  /** Today's parameters. Only the test harness builds a hasher with others (test/support/test-app.ts). */
  protected readonly params: Argon2Params = ARGON2_PARAMS;

  async hash(password: string): Promise<string> {
    if (passwordLengthProblem(password)) throw new Error('password length out of range');
    return argon2InWorker.hash({ password, salt: randomBytes(16), ...this.params, outputType: 'encoded' });
  }

  async verify(password: string, hash: string): Promise<boolean> {
    if (passwordLengthProblem(password) === 'too_long') return false;
    try {
      return await argon2InWorker.verify({ password, hash });
    } catch {
      return false;
    }
  }

  /** True when `hash` was made with weaker parameters than today's (rehash at the next login). */
  needsRehash(hash: string): boolean {
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
    if (!m) return true;
    return (
      Number(m[1]) < this.params.memorySize ||
      Number(m[2]) < this.params.iterations ||
      Number(m[3]) !== this.params.parallelism
    );
  }

  /** A hash to verify against when the user does not exist, so both paths take the same time. */
  private dummy: Promise<string> | null = null;
  dummyHash(): Promise<string> {
    return (this.dummy ??= this.hash(randomBytes(12).toString('base64')));
  }
}
