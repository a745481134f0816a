import { AuditService } from '../../../src/audit/audit.service';
import { createTestApp, TestContext } from '../../support/test-app';

describe('audit log', () => {
  let ctx: TestContext;
  let audit: AuditService;
  beforeAll(async () => {
    ctx = await createTestApp();
    audit = ctx.get(AuditService);
  });
  afterAll(() => ctx.close());

  const context = {
    userId: '5b1f2c44-2a0e-4b8e-9d3c-1f2e3d4c5b6a',
    role: 'municipal_officer',
    ip: '203.0.113.7',
    requestId: 'req-12345678',
  };

  it('records who, role, action, object, scope, IP, request id and details', async () => {
    await audit.record(
      context,
      {
        action: 'association.created',
        objectType: 'association',
        objectId: 'a1',
        scopeType: 'commune',
        scopeId: '04101',
        details: { name: 'Barrio Patrimonial La Serena' },
      },
      ctx.dataSource.manager,
    );
    const [row] = await ctx.query(
      `SELECT user_id, role, action, object_type, object_id, scope_type, scope_id, ip, request_id, details FROM audit_log WHERE object_id = 'a1'`,
    );
    expect(row).toEqual({
      user_id: context.userId,
      role: 'municipal_officer',
      action: 'association.created',
      object_type: 'association',
      object_id: 'a1',
      scope_type: 'commune',
      scope_id: '04101',
      ip: '203.0.113.7',
      request_id: 'req-12345678',
      details: { name: 'Barrio Patrimonial La Serena' },
    });
    // `at` comes from the app's clock (pinned in tests), like every other instant the portal records
    const [{ at }] = await ctx.query<{ at: Date }>(`SELECT at FROM audit_log WHERE object_id = 'a1'`);
    expect(at.toISOString()).toBe('2026-03-17T15:00:00.000Z');
  });

  it('DOM-DATA-1: never stores a password, a token or a full RUT', async () => {
    await audit.record(
      context,
      {
        action: 'login.failed',
        objectId: 'secret-check',
        details: {
          email: 'ana@example.cl',
          password: 'hunter2-hunter2',
          apiToken: 'qtk_abcdef',
          rut: '12.345.678-5',
          note: 'el socio 12345678-5 y 7.654.321-6 pidieron sus datos',
          userId: '50123456-7abc-4d12-8345-6789abcdef01',
          other: 'a5678-9123-87654329',
          nested: { newPassword: 'x', items: [{ sessionToken: 'y' }] },
        },
      },
      ctx.dataSource.manager,
    );
    const [{ details }] = await ctx.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE object_id = 'secret-check'`,
    );
    const raw = JSON.stringify(details);
    for (const secret of ['hunter2', 'qtk_abcdef', '12.345.678', '12345678', '7.654.321'])
      expect(raw).not.toContain(secret);
    expect(details).toMatchObject({
      email: 'ana@example.cl',
      password: '[oculto]',
      apiToken: '[oculto]',
      rut: '**.***.678-5',
      note: 'el socio **.***.678-5 y *.***.321-6 pidieron sus datos',
      userId: '50123456-7abc-4d12-8345-6789abcdef01', // a UUID is not a RUT
      other: 'a5678-9123-87654329',
      nested: { newPassword: '[oculto]', items: [{ sessionToken: '[oculto]' }] },
    });
  });

  it('keeps ids intact (a UUID may hold digit runs that look like a RUT) but masks an id that is a RUT', async () => {
    const uuid = '50123456-7abc-4d12-8345-6789abcdef01';
    await audit.record(context, { action: 'id.check', objectType: 'user', objectId: uuid }, ctx.dataSource.manager);
    await audit.record(
      context,
      { action: 'id.check', objectType: 'person', objectId: '12.345.678-5' },
      ctx.dataSource.manager,
    );
    const rows = await ctx.query<{ object_id: string }>(
      `SELECT object_id FROM audit_log WHERE action = 'id.check' ORDER BY id`,
    );
    expect(rows.map((r) => r.object_id)).toEqual([uuid, '**.***.678-5']);
  });

  it('commits with the business transaction or not at all', async () => {
    await expect(
      ctx.dataSource.transaction(async (em) => {
        await audit.record(context, { action: 'rolled.back', objectId: 'tx-check' }, em);
        throw new Error('la operación falló');
      }),
    ).rejects.toThrow('la operación falló');
    expect(await ctx.query(`SELECT 1 FROM audit_log WHERE object_id = 'tx-check'`)).toEqual([]);
  });

  it("refuses UPDATE, DELETE and TRUNCATE, even by the app's own database role", async () => {
    await audit.record(context, { action: 'immutable.check', objectId: 'immutable' }, ctx.dataSource.manager);
    await expect(ctx.query(`UPDATE audit_log SET action = 'tampered' WHERE object_id = 'immutable'`)).rejects.toThrow(
      /solo inserción: UPDATE/,
    );
    await expect(ctx.query(`DELETE FROM audit_log WHERE object_id = 'immutable'`)).rejects.toThrow(
      /solo inserción: DELETE/,
    );
    await expect(ctx.query(`TRUNCATE audit_log`)).rejects.toThrow(/solo inserción: TRUNCATE/);
    const rows = await ctx.query(`SELECT action FROM audit_log WHERE object_id = 'immutable'`);
    expect(rows).toEqual([{ action: 'immutable.check' }]);
  });
});
