import { execFile } from 'node:child_process';
import { PasswordHasher } from '../../../src/auth/password-hasher';
import { fromRoot } from '../../../src/config/paths';

/** Issue 21: argon2id at today's cost (19 MiB, two passes) without freezing the event loop. */
describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with today’s parameters and verifies the right password only', async () => {
    const hash = await hasher.hash('contraseña larga 2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hasher.needsRehash(hash)).toBe(false);
    expect(await hasher.verify('contraseña larga 2026', hash)).toBe(true);
    expect(await hasher.verify('contraseña larga 2025', hash)).toBe(false);
    expect(await hasher.verify('contraseña larga 2026', 'no es un hash')).toBe(false);
  });

  it('leaves the event loop free while it hashes: other requests keep being served during sign-ins', async () => {
    // hash-wasm computes a hash in one synchronous call; on the main thread, nothing else would run until it ends
    let turns = 0;
    let hashing = true;
    const spin = (): void => {
      turns++;
      if (hashing) setImmediate(spin);
    };
    setImmediate(spin);
    await Promise.all([1, 2, 3, 4].map((n) => hasher.hash(`contraseña número ${n}`)));
    hashing = false;
    expect(turns).toBeGreaterThan(20);
  });

  it('answers concurrent sign-ins each with its own result', async () => {
    const passwords = Array.from({ length: 6 }, (_, i) => `clave de prueba ${i}`);
    const hashes = await Promise.all(passwords.map((p) => hasher.hash(p)));
    const checks = await Promise.all(passwords.map((p, i) => hasher.verify(p, hashes[(i + 1) % hashes.length])));
    expect(checks).toEqual(passwords.map(() => false));
    expect(await Promise.all(passwords.map((p, i) => hasher.verify(p, hashes[i])))).toEqual(passwords.map(() => true));
  });

  it('a command that awaits a hash gets it and then exits (npm run cli -- admin:create): idle workers hold nothing', async () => {
    const code = `require(${JSON.stringify(fromRoot('src', 'auth', 'password-hasher.ts'))}).PasswordHasher.prototype.hash
      .call({ params: { memorySize: 1024, iterations: 1, parallelism: 1, hashLength: 32 } }, 'una clave cualquiera')
      .then((h) => console.log(h));`;
    const { stdout, exitedWithin } = await new Promise<{ stdout: string; exitedWithin: boolean }>((resolve) => {
      const child = execFile(process.execPath, ['-r', fromRoot('scripts', 'register.js'), '-e', code], {
        cwd: fromRoot(),
        timeout: 20_000,
      });
      let out = '';
      child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (_code, signal) => resolve({ stdout: out, exitedWithin: signal === null }));
    });
    expect(stdout).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(exitedWithin).toBe(true);
  });
});
