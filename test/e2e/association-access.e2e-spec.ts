import { createTestApp, TestContext } from '../support/test-app';

/** Association-scoped roles (API.md rights table): given by the commune's officer, reaching one association only. */
describe('access to an association', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
  });
  afterAll(() => ctx.close());

  it("La Serena's officer invites a president from the association page; she then keeps that roster and no other", async () => {
    const association = await ctx.newAssociation({ name: 'Barrio Comercial Avenida del Mar' });
    const other = await ctx.newAssociation({ name: 'Agrupación Cultural Coquimbo Norte' });
    const officer = await ctx.signIn(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    const outbox = await ctx.count('outbox_message');
    const res = await officer.agent
      .post(`/organizaciones/${association.id}/accesos`)
      .type('form')
      .send({
        _csrf: await officer.csrf(),
        name: 'Marisol Díaz Rojas',
        email: 'Marisol.Diaz@example.cl',
        role: 'association_officer',
      });
    expect(res.status).toBe(303);
    expect(await ctx.count('outbox_message')).toBe(outbox + 1); // the invitation
    const [user] = await ctx.query<{ id: string }>(`SELECT id FROM app_user WHERE email = 'marisol.diaz@example.cl'`);
    const roles = await ctx.query(`SELECT role, scope_type, scope_id FROM role_assignment WHERE user_id = $1`, [
      user.id,
    ]);
    expect(roles).toEqual([{ role: 'association_officer', scope_type: 'association', scope_id: association.id }]);
    const page = await officer.agent.get(`/organizaciones/${association.id}`).expect(200);
    expect(page.text).toContain('Marisol Díaz Rojas');

    // she sets a password (here directly) and works on her roster only
    await ctx.query(
      `UPDATE app_user SET password_hash = (SELECT password_hash FROM app_user WHERE id <> $1 AND password_hash IS NOT NULL LIMIT 1) WHERE id = $1`,
      [user.id],
    );
    const token = await ctx.apiToken({ email: 'marisol.diaz@example.cl', password: 'clave-de-prueba-123' });
    const auth = { Authorization: `Bearer ${token}` };
    await ctx.http
      .post(`/api/v1/associations/${association.id}/members`)
      .set(auth)
      .send({ rut: '12.345.678-5', fullName: 'Ana Pérez', birthDate: '1980-01-02', joinedOn: '2026-03-01' })
      .expect(201);
    await ctx.http.get(`/api/v1/associations/${other.id}/members`).set(auth).expect(404);
    const list = await ctx.http.get('/api/v1/associations').set(auth).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([association.id]);
  });

  it('a wrong e-mail on the access form is refused on that field, the input kept, nobody invited', async () => {
    const association = await ctx.newAssociation();
    const officer = await ctx.signIn(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    const users = await ctx.count('app_user');
    const res = await officer.agent
      .post(`/organizaciones/${association.id}/accesos`)
      .type('form')
      .send({ _csrf: await officer.csrf(), name: 'Pedro Soto', email: 'pedro-sin-arroba', role: 'association_member' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('El campo «Correo electrónico» debe ser un correo electrónico válido.');
    expect(res.text).toContain('value="Pedro Soto"');
    expect(await ctx.count('app_user')).toBe(users);
  });

  it("an officer of another commune cannot give roles on La Serena's associations, and an unknown association is no scope", async () => {
    const association = await ctx.newAssociation();
    const melipilla = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '13501']] }));
    const body = (scopeId: string) => ({
      email: `p.${Math.random().toString(36).slice(2, 8)}@example.cl`,
      name: 'Persona',
      roles: [{ role: 'association_officer', scopeType: 'association', scopeId }],
    });
    await ctx.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${melipilla}`)
      .send(body(association.id))
      .expect(403);
    const unknown = await ctx.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${melipilla}`)
      .send(body('00000000-0000-4000-8000-000000000000'));
    expect(unknown.status).toBe(422);
    expect(unknown.body.code ?? JSON.parse(unknown.text).code).toBe('SCOPE_NOT_FOUND');
    const serena = await ctx.apiToken(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    await ctx.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${serena}`)
      .send(body(association.id))
      .expect(201);
  });
});
