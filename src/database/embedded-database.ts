import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface EmbeddedDatabaseOptions {
  /** A directory for the database files, or 'memory://' for a throw-away database. */
  dataDir: string;
  /** Start from a snapshot made with dumpDataDir() (tests: a migrated template, one copy per test file). */
  loadDataDir?: Blob;
}

/**
 * PostgreSQL compiled to WebAssembly, running inside this process and served on a loopback port to TypeORM's
 * normal `postgres` driver. It accepts exactly one connection, so the app's pool has size 1 and everything
 * (sessions, outbox worker, migrations) goes through the one DataSource. See docs/decisions.md.
 */
export class EmbeddedDatabase {
  /** Set by whoever started it outside the app (tests): the app's shutdown then leaves it open. */
  ownedByCaller = false;

  private constructor(
    readonly db: PGlite,
    private server: PGLiteSocketServer,
    readonly host: string,
    readonly port: number,
    readonly dataDir: string,
    /** true when this start created the data directory (first run). */
    readonly created: boolean,
  ) {}

  private static early: { dataDir: string; promise: Promise<EmbeddedDatabase> } | null = null;

  /**
   * Starts opening the database before the rest of the app is loaded (main.ts): WebAssembly compiles on other
   * threads while Node loads the application's modules, which shortens start-up. start() picks it up.
   */
  static prestart(options: EmbeddedDatabaseOptions): void {
    const promise = EmbeddedDatabase.open(options);
    promise.catch(() => undefined); // reported by start(), which awaits the same promise
    EmbeddedDatabase.early = { dataDir: options.dataDir, promise };
  }

  static async start(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    const early = EmbeddedDatabase.early;
    if (early && early.dataDir === options.dataDir && !options.loadDataDir) {
      EmbeddedDatabase.early = null;
      return early.promise;
    }
    return EmbeddedDatabase.open(options);
  }

  private static async open(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    const inMemory = options.dataDir.startsWith('memory://');
    let created = inMemory;
    let pgDir = options.dataDir;
    if (!inMemory) {
      pgDir = path.join(options.dataDir, 'pg');
      created = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
      fs.mkdirSync(pgDir, { recursive: true });
    }
    const db = await PGlite.create({ dataDir: pgDir, loadDataDir: options.loadDataDir });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    const [host, port] = splitHostPort(server.getServerConn());
    return new EmbeddedDatabase(db, server, host, port, options.dataDir, created);
  }

  /** Resolves once no client is connected (the one connection slot is free again), or after `timeoutMs`. */
  async waitUntilIdle(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.server.getStats().activeConnections > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async close(): Promise<void> {
    try {
      await this.server.stop();
    } catch {
      // already stopped
    }
    if (!this.db.closed) await this.db.close();
  }
}

function splitHostPort(conn: string): [string, number] {
  const i = conn.lastIndexOf(':');
  return [conn.slice(0, i), Number(conn.slice(i + 1))];
}
