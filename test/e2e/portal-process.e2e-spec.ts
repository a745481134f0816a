import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PortalProcess } from '../support/portal-process';

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
    const home = await (await fetch(`${portal.url}/`)).text();
    expect(home).toContain('Quórum: reuniones, actas y registro de organizaciones comunitarias');
    expect(home).toContain('Municipalidad de La Serena');
    expect(home).toContain('Municipalidad de Mejillones');
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);

    const stop = await portal.stop('SIGTERM');
    expect(stop.code).toBe(0);
    expect(stop.ms).toBeLessThan(10_000);

    // second start: same data, no second demo load
    portal = await PortalProcess.start({ DATA_DIR: dataDir });
    await portal.ready();
    expect(portal.stdout).not.toContain('con datos de demostración');
    const again = await (await fetch(`${portal.url}/`)).text();
    expect(again).toContain('Municipalidad de La Serena');
    expect((await portal.stop('SIGINT')).code).toBe(0);
  }, 120_000);

  it('refuses an invalid configuration at boot with a Spanish message naming the variable', async () => {
    portal = await PortalProcess.start({ DATA_DIR: dataDir, DEMO: 'quizás' });
    const { code } = await portal.exited;
    expect(code).toBe(2);
    expect(portal.stderr).toContain('Configuración inválida');
    expect(portal.stderr).toContain('DEMO="quizás"');
  }, 60_000);
});
