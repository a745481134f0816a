import * as fs from 'node:fs';
import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import { fromRoot } from '../../src/config/paths';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The portal as a real process, started the way `npm start` does (here from sources through swc, or from
 * dist/ when `built`), with only the environment given: what a newcomer's machine would run.
 */
export class PortalProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** When the process was spawned (ms since the epoch). */
  readonly spawnedAt = Date.now();

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    /** started through `npm start`: signals go to the whole process group (npm, its shell, the portal) */
    private readonly group = false,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(
    env: Record<string, string>,
    options: { built?: boolean; npmStart?: boolean; nodeArgs?: string[] } = {},
  ): Promise<PortalProcess> {
    const port = Number(env.PORT ?? (await freePort()));
    const args = options.npmStart
      ? ['start']
      : options.built
        ? [...productionNodeArgs(), ...(options.nodeArgs ?? []), fromRoot('dist', 'main.js')]
        : [...(options.nodeArgs ?? []), '-r', fromRoot('scripts', 'register.js'), fromRoot('src', 'main.ts')];
    const child = spawn(options.npmStart ? 'npm' : process.execPath, args, {
      detached: options.npmStart === true,
      cwd: fromRoot(),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        TZ: 'UTC',
        LOG_LEVEL: 'warn',
        ...env,
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new PortalProcess(child, port, options.npmStart === true);
  }

  /** Resolves when /health/ready answers 200; rejects if the process dies or `timeoutMs` passes. */
  async ready(timeoutMs = 60_000, pollMs = 100): Promise<number> {
    const started = this.spawnedAt;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (Date.now() - started < timeoutMs) {
      if (exited) throw new Error(`el portal terminó antes de estar listo:\n${this.stdout}\n${this.stderr}`);
      try {
        const res = await fetch(`${this.url}/health/ready`);
        if (res.status === 200) return Date.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
    throw new Error(`el portal no estuvo listo en ${timeoutMs} ms:\n${this.stdout}\n${this.stderr}`);
  }

  /** Sends `signal` and resolves with the exit code and how long the exit took. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    this.signal(signal);
    const { code } = await this.exited;
    return { code, ms: Date.now() - started };
  }

  kill(): void {
    if (this.child.exitCode === null) this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.group && this.child.pid) process.kill(-this.child.pid, signal);
    else this.child.kill(signal);
  }
}

/**
 * The node options `npm run start:prod` runs the built portal with (package.json; the heap cap of issue 21): a
 * benchmark of the built portal runs it as deployed.
 */
export function productionNodeArgs(): string[] {
  const scripts = (JSON.parse(fs.readFileSync(fromRoot('package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  const m = /^node\s+(.*?)\s*dist\/main\.js$/.exec(scripts['start:prod']);
  if (!m) throw new Error(`start:prod no es «node [opciones] dist/main.js»: ${scripts['start:prod']}`);
  return m[1].split(/\s+/).filter(Boolean);
}
