import { ConsentRegistry, type ConsentSubject } from '../../../src/people/consent-registry.service';
import { createTestApp, TestContext } from '../../support/test-app';

/** DOM-DATA-2, DOM-PRG-3: consent records (who, when, text version, withdrawal) of the platform's people module. */
describe('consent records', () => {
  let ctx: TestContext;
  let consents: ConsentRegistry;
  let associationId: string;
  let personId: string;
  const program = { type: 'program' as const, id: '2f0c8e0a-6a43-4f4e-9d6f-7f8a1b2c3d4e' };
  const officer = { id: '5b1f2c44-2a0e-4b8e-9d3c-1f2e3d4c5b6a', name: 'Claudia Muñoz Araya' };

  beforeAll(async () => {
    ctx = await createTestApp({ now: '2026-12-01T15:00:00Z' });
    consents = ctx.get(ConsentRegistry);
    associationId = (await ctx.newAssociation({ name: 'Barrio Patrimonial La Serena' })).id;
    personId = (await ctx.newMember(associationId)).personId;
  });
  afterAll(() => ctx.close());

  it('DOM-PRG-3: a roster shared with a program records who, when and the text version; a second grant records nothing new', async () => {
    const at = new Date('2026-12-01T15:00:00Z');
    const first = await ctx.dataSource.transaction((em) =>
      consents.grant({ associationId }, program, 'roster-2026-12', officer, at, em),
    );
    expect(first.created).toBe(true);
    expect(first.consent).toMatchObject({
      textVersion: 'roster-2026-12',
      grantedBy: officer.id,
      grantedByName: officer.name,
      withdrawnAt: null,
    });
    expect(first.consent.grantedAt.toISOString()).toBe(at.toISOString());
    const again = await ctx.dataSource.transaction((em) =>
      consents.grant({ associationId }, program, 'roster-2026-12', officer, new Date(), em),
    );
    expect(again).toEqual({ consent: first.consent, created: false });
    expect(await ctx.count('consent')).toBe(1);
    expect(await consents.active({ associationId }, program)).toEqual(first.consent);
  });

  it('DOM-PRG-3: a withdrawal takes effect at once and keeps the history; consenting again is a new record', async () => {
    const withdrawnAt = new Date('2026-12-02T10:00:00Z');
    const withdrawn = await ctx.dataSource.transaction((em) =>
      consents.withdraw({ associationId }, program, officer, withdrawnAt, em),
    );
    expect(withdrawn?.withdrawnAt?.toISOString()).toBe(withdrawnAt.toISOString());
    expect(await consents.active({ associationId }, program)).toBeNull();
    // nothing in force: withdrawing again changes nothing
    expect(
      await ctx.dataSource.transaction((em) => consents.withdraw({ associationId }, program, officer, new Date(), em)),
    ).toBeNull();
    await ctx.dataSource.transaction((em) =>
      consents.grant({ associationId }, program, 'roster-2027-01', officer, new Date('2027-01-05T12:00:00Z'), em),
    );
    const history = await consents.history({ associationId });
    expect(history.map((h) => [h.textVersion, h.withdrawnAt !== null])).toEqual([
      ['roster-2027-01', false],
      ['roster-2026-12', true],
    ]);
  });

  it('DOM-PRG-3: agreeing to a new text version closes the consent to the old text and records the new one', async () => {
    const other = { type: 'program' as const, id: '9b2d4f1e-3c5a-4e7b-8d9f-0a1b2c3d4e5f' };
    await ctx.dataSource.transaction((em) =>
      consents.grant({ associationId }, other, 'v1', officer, new Date('2026-12-01T16:00:00Z'), em),
    );
    const second = await ctx.dataSource.transaction((em) =>
      consents.grant({ associationId }, other, 'v2', officer, new Date('2026-12-03T16:00:00Z'), em),
    );
    expect(second.created).toBe(true);
    expect((await consents.active({ associationId }, other))?.textVersion).toBe('v2');
    const rows = await ctx.query<{ text_version: string; withdrawn: boolean }>(
      `SELECT text_version, withdrawn_at IS NOT NULL AS withdrawn FROM consent WHERE recipient_id = $1 ORDER BY granted_at`,
      [other.id],
    );
    expect(rows).toEqual([
      { text_version: 'v1', withdrawn: true },
      { text_version: 'v2', withdrawn: false },
    ]);
  });

  it('a consent names exactly one subject by id: an empty or doubled subject is refused before any query', async () => {
    await expect(consents.active({ associationId: '' }, program)).rejects.toThrow(TypeError);
    await expect(consents.active({ personId, associationId } as unknown as ConsentSubject, program)).rejects.toThrow(
      TypeError,
    );
  });

  it('DOM-PRG-3: two grants at the same time record one consent', async () => {
    const other = { type: 'program' as const, id: '7c9e6679-7425-40de-944b-e07fc1f90ae7' };
    const results = await Promise.all(
      [1, 2].map(() =>
        ctx.dataSource.transaction((em) =>
          consents.grant({ associationId }, other, 'roster-2026-12', officer, new Date(), em),
        ),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0].consent.id).toBe(results[1].consent.id);
    expect(await ctx.query(`SELECT id FROM consent WHERE recipient_id = $1`, [other.id])).toHaveLength(1);
  });

  it("DOM-DATA-2: a person's own consent is kept apart from the roster's, and the database refuses a record with no subject", async () => {
    await ctx.dataSource.transaction((em) =>
      consents.grant({ personId }, program, 'beneficiario-2026-12', officer, new Date(), em),
    );
    expect((await consents.active({ personId }, program))?.textVersion).toBe('beneficiario-2026-12');
    expect((await consents.history({ personId })).length).toBe(1);
    await expect(
      ctx.query(
        `INSERT INTO consent (recipient_type, recipient_id, text_version, granted_by, granted_by_name, granted_at) VALUES ('program', $1, 'x', $2, 'x', now())`,
        [program.id, officer.id],
      ),
    ).rejects.toThrow(/CK_consent_subject/);
  });
});
