import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fromRoot } from '../../src/config/paths';
import { PortalProcess } from '../support/portal-process';

/**
 * `npm run cli -- <args>` as a process, on the data directory of `env` with nothing else set (no DATABASE_URL),
 * errors only in the log; `input` is what the person types.
 */
const cli = (args: string[], env: Record<string, string>, input?: string) =>
  spawnSync(process.execPath, ['-r', fromRoot('scripts', 'register.js'), fromRoot('src', 'cli.ts'), ...args], {
    cwd: fromRoot(),
    input,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env, LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 60_000,
  });

/** What a municipal IT person sees with `npm start` and no configuration at all. */
describe('the portal as a process on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-process-'));
  let portal: PortalProcess | null = null;
  afterEach(() => portal?.kill());
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts with no database server, serves the Spanish home page with demo data, stops cleanly on SIGTERM and keeps its data', async () => {
    portal = await PortalProcess.start({ DATA_DIR: dataDir });
    await portal.ready();
    expect(portal.stdout).toContain(`Quórum está listo en http://localhost:${portal.port}`);
    expect(portal.stdout).toContain('con datos de demostración');
    // the demo logins, printed once
    expect(portal.stdout).toContain('Cuentas de demostración');
    expect(portal.stdout).toMatch(/admin\s+admin@demo\.quorum\.cl\s+demo-quorum-2026/);
    expect(portal.stdout).toMatch(/municipal_officer\s+dideco@laserena\.demo\.quorum\.cl/);
    const home = await (await fetch(`${portal.url}/`)).text();
    expect(home).toContain('Quórum: reuniones, actas y registro de organizaciones comunitarias');
    expect(home).toContain('Municipalidad de La Serena');
    expect(home).toContain('Municipalidad de Mejillones');
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    // issue 20 item 9: nothing error-looking on a first start (the hourly jobs wait for the migrations)
    const output = portal.stdout + portal.stderr;
    expect(output).not.toMatch(/does not exist|"level":(40|50)|\bWARN\b|\bERROR\b/);

    const stop = await portal.stop('SIGTERM');
    expect(stop.code).toBe(0);
    expect(stop.ms).toBeLessThan(10_000);

    // second start: same data, no second demo load
    portal = await PortalProcess.start({ DATA_DIR: dataDir });
    await portal.ready();
    expect(portal.stdout).not.toContain('con datos de demostración');
    expect(portal.stdout).not.toContain('Cuentas de demostración');
    const again = await (await fetch(`${portal.url}/`)).text();
    expect(again).toContain('Municipalidad de La Serena');
    expect((await portal.stop('SIGINT')).code).toBe(0);
  }, 120_000);

  it('npm run cli -- minutes:verify checks the chain of approved actas of the demo (runs after the first start above, on its data)', () => {
    const run = (...args: string[]) => cli(['minutes:verify', ...args], { DATA_DIR: dataDir });
    const all = run();
    expect(all.stdout).toContain('Barrio Patrimonial La Serena: 3 actas aprobadas, cadena íntegra.');
    expect(all.status).toBe(0);
    const bad = run('no-es-un-id');
    expect([bad.status, bad.stderr]).toEqual([
      2,
      expect.stringContaining('no es el identificador de una organización'),
    ]);
  }, 120_000);

  it('ADMIN_EMAIL and ADMIN_PASSWORD on a fresh embedded start give an administrator who gets an API token', async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-admin-'));
    try {
      portal = await PortalProcess.start({
        DATA_DIR: fresh,
        DEMO: 'false',
        ADMIN_EMAIL: 'ti@municipalidad.example.cl',
        ADMIN_PASSWORD: 'una clave de instalación',
      });
      await portal.ready();
      expect(portal.stdout).toContain('Se creó el administrador ti@municipalidad.example.cl');
      const res = await fetch(`${portal.url}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ti@municipalidad.example.cl', password: 'una clave de instalación' }),
      });
      expect(res.status).toBe(201);
      const { token } = (await res.json()) as { token: string };
      const me = await fetch(`${portal.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await me.json()) as { roles: unknown[] }).roles).toEqual([{ role: 'admin', scopeType: 'platform' }]);
      expect((await portal.stop()).code).toBe(0);
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  }, 120_000);

  it('npm run cli -- admin:create asks for an administrator who can then sign in to the portal', async () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-cli-'));
    try {
      const created = cli(
        ['admin:create'],
        { DATA_DIR: fresh, DEMO: 'false' },
        'jefa.ti@example.cl\nJefa de Informática\nuna clave segura\n',
      );
      expect(created.stdout).toContain('Administrador jefa.ti@example.cl creado.');
      expect(created.status).toBe(0);
      portal = await PortalProcess.start({ DATA_DIR: fresh, DEMO: 'false' });
      await portal.ready();
      const res = await fetch(`${portal.url}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'jefa.ti@example.cl', password: 'una clave segura' }),
      });
      expect(res.status).toBe(201);
      expect((await portal.stop()).code).toBe(0);
    } finally {
      fs.rmSync(fresh, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses an invalid configuration at boot with a Spanish message naming the variable', async () => {
    portal = await PortalProcess.start({ DATA_DIR: dataDir, DEMO: 'quizás' });
    const { code } = await portal.exited;
    expect(code).toBe(2);
    expect(portal.stderr).toContain('Configuración inválida');
    expect(portal.stderr).toContain('DEMO="quizás"');
  }, 60_000);
});
