import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './portal-process';

/** The address nginx connects to the upstreams from: TRUST_PROXY names it (all of 127/8 is loopback on Linux). */
export const PROXY_ADDRESS = '127.0.0.3';

/** Debian's package puts it here; NGINX overrides (another build, another path). */
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

/**
 * Issue 21 item 5: Debian's nginx in front of several portal instances, as docs/operations.md asks of a reverse
 * proxy: round-robin over the upstreams, the client's address in X-Forwarded-For and the scheme in
 * X-Forwarded-Proto (the portal trusts them with TRUST_PROXY). Everything it writes (config, pid, logs, temp
 * files) stays in a temp dir of its own, and it runs in the foreground as a child of the test.
 * Each response names the upstream that answered in `X-Upstream` (for the test only).
 */
export class Nginx {
  private stderr = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    readonly dir: string,
    readonly port: number,
  ) {
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static config(dir: string, port: number, upstreams: number[]): string {
    const p = (name: string) => path.join(dir, name);
    return [
      // as root (CI), the workers would otherwise switch to `nobody` and could not write the temp dir
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'worker_processes 1;',
      `pid ${p('nginx.pid')};`,
      `error_log ${p('error.log')} warn;`,
      'events { worker_connections 256; }',
      'http {',
      `  access_log ${p('access.log')};`,
      `  client_body_temp_path ${p('client_body')};`,
      `  proxy_temp_path ${p('proxy')};`,
      `  fastcgi_temp_path ${p('fastcgi')};`,
      `  uwsgi_temp_path ${p('uwsgi')};`,
      `  scgi_temp_path ${p('scgi')};`,
      '  client_max_body_size 30m;',
      '  upstream quorum {',
      ...upstreams.map((u) => `    server 127.0.0.1:${u} max_fails=0;`),
      '    keepalive 16;',
      '  }',
      '  server {',
      `    listen 127.0.0.1:${port};`,
      '    location / {',
      '      proxy_pass http://quorum;',
      // the instances see nginx at an address of its own, so TRUST_PROXY can name it and no one else
      `      proxy_bind ${PROXY_ADDRESS};`,
      '      proxy_http_version 1.1;',
      '      proxy_set_header Connection "";',
      '      proxy_set_header Host $http_host;',
      '      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
      '      proxy_set_header X-Forwarded-Proto $scheme;',
      // an answer is never retried on the other instance: a POST must reach one instance once
      '      proxy_next_upstream off;',
      '      add_header X-Upstream $upstream_addr always;',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
  }

  /** Writes the config for `upstreams` (ports on 127.0.0.1) and starts nginx on a free port; resolves once it listens. */
  static async start(upstreams: number[], port?: number): Promise<Nginx> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-nginx-'));
    const listen = port ?? (await freePort());
    fs.writeFileSync(path.join(dir, 'nginx.conf'), Nginx.config(dir, listen, upstreams));
    const child = spawn(
      NGINX,
      ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log'), '-g', 'daemon off;'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const nginx = new Nginx(child, dir, listen);
    let exited = false;
    void nginx.exited.then(() => (exited = true));
    child.once('error', () => (exited = true)); // not installed: ENOENT
    const deadline = Date.now() + 10_000;
    while (!(await listening(listen))) {
      if (exited || Date.now() > deadline) {
        const log = fs.existsSync(path.join(dir, 'error.log'))
          ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8')
          : '';
        await nginx.stop();
        throw new Error(`nginx (${NGINX}) no arrancó en el puerto ${listen}:\n${nginx.stderr}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return nginx;
  }

  /** The error log so far (for a failing test's message). */
  errorLog(): string {
    try {
      return fs.readFileSync(path.join(this.dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /** Stops nginx (SIGTERM, then SIGKILL after 5 s) and removes its temp dir. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(timer);
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
