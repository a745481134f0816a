import { DEMO_ASSOCIATION_IDS } from '../../../src/associations/associations.demo';
import { AssociationsService } from '../../../src/associations/associations.service';
import { isValidRut } from '../../../src/common/format/rut';
import { AuthService } from '../../../src/auth/auth.service';
import { createTestApp, TestContext } from '../../support/test-app';

/** The registry part of the demo is the stories of DOMAIN.md §1b, usable as they are. */
describe('registry demo data', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { DEMO: 'true' }, now: '2026-11-22T15:00:00Z' });
  });
  afterAll(() => ctx.close());

  it('Barrio Patrimonial La Serena is in formation with its 19 merchants of the historic centre, every RUT valid', async () => {
    const actor = (await ctx.get<AuthService>(AuthService).actorForUser((await ctx.query<{ id: string }>(`SELECT id FROM app_user WHERE email = 'dideco@laserena.demo.quorum.cl'`))[0].id, 'session'))!;
    const barrio = await ctx.get<AssociationsService>(AssociationsService).get(actor, DEMO_ASSOCIATION_IDS.barrioPatrimonial, {});
    expect(barrio).toMatchObject({ name: 'Barrio Patrimonial La Serena', kind: 'functional_organization', status: 'in_formation', membersActive: 19, foundersMinimum: 15 });
    const members = await ctx.query<{ document_number: string; business_category: string; full_name: string }>(
      `SELECT p.document_number, m.business_category, p.full_name FROM membership m JOIN person p ON p.id = m.person_id WHERE m.association_id = $1`,
      [DEMO_ASSOCIATION_IDS.barrioPatrimonial],
    );
    expect(members).toHaveLength(19);
    expect(members.every((m) => isValidRut(m.document_number))).toBe(true);
    const categories = new Set(members.map((m) => m.business_category));
    for (const c of ['Pub / bar', 'Restaurante', 'Peluquería']) expect(categories).toContain(c);
  });

  it('the demo president is an officer of the association, linked to her own member record', async () => {
    const [row] = await ctx.query<{ person_id: string; role: string; scope_id: string }>(
      `SELECT u.person_id, r.role, r.scope_id FROM app_user u JOIN role_assignment r ON r.user_id = u.id WHERE u.email = 'presidencia@barriopatrimonial.demo.quorum.cl'`,
    );
    expect(row).toMatchObject({ role: 'association_officer', scope_id: DEMO_ASSOCIATION_IDS.barrioPatrimonial });
    expect(await ctx.query(`SELECT 1 FROM membership WHERE person_id = $1 AND association_id = $2 AND status = 'active'`, [row.person_id, DEMO_ASSOCIATION_IDS.barrioPatrimonial])).toHaveLength(1);
  });

  it('two juntas de vecinos of La Serena, one below the legal minimum with the DOM-ORG-11 warning; a merchant is also a neighbour (one person record)', async () => {
    const admin = (await ctx.get<AuthService>(AuthService).actorForUser((await ctx.query<{ id: string }>(`SELECT id FROM app_user WHERE email = 'admin@demo.quorum.cl'`))[0].id, 'session'))!;
    const service = ctx.get<AssociationsService>(AssociationsService);
    const { items } = await service.registry(admin, { communeCode: '04101', kind: 'neighbourhood_council' });
    expect(items.map((i) => [i.name, i.membersActive >= i.foundersMinimum, i.warnings.map((w) => w.code)])).toEqual([
      ['Junta de Vecinos Las Compañías Norte', false, ['MEMBERS_BELOW_MINIMUM']],
      ['Junta de Vecinos N.º 12 Centro Histórico', true, []],
    ]);
    const shared = await ctx.query(`SELECT person_id FROM membership GROUP BY person_id HAVING count(*) > 1`);
    expect(shared).toHaveLength(1);
  });

  it('El Porvenir keeps a neighbourhood security board, a market and a soup kitchen with their contacts; the board\'s recognition is about to lapse', async () => {
    const admin = (await ctx.get<AuthService>(AuthService).actorForUser((await ctx.query<{ id: string }>(`SELECT id FROM app_user WHERE email = 'admin@demo.quorum.cl'`))[0].id, 'session'))!;
    const { items } = await ctx.get<AssociationsService>(AssociationsService).registry(admin, { communeCode: 'PE-130102' });
    expect(items.map((i) => i.kind).sort()).toEqual(['market', 'neighbourhood_security_board', 'soup_kitchen']);
    const board = items.find((i) => i.kind === 'neighbourhood_security_board')!;
    // DOM-ORG-14: recognised 2025-01-20 for 2 years; on 2026-11-22 it lapses in 59 days
    expect(board.warnings).toEqual([{ code: 'RECOGNITION_EXPIRING', dueOn: '2027-01-20' }]);
    const contacts = await ctx.query<{ contact_name: string; contact_phone: string }>(`SELECT contact_name, contact_phone FROM association WHERE commune_code = 'PE-130102'`);
    expect(contacts.every((c) => c.contact_name && c.contact_phone)).toBe(true);
    const dnis = await ctx.query<{ document_type: string; document_number: string }>(
      `SELECT DISTINCT p.document_type, p.document_number FROM person p JOIN membership m ON m.person_id = p.id JOIN association a ON a.id = m.association_id WHERE a.commune_code = 'PE-130102'`,
    );
    expect(dnis.length).toBeGreaterThan(0);
    expect(dnis.every((d) => d.document_type === 'dni' && /^\d{8}$/.test(d.document_number))).toBe(true);
  });
});
