import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './portal-process';

/** Debian's server binaries (postgresql-NN), newest first; PG_BIN overrides. */
function serverBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length)
    throw new Error(`no hay binarios de PostgreSQL en ${root} (instale postgresql o defina PG_BIN)`);
  return path.join(root, versions[0], 'bin');
}

/**
 * Issue 21 item 4: a PostgreSQL cluster of the test's own (initdb in a temp dir, trust auth, a free port, its unix
 * socket in the same dir), to stop and restart under load without touching the machine's shared server. The
 * server refuses to run as root: as root, the binaries run as the `postgres` OS user, which owns the directory.
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly owner: { uid: number; gid: number } | null,
  ) {}

  get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** A connection URL to `database` over TCP (as the portal reaches a server). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-pg-'));
    let owner: { uid: number; gid: number } | null = null;
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      owner = { uid, gid };
      fs.chownSync(dir, uid, gid);
    }
    const pg = new PrivatePostgres(dir, await freePort(), serverBin(), owner);
    try {
      await pg.run('initdb', ['-D', pg.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
      fs.appendFileSync(
        path.join(pg.dataDir, 'postgresql.conf'),
        [
          `port = ${pg.port}`,
          `listen_addresses = '127.0.0.1'`,
          `unix_socket_directories = '${dir}'`,
          'max_connections = 60',
          'shared_buffers = 32MB',
          '',
        ].join('\n'),
      );
      await pg.start();
      return pg;
    } catch (err) {
      pg.destroy();
      throw err;
    }
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    await this.run('pg_ctl', ['start', '-D', this.dataDir, '-l', path.join(this.dir, 'server.log'), '-w', '-t', '30']);
    await this.waitUntilAccepting();
  }

  /** `pg_ctl stop -m fast`: every session is terminated (57P01), then the server is down. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.run('pg_ctl', ['stop', '-D', this.dataDir, '-m', mode, '-w', '-t', '30']);
  }

  /** `pg_ctl restart -m fast`: sessions terminated, server back on the same port. */
  async restart(): Promise<void> {
    await this.run('pg_ctl', [
      'restart',
      '-D',
      this.dataDir,
      '-m',
      'fast',
      '-l',
      path.join(this.dir, 'server.log'),
      '-w',
      '-t',
      '30',
    ]);
    await this.waitUntilAccepting();
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = [], database = 'postgres'): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database) });
    try {
      await client.connect();
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end().catch(() => undefined); // a client that never connected holds a socket all the same
    }
  }

  /** The server's log (for a failing test's message). */
  log(): string {
    const file = path.join(this.dir, 'server.log');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  /** Stops the server at once (if running) and removes the directory; safe to call twice. */
  destroy(): void {
    try {
      if (fs.existsSync(path.join(this.dataDir, 'postmaster.pid')))
        this.runSync('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'immediate', '-w', '-t', '30']);
    } catch {
      // already down
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private async waitUntilAccepting(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.query('SELECT 1');
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  /** Runs a server tool without blocking the event loop (the test's load keeps running meanwhile). */
  private async run(tool: string, args: string[]): Promise<void> {
    const exe = path.join(this.bin, tool);
    const [file, argv] = this.owner ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    await promisify(execFile)(file, argv, { cwd: this.dir, timeout: 60_000 });
  }

  private runSync(tool: string, args: string[]): void {
    const exe = path.join(this.bin, tool);
    const [file, argv] = this.owner ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
    execFileSync(file, argv, { cwd: this.dir, stdio: 'ignore', timeout: 60_000 });
  }
}
