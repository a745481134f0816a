import { PasswordHasher } from '../../src/auth/password-hasher';
import { lockoutMs } from '../../src/auth/auth.service';
import { OutboxWorker } from '../../src/mail/outbox.worker';
import { SmtpPeer } from '../support/smtp-peer';
import { createTestApp, TestContext } from '../support/test-app';

const formToken = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('identity: passwords, login, sessions, CSRF', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' } });
  });
  afterAll(() => ctx.close());

  it('stores argon2id hashes with m=19456, t=2, p=1 and rehashes weaker ones at the next login', async () => {
    const user = await ctx.newUser({ password: 'una frase bastante larga' });
    const [{ password_hash }] = await ctx.query<{ password_hash: string }>(
      `SELECT password_hash FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    // a hash made with older, weaker parameters
    const { argon2id } = await import('hash-wasm');
    const weak = await argon2id({
      password: 'una frase bastante larga',
      salt: Buffer.alloc(16, 7),
      memorySize: 4096,
      iterations: 1,
      parallelism: 1,
      hashLength: 32,
      outputType: 'encoded',
    });
    await ctx.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [user.id, weak]);
    expect(ctx.get<PasswordHasher>(PasswordHasher).needsRehash(weak)).toBe(true);
    await ctx.signIn(user);
    const [{ password_hash: after }] = await ctx.query<{ password_hash: string }>(
      `SELECT password_hash FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(after).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('signs in with the login form as the page renders it (an empty "volver" when nobody sent the user there)', async () => {
    const user = await ctx.newUser();
    const form = await ctx.openForm('/ingresar');
    expect(form.page.text).toContain('name="volver" value=""');
    const res = await form.submit('/ingresar', { email: user.email, password: user.password, volver: '' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/'); // no role yet: the home page
    // someone with work to do lands on it: the registry of their organisations
    const officer = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    const officerForm = await ctx.openForm('/ingresar');
    const landed = await officerForm.submit('/ingresar', {
      email: officer.email,
      password: officer.password,
      volver: '',
    });
    expect(landed.headers.location).toBe('/organizaciones');
  });

  it('refuses a 1 MB password with 400 before hashing it, and nothing is written', async () => {
    const before = await ctx.count('audit_log');
    const res = await ctx.http
      .post('/api/v1/auth/tokens')
      .send({ email: 'x@example.cl', password: 'a'.repeat(1_000_000) });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).errors).toEqual([
      { field: 'password', message: 'El campo password admite como máximo 256 caracteres.' },
    ]);
    // refused by validation, before the service: no failed-login row either (the service would have written one)
    expect(await ctx.count('audit_log')).toBe(before);
  });

  it('answers an unknown e-mail and a wrong password with the same words, and audits the failure without the password', async () => {
    const user = await ctx.newUser();
    const unknown = await ctx.http
      .post('/api/v1/auth/tokens')
      .send({ email: 'nadie@example.cl', password: 'lo-que-sea-123' })
      .expect(401);
    const wrong = await ctx.http
      .post('/api/v1/auth/tokens')
      .send({ email: user.email, password: 'otra-clave-123' })
      .expect(401);
    expect(JSON.parse(unknown.text)).toEqual(JSON.parse(wrong.text));
    expect(JSON.parse(wrong.text).detail).toBe('El correo o la contraseña no son correctos.');
    const rows = await ctx.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toContain('otra-clave-123');
    expect(JSON.stringify(rows)).not.toContain('lo-que-sea-123');
  });

  it('locks an account with a growing delay after 5 failures, whatever the IP', async () => {
    expect([4, 5, 6, 7, 20].map(lockoutMs)).toEqual([0, 30_000, 60_000, 120_000, 900_000]);
    const user = await ctx.newUser();
    for (let i = 0; i < 5; i++)
      await ctx.http.post('/api/v1/auth/tokens').send({ email: user.email, password: 'mala-clave-000' }).expect(401);
    // the right password is refused while locked, with the same message
    const locked = await ctx.http
      .post('/api/v1/auth/tokens')
      .send({ email: user.email, password: user.password })
      .expect(401);
    expect(JSON.parse(locked.text).detail).toBe('El correo o la contraseña no son correctos.');
    ctx.clock.advance(31_000);
    await ctx.http.post('/api/v1/auth/tokens').send({ email: user.email, password: user.password }).expect(201);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, regenerates it at login, and rejects the old id after logout', async () => {
    const user = await ctx.newUser();
    const { agent } = await ctx.signIn(user);
    const page = await agent.get('/cuenta').expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain(user.email);
    // the cookie as the browser keeps it
    const login = await ctx.http.get('/ingresar');
    const cookie = (login.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('quorum.sid='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; Secure with an https PUBLIC_URL
    // the id before login is not the id after
    const anonymousSid = cookie.split(';')[0];
    const token = formToken(login.text);
    const signedIn = await ctx.http
      .post('/ingresar')
      .set('Cookie', anonymousSid)
      .type('form')
      .send({ _csrf: token, email: user.email, password: user.password })
      .expect(303);
    const newSid = (signedIn.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('quorum.sid='))!
      .split(';')[0];
    expect(newSid).not.toBe(anonymousSid);
    await ctx.http.get('/cuenta').set('Cookie', anonymousSid).expect(303); // the pre-login id grants nothing
    await ctx.http.get('/cuenta').set('Cookie', newSid).expect(200);
    // logout destroys the session: the same cookie no longer works
    const accountPage = await ctx.http.get('/cuenta').set('Cookie', newSid);
    await ctx.http
      .post('/salir')
      .set('Cookie', newSid)
      .type('form')
      .send({ _csrf: formToken(accountPage.text) })
      .expect(303);
    const after = await ctx.http.get('/cuenta').set('Cookie', newSid).expect(303);
    expect(after.headers.location).toBe('/ingresar?volver=%2Fcuenta');
  });

  it('marks the cookie Secure when the portal is served over TLS', async () => {
    // TLS ends at the reverse proxy, which says so in X-Forwarded-Proto
    const tls = await createTestApp({ env: { PUBLIC_URL: 'https://quorum.example.cl', TRUST_PROXY: 'loopback' } });
    try {
      const res = await tls.http.get('/ingresar').set('X-Forwarded-Proto', 'https');
      expect((res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('quorum.sid='))).toMatch(
        /Secure/,
      );
      expect(res.headers['strict-transport-security']).toBeDefined();
    } finally {
      await tls.close();
    }
  });

  it('ends a session after 30 minutes without activity', async () => {
    const user = await ctx.newUser();
    const { agent } = await ctx.signIn(user);
    await agent.get('/cuenta').expect(200);
    await ctx.query(`UPDATE user_session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    await agent.get('/cuenta').expect(303);
    // and each request pushes the idle limit 30 minutes ahead
    const second = await ctx.signIn(user);
    await second.agent.get('/cuenta').expect(200);
    const [{ minutes }] = await ctx.query<{ minutes: number }>(
      `SELECT round(extract(epoch from (max(expires_at) - now())) / 60)::int AS minutes FROM user_session WHERE user_id = $1`,
      [user.id],
    );
    expect(minutes).toBe(30);
  });

  it('ends a session after 12 hours however active it is', async () => {
    const user = await ctx.newUser();
    const { agent } = await ctx.signIn(user);
    await agent.get('/cuenta').expect(200);
    await ctx.query(
      `UPDATE user_session SET data = jsonb_set(data, '{createdAt}', to_jsonb((extract(epoch from now()) * 1000 - 12.5 * 3600 * 1000)::bigint)) WHERE user_id = $1`,
      [user.id],
    );
    await agent.get('/cuenta').expect(303);
    expect(await ctx.query(`SELECT 1 FROM user_session WHERE user_id = $1`, [user.id])).toEqual([]);
  });

  it("refuses a POST without a CSRF token or with another session's token (403), changing nothing", async () => {
    const admin = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const other = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const target = await ctx.newUser();
    const before = await ctx.count('role_assignment');
    const missing = await admin.agent
      .post(`/admin/usuarios/${target.id}/roles`)
      .type('form')
      .send({ role: 'faith_minister', scopeId: '04101' });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('El formulario expiró o no es válido');
    const foreign = await admin.agent
      .post(`/admin/usuarios/${target.id}/roles`)
      .type('form')
      .send({ _csrf: await other.csrf(), role: 'faith_minister', scopeId: '04101' });
    expect(foreign.status).toBe(403);
    expect(await ctx.count('role_assignment')).toBe(before);
    // with its own token the same request works
    await admin.agent
      .post(`/admin/usuarios/${target.id}/roles`)
      .type('form')
      .send({ _csrf: await admin.csrf(), role: 'faith_minister', scopeId: '04101' })
      .expect(303);
    expect(await ctx.count('role_assignment')).toBe(before + 1);
  });

  it('refuses extra fields (role, scopeId) in a form or a JSON body with 400 and changes nothing', async () => {
    const user = await ctx.newUser();
    const before = await ctx.count('role_assignment');
    const tokensBefore = await ctx.count('api_token');
    const login = await ctx.openForm('/ingresar');
    const form = await login.submit('/ingresar', {
      email: user.email,
      password: user.password,
      role: 'admin',
      scopeId: '04101',
    });
    expect(form.status).toBe(400);
    expect(form.text).toContain('El campo role no está permitido.');
    expect(form.text).toContain(`value="${user.email}"`); // the form keeps what was typed
    const json = await ctx.http
      .post('/api/v1/auth/tokens')
      .send({ email: user.email, password: user.password, role: 'admin' })
      .expect(400);
    expect(JSON.parse(json.text).errors).toEqual([{ field: 'role', message: 'El campo role no está permitido.' }]);
    expect(await ctx.count('role_assignment')).toBe(before);
    expect(await ctx.count('api_token')).toBe(tokensBefore);
    const [{ last_login_at }] = await ctx.query(`SELECT last_login_at FROM app_user WHERE id = $1`, [user.id]);
    expect(last_login_at).toBeNull(); // nobody signed in
  });

  it('sends security headers on the login redirect (303) too', async () => {
    const res = await ctx.http.get('/cuenta').expect(303);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('identity: login rate limit', () => {
  it('answers the 6th login attempt in a minute from one IP with 429 and Retry-After', async () => {
    const ctx = await createTestApp();
    try {
      for (let i = 0; i < 5; i++)
        await ctx.http
          .post('/api/v1/auth/tokens')
          .send({ email: 'a@example.cl', password: 'clave-erronea-1' })
          .expect(401);
      const refused = await ctx.http
        .post('/api/v1/auth/tokens')
        .send({ email: 'a@example.cl', password: 'clave-erronea-1' })
        .expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(refused.text).title).toBe('Demasiados intentos');
      // the HTML login shares the budget
      await (
        await ctx.openForm('/ingresar')
      )
        .submit('/ingresar', { email: 'a@example.cl', password: 'x-x-x-x-x' })
        .expect(429);
    } finally {
      await ctx.close();
    }
  });
});

describe('identity: tokens, users API, invitations and resets by mail', () => {
  let peer: SmtpPeer;
  let ctx: TestContext;
  beforeAll(async () => {
    peer = await SmtpPeer.start();
    ctx = await createTestApp({
      env: { SMTP_URL: peer.url, MAIL_WORKER: 'false', LOGIN_RATE_LIMIT: '1000', PUBLIC_URL: 'http://127.0.0.1' },
    });
  });
  afterAll(async () => {
    await ctx.close();
    await peer.stop();
  });

  const worker = () => ctx.get<OutboxWorker>(OutboxWorker);

  it('POST /api/v1/auth/tokens gives a Bearer token for GET /api/v1/me; no or bad token is 401', async () => {
    const user = await ctx.newUser({ name: 'Carolina Rojas', roles: [['municipal_officer', '04101']] });
    const res = await ctx.http
      .post('/api/v1/auth/tokens')
      .send({ email: user.email.toUpperCase(), password: user.password })
      .expect(201);
    expect(res.body.token).toMatch(/^qrm_/);
    expect(new Date(res.body.expiresAt).getTime() - ctx.clock.now().getTime()).toBe(30 * 86_400_000);
    const me = await ctx.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.token}`).expect(200);
    expect(me.body).toEqual({
      id: user.id,
      email: user.email,
      name: 'Carolina Rojas',
      roles: [{ role: 'municipal_officer', scopeType: 'commune', scopeId: '04101' }],
    });
    await ctx.http.get('/api/v1/me').expect(401);
    await ctx.http.get('/api/v1/me').set('Authorization', 'Bearer qrm_nope_nope_nope_nope_nope').expect(401);
    // the token is stored hashed only
    const [{ n }] = await ctx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM api_token WHERE token_hash = $1 OR prefix = $1`,
      [res.body.token],
    );
    expect(n).toBe(0);
  });

  it('a user revokes their own API token from /cuenta and it stops working at once', async () => {
    const user = await ctx.newUser();
    const token = await ctx.apiToken(user);
    await ctx.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
    const { agent, csrf } = await ctx.signIn(user);
    const page = await agent.get('/cuenta').expect(200);
    const id = /action="\/cuenta\/tokens\/([0-9a-f-]{36})\/revocar"/.exec(page.text)![1];
    await agent
      .post(`/cuenta/tokens/${id}/revocar`)
      .type('form')
      .send({ _csrf: await csrf() })
      .expect(303);
    await ctx.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
    // another user cannot revoke it (not found for them)
    const other = await ctx.signIn(await ctx.newUser());
    await other.agent
      .post(`/cuenta/tokens/${id}/revocar`)
      .type('form')
      .send({ _csrf: await other.csrf() })
      .expect(404);
  });

  it('an officer asking for a user of another commune gets the same 404 as for no user, and the refusal is audited', async () => {
    const melipilla = await ctx.newUser({ roles: [['faith_minister', '13501']] });
    const officer = await ctx.signIn(await ctx.newUser({ roles: [['municipal_officer', '04101']] }));
    const hidden = await officer.agent.get(`/admin/usuarios/${melipilla.id}`).expect(404);
    const missing = await officer.agent.get('/admin/usuarios/00000000-0000-4000-8000-000000000000').expect(404);
    const main = (html: string) => html.match(/<main[\s\S]*<\/main>/)?.[0].replace(/<code>[^<]*<\/code>/, '');
    expect(main(hidden.text)).toBe(main(missing.text));
    const [{ n }] = await ctx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND object_id = $1`,
      [melipilla.id],
    );
    expect(n).toBe(1);
    // nor can they act on that user
    await officer.agent
      .post(`/admin/usuarios/${melipilla.id}/desactivar`)
      .type('form')
      .send({ _csrf: await officer.csrf() })
      .expect(404);
    const [{ disabled_at }] = await ctx.query(`SELECT disabled_at FROM app_user WHERE id = $1`, [melipilla.id]);
    expect(disabled_at).toBeNull();
  });

  it('a municipal officer invites a faith minister of their commune; the invitation is read from SMTP and followed to a working login', async () => {
    const officer = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    const token = await ctx.apiToken(officer);
    const created = await ctx.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .send({
        email: 'ministra@example.cl',
        name: 'Jimena Araya',
        roles: [{ role: 'faith_minister', scopeType: 'commune', scopeId: '04101' }],
      })
      .expect(201);
    expect(created.body.roles).toEqual([{ role: 'faith_minister', scopeType: 'commune', scopeId: '04101' }]);
    // outside their commune, or a role they may not give: 403, nothing written
    const users = await ctx.count('app_user');
    await ctx.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .send({
        email: 'x@example.cl',
        name: 'Xu Li',
        roles: [{ role: 'faith_minister', scopeType: 'commune', scopeId: '13501' }],
      })
      .expect(403);
    await ctx.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ email: 'y@example.cl', name: 'Yolanda', roles: [{ role: 'admin', scopeType: 'platform' }] })
      .expect(403);
    expect(await ctx.count('app_user')).toBe(users);

    await worker().runOnce();
    const [mail] = await peer.waitFor(1);
    expect(mail.subject).toBe('Invitación a Quórum');
    const link = /http:\/\/127\.0\.0\.1(\/clave\/nueva\?token=[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1];
    const form = await ctx.openForm(link);
    expect(form.page.status).toBe(200);
    const tokenValue = new URL(`http://x${link}`).searchParams.get('token');
    const mismatch = await form.submit('/clave/nueva', {
      token: tokenValue,
      password: 'mi clave nueva',
      passwordConfirmation: 'otra',
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.text).toContain('La confirmación no coincide con la contraseña.');
    await form
      .submit('/clave/nueva', { token: tokenValue, password: 'mi clave nueva', passwordConfirmation: 'mi clave nueva' })
      .expect(303);
    const { agent } = await ctx.signIn({ email: 'ministra@example.cl', password: 'mi clave nueva' });
    expect((await agent.get('/cuenta').expect(200)).text).toContain('Ministro de fe');
    // the link works once
    expect((await ctx.http.get(link)).status).toBe(410);
  });

  it('"forgot password" answers the same for known and unknown addresses and mails a 1-hour single-use link', async () => {
    const user = await ctx.newUser({ password: 'la-clave-vieja-1' });
    peer.messages.splice(0);
    const ask = async (email: string) => {
      return (await ctx.openForm('/clave/olvide')).submit('/clave/olvide', { email }).expect(200);
    };
    const known = await ask(user.email);
    const unknown = await ask('nadie.nunca@example.cl');
    const body = (html: string) =>
      html
        .replace(/name="_csrf" value="[^"]+"/g, '')
        .replace(/<code>[^<]*<\/code>/g, '')
        .match(/<main[\s\S]*<\/main>/)?.[0];
    expect(body(known.text)?.replace(user.email, 'X')).toBe(body(unknown.text)?.replace('nadie.nunca@example.cl', 'X'));
    await worker().runOnce();
    const mails = await peer.waitFor(1);
    expect(mails.map((m) => m.subject)).toEqual(['Crear una contraseña nueva en Quórum']);
    const link = /(\/clave\/nueva\?token=[A-Za-z0-9_-]+)/.exec(mails[0].text ?? '')![1];
    ctx.clock.advance(61 * 60_000); // one hour and a minute later the link no longer works
    expect((await ctx.http.get(link)).status).toBe(410);
  });

  it('disabling a user ends their sessions and revokes their tokens at once; a role change applies on the next request', async () => {
    const admin = await ctx.signIn(await ctx.newUser({ roles: [['admin', null]] }));
    const officer = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    const officerToken = await ctx.apiToken(officer);
    const officerWeb = await ctx.signIn(officer);
    await officerWeb.agent.get('/admin/usuarios').expect(200);
    // role removed: the next request already lacks it
    await admin.agent
      .post(`/admin/usuarios/${officer.id}/roles/quitar`)
      .type('form')
      .send({ _csrf: await admin.csrf(), role: 'municipal_officer', scopeId: '04101' })
      .expect(303);
    await officerWeb.agent.get('/admin/usuarios').expect(403);
    // disabled: session and token stop working
    await admin.agent
      .post(`/admin/usuarios/${officer.id}/desactivar`)
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(303);
    await officerWeb.agent.get('/cuenta').expect(303);
    await ctx.http.get('/api/v1/me').set('Authorization', `Bearer ${officerToken}`).expect(401);
    expect(await ctx.query(`SELECT 1 FROM user_session WHERE user_id = $1`, [officer.id])).toEqual([]);
    const actions = await ctx.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`,
      [officer.id],
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['user.role_removed', 'user.disabled', 'auth.login']),
    );
  });
});

describe('identity: limits of a municipal officer, races and spent links', () => {
  let peer: SmtpPeer;
  let ctx: TestContext;
  beforeAll(async () => {
    peer = await SmtpPeer.start();
    ctx = await createTestApp({ env: { SMTP_URL: peer.url, MAIL_WORKER: 'false', LOGIN_RATE_LIMIT: '1000' } });
  });
  afterAll(async () => {
    await ctx.close();
    await peer.stop();
  });

  it('an officer may not give admin or officer roles, set passwords or link persons, nor disable people with roles elsewhere', async () => {
    const officerUser = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    const officer = await ctx.signIn(officerUser);
    const token = await ctx.apiToken(officerUser);
    const twoCommunes = await ctx.newUser({
      roles: [
        ['faith_minister', '04101'],
        ['faith_minister', '13501'],
      ],
    });
    const colleague = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    const snapshot = async () => ({
      users: await ctx.count('app_user'),
      roles: await ctx.count('role_assignment'),
      disabled: (await ctx.query(`SELECT id FROM app_user WHERE disabled_at IS NOT NULL`)).length,
    });
    const before = await snapshot();
    await officer.agent
      .post(`/admin/usuarios/${twoCommunes.id}/roles`)
      .type('form')
      .send({ _csrf: await officer.csrf(), role: 'admin' })
      .expect(403);
    await officer.agent
      .post(`/admin/usuarios/${twoCommunes.id}/roles`)
      .type('form')
      .send({ _csrf: await officer.csrf(), role: 'municipal_officer', scopeId: '04101' })
      .expect(403);
    await officer.agent
      .post(`/admin/usuarios/${twoCommunes.id}/roles/quitar`)
      .type('form')
      .send({ _csrf: await officer.csrf(), role: 'faith_minister', scopeId: '13501' })
      .expect(403);
    await officer.agent
      .post(`/admin/usuarios/${twoCommunes.id}/desactivar`)
      .type('form')
      .send({ _csrf: await officer.csrf() })
      .expect(403);
    await officer.agent
      .post(`/admin/usuarios/${colleague.id}/desactivar`)
      .type('form')
      .send({ _csrf: await officer.csrf() })
      .expect(403);
    const roles = [{ role: 'faith_minister', scopeType: 'commune', scopeId: '04101' }];
    await ctx.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ email: 'a1@example.cl', name: 'Con Clave', password: 'una-clave-propia', roles })
      .expect(403);
    await ctx.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ email: 'a2@example.cl', name: 'Con Persona', personId: '6b8e2b4e-0000-4000-8000-000000000001', roles })
      .expect(403);
    await ctx.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${token}`)
      .send({ email: 'a3@example.cl', name: 'Extra', roles, disabledAt: null, isAdmin: true })
      .expect(400);
    expect(await snapshot()).toEqual(before);
    // the officer sees only the roles of their commune
    const page = await officer.agent.get(`/admin/usuarios/${twoCommunes.id}`).expect(200);
    expect(page.text).toContain('04101');
    expect(page.text).not.toContain('13501');
  });

  it('counts every one of many concurrent wrong passwords', async () => {
    const user = await ctx.newUser();
    await Promise.all(
      Array.from({ length: 8 }, () =>
        ctx.http.post('/api/v1/auth/tokens').send({ email: user.email, password: 'mala-clave-999' }),
      ),
    );
    const [{ failed_logins }] = await ctx.query<{ failed_logins: number }>(
      `SELECT failed_logins FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(failed_logins).toBe(8);
  });

  it('answers concurrent creations of the same e-mail with one 201 and 409s, never a 500', async () => {
    const admin = await ctx.newUser({ roles: [['admin', null]] });
    const token = await ctx.apiToken(admin);
    const results = await Promise.all(
      Array.from({ length: 3 }, () =>
        ctx.http
          .post('/api/v1/users')
          .set('Authorization', `Bearer ${token}`)
          .send({ email: 'carrera@example.cl', name: 'Carrera', password: 'clave-de-carrera', roles: [] }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
  });

  it('a reset followed to the end: the new password works, the old one and the links and tokens it opened do not', async () => {
    const admin = await ctx.newUser({ roles: [['admin', null]] });
    const adminToken = await ctx.apiToken(admin);
    await ctx.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ email: 'olvidadiza@example.cl', name: 'Olvidadiza', roles: [] })
      .expect(201);
    const worker = ctx.get<OutboxWorker>(OutboxWorker);
    peer.messages.splice(0);
    await worker.runOnce();
    const invitation = /(\/clave\/nueva\?token=[A-Za-z0-9_-]+)/.exec((await peer.waitFor(1))[0].text ?? '')![1];
    // she asks for a reset instead of using the invitation, twice: only the newest reset link works
    const askReset = async () => {
      await (
        await ctx.openForm('/clave/olvide')
      )
        .submit('/clave/olvide', { email: 'olvidadiza@example.cl' })
        .expect(200);
    };
    await askReset();
    await askReset();
    await worker.runOnce();
    const mails = await peer.waitFor(3);
    const resets = mails.slice(1).map((m) => /(\/clave\/nueva\?token=[A-Za-z0-9_-]+)/.exec(m.text ?? '')![1]);
    expect((await ctx.http.get(resets[0])).status).toBe(410);
    const form = await ctx.openForm(resets[1]);
    expect(form.page.status).toBe(200);
    const token = new URL(`http://x${resets[1]}`).searchParams.get('token');
    await form
      .submit('/clave/nueva', { token, password: 'recordada al fin', passwordConfirmation: 'recordada al fin' })
      .expect(303);
    await ctx.signIn({ email: 'olvidadiza@example.cl', password: 'recordada al fin' });
    expect((await ctx.http.get(invitation)).status).toBe(410); // the invitation is spent too
    expect((await ctx.http.get(resets[1])).status).toBe(410);
    // the outbox page shows these mails with their links masked
    const adminWeb = await ctx.signIn(admin);
    const [{ id }] = await ctx.query<{ id: string }>(
      `SELECT id FROM outbox_message WHERE kind = 'password-reset' ORDER BY created_at DESC LIMIT 1`,
    );
    const shown = await adminWeb.agent.get(`/admin/outbox/${id}`).expect(200);
    expect(shown.text).toContain('token&#x3D;[oculto]'); // "=" as Handlebars escapes it
    expect(shown.text).not.toContain(token!);
    expect((await adminWeb.agent.get(`/admin/outbox/${id}/html`).expect(200)).text).not.toContain(token!);
  });

  it('an upper-case /API path is still the API: it never takes the session cookie', async () => {
    const { agent } = await ctx.signIn(await ctx.newUser());
    await agent.get('/API/v1/me').expect(401);
    await agent.get('/api/v1/me').expect(401); // the API never takes the session cookie
  });

  it('limits password-reset requests per IP like logins', async () => {
    const limited = await createTestApp({ env: { LOGIN_RATE_LIMIT: '2' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        statuses.push(
          (await (await limited.openForm('/clave/olvide')).submit('/clave/olvide', { email: 'x@example.cl' })).status,
        );
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
