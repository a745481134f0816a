import { Client } from 'pg';
import { rutCheckDigit } from '../../src/common/format/rut';
import { PortalProcess } from '../support/portal-process';
import { createTestApp } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { WebSession } from '../support/web-session';

/**
 * Issue 21 item 4, first fault: the portal process killed (-9) in the middle of a 10,000-row roster import through
 * the HTML pages (upload, preview, confirm). The import is one transaction (RosterImportService.importFile), so the
 * kill leaves nothing of the file; the kept upload stays unconfirmed, its preview can be confirmed again, and the
 * retry on a new process imports every row once.
 */
const ROWS = 10_000;
const FIRST = ['Ana', 'Luis', 'Rosa', 'Pedro', 'Elena', 'Jorge', 'Carmen', 'Raúl', 'Sofía', 'Tomás'];
const MIDDLE = ['Andrés', 'Beatriz', 'Camila', 'Diego', 'Esteban', 'Fernanda', 'Gabriel', 'Hilda', 'Iván', 'Julia'];
const SURNAMES = ['Pérez', 'Rojas', 'Díaz', 'Soto', 'Toro', 'Muñoz', 'Araya', 'Flores', 'Castillo', 'Vega'];
const SECOND = ['Núñez', 'Olivares', 'Pizarro', 'Quiroga', 'Reyes', 'Salinas', 'Tapia', 'Urrutia', 'Valdés', 'Zúñiga'];

/** `ROWS` people with valid RUTs (distinct bodies, computed check digit) and distinct names. */
function rosterFile(): { csv: Buffer; ruts: string[] } {
  const lines = ['rut,fullName,birthDate,email,phone,address,businessName,businessCategory,joinedOn'];
  const ruts: string[] = [];
  for (let n = 0; n < ROWS; n++) {
    const body = 7_000_000 + n * 131;
    const rut = `${body}-${rutCheckDigit(body)}`;
    ruts.push(rut);
    const name = `${FIRST[n % 10]} ${MIDDLE[Math.floor(n / 10) % 10]} ${SURNAMES[Math.floor(n / 100) % 10]} ${SECOND[Math.floor(n / 1000) % 10]}`;
    const birth = `${1940 + (n % 60)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
    const email = n % 3 ? `socio${n}@example.cl` : '';
    lines.push(
      [rut, name, birth, email, '', `"Calle Prat ${100 + (n % 900)}, La Serena"`, '', '', '2026-04-01'].join(','),
    );
  }
  return { csv: Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'), ruts };
}

describe('the portal killed (-9) in the middle of a 10,000-row roster import (issue 21 item 4)', () => {
  let db: TestDatabase;
  let watcher: Client;
  let portal: PortalProcess | null = null;
  const officer = { email: 'carolina.rojas@laserena.example.cl', password: 'clave-de-prueba-123' };
  let associationId: string;
  const env = () => ({ DATABASE_URL: db.url as string, DEMO: 'false', MAIL_WORKER: 'false', LOGIN_RATE_LIMIT: '100' });

  beforeAll(async () => {
    db = await createTestDatabase();
    // the officer and the association, made through the real services, then the portal runs as a process on them
    const ctx = await createTestApp({ database: db });
    await ctx.newUser({ ...officer, name: 'Carolina Rojas Vega', roles: [['municipal_officer', '04101']] });
    associationId = (await ctx.newAssociation({ name: 'Agrupación de Locatarios de La Recova' })).id;
    await ctx.close({ keepDatabase: true });
    watcher = new Client({ connectionString: db.url as string });
    await watcher.connect();
  }, 60_000);

  afterAll(async () => {
    portal?.kill();
    await watcher?.end();
    await db?.drop();
  });

  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await watcher.query(sql, params)).rows as T[];
  const membersOf = async (ruts: string[]) =>
    (
      await q<{ people: number; members: number; distinct_people: number }>(
        `SELECT (SELECT count(*) FROM person WHERE document_number = ANY($1))::int AS people,
                count(*)::int AS members, count(DISTINCT m.person_id)::int AS distinct_people
           FROM membership m JOIN person p ON p.id = m.person_id
          WHERE m.association_id = $2 AND p.document_number = ANY($1)`,
        [ruts, associationId],
      )
    )[0];

  it('leaves nothing half-imported, the upload can be confirmed again, and the retry imports every row once', async () => {
    const { csv, ruts } = rosterFile();
    portal = await PortalProcess.start(env());
    await portal.ready();
    const browser = await WebSession.signIn(portal.url, officer.email, officer.password);
    const formPath = `/organizaciones/${associationId}/socios/importar`;
    const form = new FormData();
    form.append('_csrf', await browser.csrf(formPath));
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'socios-recova.csv');
    const upload = await browser.postMultipart(formPath, form);
    expect(upload.status).toBe(303);
    const previewPath = upload.headers.get('location') as string;
    expect(previewPath).toMatch(new RegExp(`^${formPath}/[0-9a-f-]{36}$`));
    const importId = previewPath.split('/').pop();
    const preview = await browser.fetch(previewPath);
    const previewHtml = await preview.text();
    expect(preview.status).toBe(200);
    expect(previewHtml).toContain(`action="${previewPath}/confirmar"`);
    const token = /name="_csrf" value="([^"]+)"/.exec(previewHtml)![1];

    // Confirm, and SIGKILL the process once the import's transaction has begun inserting (its INSERT INTO person,
    // membership or membership_event is in pg_stat_activity while the transaction is open). On this machine the
    // transaction takes about a second after the file is parsed again, so a 10 ms poll lands well inside it.
    const confirming = browser.postForm(`${previewPath}/confirmar`, { _csrf: token }).catch((err: Error) => err);
    const deadline = Date.now() + 60_000;
    let caught: { pid: number; query: string } | null = null;
    while (!caught && Date.now() < deadline) {
      [caught] = await q<{ pid: number; query: string }>(
        `SELECT pid, left(query, 60) AS query FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
            AND query ~* '^\\s*INSERT INTO (person|membership|membership_event)\\M'`,
      );
      if (!caught) await new Promise((r) => setTimeout(r, 10));
    }
    expect(caught).not.toBeNull();
    const killedAt = Date.now();
    portal.kill();
    expect((await portal.exited).signal).toBe('SIGKILL');
    // the browser's request dies with the process: no answer at all
    expect(await confirming).toHaveProperty('message', 'fetch failed');

    // PostgreSQL ends the killed process's session and rolls its transaction back (locks released with it)
    while ((await q(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [caught!.pid])).length) {
      expect(Date.now() - killedAt).toBeLessThan(15_000);
      await new Promise((r) => setTimeout(r, 50));
    }
    // the kill landed before the commit: not one person or member of the file, no events, no audit row
    expect(await membersOf(ruts)).toEqual({ people: 0, members: 0, distinct_people: 0 });
    const events = async () =>
      (
        await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM membership_event e JOIN membership m ON m.id = e.membership_id
            WHERE m.association_id = $1 AND e.action = 'imported'`,
          [associationId],
        )
      )[0].n;
    const audits = async () =>
      q<{ imported: number; filename: string }>(
        `SELECT (details->>'imported')::int AS imported, details->>'filename' AS filename FROM audit_log
          WHERE action = 'roster.imported' AND object_id = $1`,
        [associationId],
      );
    expect(await events()).toBe(0);
    expect(await audits()).toEqual([]);
    // the kept upload is not marked imported: nothing is stuck "in progress"
    expect(await q(`SELECT imported_at FROM roster_import WHERE id = $1`, [importId])).toEqual([{ imported_at: null }]);

    // a new process: the same browser session still works, the preview offers the confirmation again
    portal = await PortalProcess.start({ ...env(), PORT: String(portal.port) }); // the same address for the browser
    await portal.ready();
    const again = await browser.fetch(previewPath);
    const againHtml = await again.text();
    expect(again.status).toBe(200);
    expect(againHtml).toContain(`action="${previewPath}/confirmar"`);
    expect(againHtml).not.toContain('table-danger');
    const retry = await browser.postForm(`${previewPath}/confirmar`, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(againHtml)![1],
    });
    expect([retry.status, retry.headers.get('location')]).toEqual([303, `/organizaciones/${associationId}/socios`]);
    const roster = await browser.fetch(`/organizaciones/${associationId}/socios`);
    expect(await roster.text()).toMatch(/Se importaron 10[.,]?000 socios/);

    // every row once, one event per member, one audit row for the one import
    expect(await membersOf(ruts)).toEqual({ people: ROWS, members: ROWS, distinct_people: ROWS });
    expect(await events()).toBe(ROWS);
    expect(await audits()).toEqual([{ imported: ROWS, filename: 'socios-recova.csv' }]);
    expect((await q(`SELECT imported_at FROM roster_import WHERE id = $1`, [importId]))[0].imported_at).not.toBeNull();
    // a second confirmation imports nothing more
    const twice = await browser.postForm(`${previewPath}/confirmar`, {
      _csrf: await browser.csrf(`/organizaciones/${associationId}/socios`),
    });
    expect(twice.status).toBeLessThan(500);
    expect(await membersOf(ruts)).toEqual({ people: ROWS, members: ROWS, distinct_people: ROWS });
    expect(await audits()).toHaveLength(1);
    expect(portal.stderr).not.toMatch(/"level":50|\bERROR\b/);
  }, 110_000);
});
