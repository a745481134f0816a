import supertest from 'supertest';
import { PasswordHasher } from '../../src/auth/password-hasher';
import { waitAfter } from '../../src/auth/login-throttle';
import { LoginThrottleService } from '../../src/auth/login-throttle.service';
import { OutboxWorker } from '../../src/mail/outbox.worker';
import { countQueries, uninstallQueryCounter } from '../support/query-counter';
import { SmtpPeer } from '../support/smtp-peer';
import { createTestApp, TestContext } from '../support/test-app';
import { appWithMailPeer } from '../support/mail-app';

const formToken = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('identity: passwords, login, sessions, CSRF', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    // the argon2id cost is this file's point (the other specs hash at the smallest cost)
    ctx = await createTestApp({ env: { LOGIN_RATE_LIMIT: '1000' }, realPasswordHashing: true });
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
    expect(res.headers.location).toBe('/inicio'); // no role yet: the start page says what they can do
    // someone with work to do lands on the same start page, with their work (issue 20 item 1)
    const officer = await ctx.newUser({ roles: [['municipal_officer', '04101']] });
    const officerForm = await ctx.openForm('/ingresar');
    const landed = await officerForm.submit('/ingresar', {
      email: officer.email,
      password: officer.password,
      volver: '',
    });
    expect(landed.headers.location).toBe('/inicio');
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

  it('issue 21: page views write the session only when its idle limit moved a minute or more', async () => {
    const user = await ctx.newUser();
    const { agent } = await ctx.signIn(user);
    await agent.get('/cuenta').expect(200);
    const writes = async () =>
      (await countQueries(() => agent.get('/cuenta').expect(200))).sql.filter((q) =>
        /^(UPDATE|INSERT INTO) "user_session"/.test(q),
      );
    expect(await writes()).toEqual([]); // a page right after another: read, not written
    expect(await writes()).toEqual([]);
    // the stored limit is five minutes behind (the person read a page for five minutes): the next page rolls it
    await ctx.query(`UPDATE user_session SET expires_at = now() + interval '25 minutes' WHERE user_id = $1`, [user.id]);
    expect(await writes()).toHaveLength(1);
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
    expect(form.text).toContain('El campo «Rol» no está permitido.'); // a page names the field by its label
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
    ({ peer, ctx } = await appWithMailPeer({ LOGIN_RATE_LIMIT: '1000', PUBLIC_URL: 'http://127.0.0.1' }));
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
    ({ peer, ctx } = await appWithMailPeer({ LOGIN_RATE_LIMIT: '1000' }));
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

  it('SECURITY.md / issue 22 item 8: of many concurrent wrong passwords, exactly the free five are judged and counted; the rest wait, unjudged', async () => {
    const user = await ctx.newUser();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        ctx.http.post('/api/v1/auth/tokens').send({ email: user.email, password: 'mala-clave-999' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(401));
    expect(new Set(results.map((r) => r.text)).size).toBe(1); // one answer for all of them
    const [{ failures }] = await ctx.query<{ failures: number }>(
      `SELECT failures FROM login_throttle WHERE kind = 'account' AND user_id = $1`,
      [user.id],
    );
    expect(failures).toBe(5);
    const reasons = await ctx.query<{ reason: string; n: number }>(
      `SELECT details->>'reason' AS reason, count(*)::int AS n FROM audit_log
        WHERE action = 'auth.login_failed' AND user_id = $1 GROUP BY 1 ORDER BY 1`,
      [user.id],
    );
    expect(reasons).toEqual([
      { reason: 'throttled', n: 3 },
      { reason: 'wrong_password', n: 5 },
    ]);
    // the owner is told once, and the mail goes out now (no other test's mail waits behind it)
    peer.messages.splice(0);
    await ctx.get<OutboxWorker>(OutboxWorker).runOnce();
    const [mail] = await peer.waitFor(1);
    expect(mail.subject).toBe('Intentos fallidos de ingresar a su cuenta de Quórum');
    expect(peer.messages).toHaveLength(1);
    peer.messages.splice(0);
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

// SECURITY.md (brute force) / issue 22 item 8, "nobody can lock someone else out": sign-in budgets per known
// device, per account and per source, with waits that end on their own, instead of a lock a stranger renews.
describe('identity: sign-in budgets, SECURITY.md / issue 22 item 8', () => {
  let peer: SmtpPeer;
  let ctx: TestContext;
  beforeAll(async () => {
    ({ peer, ctx } = await appWithMailPeer({
      LOGIN_RATE_LIMIT: '1000',
      TRUST_PROXY: 'loopback', // each stranger's address from X-Forwarded-For
      PUBLIC_URL: 'http://127.0.0.1',
    }));
  });
  afterAll(async () => {
    uninstallQueryCounter();
    await ctx.close();
    await peer.stop();
  });

  /** An API token request (no device cookie) from `ip`. */
  const tokenFrom = (ip: string, email: string, password: string) =>
    ctx.http.post('/api/v1/auth/tokens').set('X-Forwarded-For', ip).send({ email, password });
  /** The login form posted again by a browser that keeps its cookies (the device cookie of an earlier sign-in). */
  const formFrom = async (agent: ReturnType<typeof supertest.agent>, email: string, password: string) => {
    const token = formToken((await agent.get('/ingresar')).text);
    return agent.post('/ingresar').type('form').send({ _csrf: token, email, password });
  };
  const budgetOf = async (userId: string) =>
    (
      await ctx.query<{ failures: number }>(
        `SELECT failures FROM login_throttle WHERE kind = 'account' AND user_id = $1`,
        [userId],
      )
    )[0]?.failures ?? 0;
  const attackMails = (address: string) =>
    ctx.query<{ dedupe_key: string }>(
      `SELECT dedupe_key FROM outbox_message WHERE kind = 'login-attack' AND to_address = $1 ORDER BY created_at`,
      [address],
    );

  it('without a known device an account waits 30 s, 1 min, 2 min… up to 15 min after 5 failures; waits end on their own and attempts during one neither count nor renew it', async () => {
    expect([4, 5, 6, 7, 9, 10, 40].map((n) => waitAfter(n, 5))).toEqual([
      0, 30_000, 60_000, 120_000, 480_000, 900_000, 900_000,
    ]);
    const user = await ctx.newUser();
    const ip = '198.51.100.10';
    for (let i = 0; i < 5; i++) await tokenFrom(ip, user.email, 'mala-clave-000').expect(401);
    // waiting: the right password gets the wrong password's answer, and is not counted
    const wrong = await tokenFrom(ip, user.email, 'mala-clave-000').expect(401);
    const right = await tokenFrom(ip, user.email, user.password).expect(401);
    expect(right.text).toBe(wrong.text);
    expect(await budgetOf(user.id)).toBe(5);
    ctx.clock.advance(30_000); // the 30 s wait is over: one more judged failure, then 1 min
    await tokenFrom(ip, user.email, 'mala-clave-000').expect(401);
    ctx.clock.advance(59_000);
    await tokenFrom(ip, user.email, user.password).expect(401);
    ctx.clock.advance(1_000);
    await tokenFrom(ip, user.email, user.password).expect(201); // ended on its own, after 1 min
    // the success gives back only its own attempt: a stranger gets no new free ones
    expect(await budgetOf(user.id)).toBe(6);
    // keep failing after each wait: the wait reaches 15 minutes and stays there
    let failures = 6;
    for (; waitAfter(failures, 5) < 900_000; failures++) {
      ctx.clock.advance(waitAfter(failures, 5));
      await tokenFrom(ip, user.email, 'mala-clave-000').expect(401);
    }
    expect(await budgetOf(user.id)).toBe(failures);
    // a stranger hammering during the 15 minutes does not renew them
    for (const minutes of [1, 5, 5, 3]) {
      ctx.clock.advance(minutes * 60_000);
      for (let i = 0; i < 3; i++) await tokenFrom(`203.0.113.${i + 1}`, user.email, 'otra-mala-1').expect(401);
    }
    ctx.clock.advance(59_000);
    await tokenFrom(ip, user.email, user.password).expect(401); // 14:59 after the last judged failure
    ctx.clock.advance(1_000);
    await tokenFrom(ip, user.email, user.password).expect(201);
    expect(await budgetOf(user.id)).toBe(failures - 1); // one forgotten after 15 quiet minutes
    const reasons = await ctx.query<{ reason: string; budget: string; n: number }>(
      `SELECT details->>'reason' AS reason, details->>'budget' AS budget, count(*)::int AS n FROM audit_log
        WHERE action = 'auth.login_failed' AND user_id = $1 GROUP BY 1, 2 ORDER BY 1`,
      [user.id],
    );
    expect(reasons).toEqual([
      { reason: 'throttled', budget: 'account', n: 16 },
      { reason: 'wrong_password', budget: 'account', n: failures },
    ]);
  });

  it("a stranger's failures from many addresses, and from the owner's own address, never stop the owner signing in on their known device", async () => {
    const owner = await ctx.newUser();
    const other = await ctx.newUser();
    // from 127.0.0.1, each browser gets its device cookie for its account
    const { agent } = await ctx.signIn(owner);
    const second = await ctx.signIn(other);
    // a stranger from many addresses, through the waits, until the account waits 15 minutes
    for (let i = 0; i < 12; i++) {
      if (i >= 5) ctx.clock.advance(waitAfter(i, 5));
      await tokenFrom(`192.0.2.${i + 1}`, owner.email, `adivinanza-${i}`).expect(401);
    }
    await tokenFrom('192.0.2.99', owner.email, owner.password).expect(401); // waiting: even the right password
    // from the owner's own address, a new browser waits with the account
    await (
      await ctx.openForm('/ingresar')
    )
      .submit('/ingresar', { email: owner.email, password: owner.password })
      .expect(401);
    // 20 guesses at other addresses from there make the address wait as well: 429, the same for every e-mail
    for (let i = 0; i < 20; i++)
      await ctx.http
        .post('/api/v1/auth/tokens')
        .send({ email: `otra-${i}@example.cl`, password: 'adivinanza-1' })
        .expect(401);
    const waitingSource = await ctx.http
      .post('/api/v1/auth/tokens')
      .send({ email: owner.email, password: owner.password })
      .expect(429);
    expect(Number(waitingSource.headers['retry-after'])).toBe(30);
    expect(JSON.parse(waitingSource.text).code).toBe('TOO_MANY_ATTEMPTS');
    const unknownWaits = await ctx.http
      .post('/api/v1/auth/tokens')
      .send({ email: 'nadie-aqui@example.cl', password: owner.password })
      .expect(429);
    expect(unknownWaits.text).toBe(waitingSource.text);
    // the owner's browser, at that same address, is judged on its own failures only: a typo, then in
    expect((await formFrom(agent, owner.email, 'un-error-de-tipeo')).status).toBe(401);
    const signedIn = await formFrom(agent, owner.email, owner.password);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/inicio');
    await agent.get('/cuenta').expect(200);
    // the device cookie: HttpOnly, sent only to the login form
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('quorum.device='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/ingresar/);
    // and worth nothing for another account: the owner's browser signing in as `other` waits with the address
    expect((await formFrom(agent, other.email, other.password)).status).toBe(429);
    // a known device that keeps failing waits too, on its own: the accounts' budgets are not touched
    const ownerBudget = await budgetOf(owner.id);
    for (let i = 0; i < 5; i++) expect((await formFrom(second.agent, other.email, 'mal-escrita-1')).status).toBe(401);
    expect((await formFrom(second.agent, other.email, other.password)).status).toBe(401); // the device waits 30 s
    ctx.clock.advance(30_000);
    expect((await formFrom(second.agent, other.email, other.password)).status).toBe(303);
    expect(await budgetOf(owner.id)).toBe(ownerBudget);
    expect(await budgetOf(other.id)).toBe(0);
    ctx.clock.advance(60 * 60_000); // 127.0.0.1 stops waiting on its own (the other tests sign in from it)
    await ctx.http.post('/api/v1/auth/tokens').send({ email: other.email, password: other.password }).expect(201);
  });

  it('a new password makes every browser that knew the old one a stranger again: a thief keeps no budget of their own', async () => {
    const owner = await ctx.newUser({ name: 'Dueña Robada' });
    const thief = await ctx.signIn(owner); // someone who had the old password signed in: their browser is known
    const worker = ctx.get<OutboxWorker>(OutboxWorker);
    await worker.runOnce();
    peer.messages.splice(0);
    await (await ctx.openForm('/clave/olvide')).submit('/clave/olvide', { email: owner.email }).expect(200);
    await worker.runOnce();
    const [reset] = await peer.waitFor(1);
    const link = /\/clave\/nueva\?token=([A-Za-z0-9_-]+)/.exec(reset.text ?? '')!;
    const changed = { email: owner.email, password: 'otra clave tras el robo' };
    await (
      await ctx.openForm(link[0])
    )
      .submit('/clave/nueva', { token: link[1], password: changed.password, passwordConfirmation: changed.password })
      .expect(303);
    const ownerBrowser = await ctx.signIn(changed); // the owner's browser, known with the new password
    // a stranger makes the account wait
    for (let i = 0; i < 5; i++) await tokenFrom(`192.0.2.${150 + i}`, owner.email, `adivina-${i}`).expect(401);
    // the thief's browser is judged with the account now: even the right password waits
    expect((await formFrom(thief.agent, changed.email, changed.password)).status).toBe(401);
    // the owner's browser is not
    expect((await formFrom(ownerBrowser.agent, changed.email, changed.password)).status).toBe(303);
  });

  it('a stranger at the same address cannot use up the per-minute limit of the owner on their known device', async () => {
    const limited = await createTestApp(); // LOGIN_RATE_LIMIT 5 a minute, every request from 127.0.0.1
    try {
      const owner = await limited.newUser();
      const { agent } = await limited.signIn(owner); // one of the address's five
      for (let i = 0; i < 4; i++)
        await limited.http
          .post('/api/v1/auth/tokens')
          .send({ email: owner.email, password: 'intruso-123' })
          .expect(401);
      await limited.http.post('/api/v1/auth/tokens').send({ email: owner.email, password: 'intruso-123' }).expect(429);
      await (
        await limited.openForm('/ingresar')
      )
        .submit('/ingresar', { email: owner.email, password: owner.password })
        .expect(429);
      const token = formToken((await agent.get('/ingresar')).text);
      await agent
        .post('/ingresar')
        .type('form')
        .send({ _csrf: token, email: owner.email, password: owner.password })
        .expect(303);
    } finally {
      await limited.close();
    }
  });

  it('mails the owner once per attack window, never for an unknown address, and a reset still ends every wait', async () => {
    const owner = await ctx.newUser({ name: 'Dueña Atacada' });
    const worker = ctx.get<OutboxWorker>(OutboxWorker);
    await worker.runOnce(); // mails queued before this test (other attacks) go out first
    peer.messages.splice(0);
    for (let i = 0; i < 4; i++) await tokenFrom(`198.51.100.${50 + i}`, owner.email, 'adivina-1').expect(401);
    expect(await attackMails(owner.email)).toEqual([]); // four failures are not an attack
    await tokenFrom('198.51.100.60', owner.email, 'adivina-1').expect(401);
    expect(await attackMails(owner.email)).toHaveLength(1);
    // the attack goes on through the waits: still one mail
    for (let i = 5; i < 9; i++) {
      ctx.clock.advance(waitAfter(i, 5));
      await tokenFrom(`198.51.100.${70 + i}`, owner.email, 'adivina-2').expect(401);
    }
    await tokenFrom('198.51.100.80', owner.email, 'adivina-3').expect(401);
    expect(await attackMails(owner.email)).toHaveLength(1);
    await worker.runOnce();
    const [mail] = await peer.waitFor(1);
    expect((mail.to as { value: { address: string }[] }).value[0].address).toBe(owner.email);
    expect(mail.subject).toBe('Intentos fallidos de ingresar a su cuenta de Quórum');
    expect(mail.text).toContain('Hola, Dueña Atacada:');
    expect(mail.text).toContain('http://127.0.0.1/clave/olvide');
    expect(mail.text).toContain('En el navegador donde ya ingresó antes puede ingresar como siempre.');
    expect(mail.text).not.toContain('adivina');
    // an unknown address goes through the same waits, and nobody is mailed
    const outbox = await ctx.count('outbox_message');
    for (let i = 0; i < 7; i++)
      await tokenFrom(`198.51.100.${90 + i}`, 'nadie.atacada@example.cl', 'x-x-x-x-1').expect(401);
    expect(await ctx.count('outbox_message')).toBe(outbox);
    // a password reset (the owner proved their mailbox) ends the wait at once
    await tokenFrom('198.51.100.81', owner.email, owner.password).expect(401); // still waiting
    await (await ctx.openForm('/clave/olvide')).submit('/clave/olvide', { email: owner.email }).expect(200);
    await worker.runOnce();
    const reset = (await peer.waitFor(2))[1];
    const link = /\/clave\/nueva\?token=([A-Za-z0-9_-]+)/.exec(reset.text ?? '')!;
    const form = await ctx.openForm(link[0]);
    await form
      .submit('/clave/nueva', {
        token: link[1],
        password: 'nueva clave segura',
        passwordConfirmation: 'nueva clave segura',
      })
      .expect(303);
    expect(await ctx.query(`SELECT 1 FROM login_throttle WHERE user_id = $1`, [owner.id])).toEqual([]);
    await tokenFrom('198.51.100.82', owner.email, 'nueva clave segura').expect(201);
    // after a quiet spell every failure is forgotten: a new attack is a new window, with its own mail
    ctx.clock.advance(3 * 3600_000);
    for (let i = 0; i < 5; i++) await tokenFrom(`198.51.100.${100 + i}`, owner.email, 'adivina-4').expect(401);
    const windows = await attackMails(owner.email);
    expect(windows).toHaveLength(2);
    expect(windows[0].dedupe_key).not.toBe(windows[1].dedupe_key);
  });

  it('forgets a budget once its wait is over and every failure is forgotten (the hourly janitor)', async () => {
    const user = await ctx.newUser();
    for (let i = 0; i < 5; i++) await tokenFrom('198.51.100.140', user.email, 'olvido-1-x').expect(401);
    const throttle = ctx.get<LoginThrottleService>(LoginThrottleService);
    const rows = () => ctx.query(`SELECT kind FROM login_throttle WHERE user_id = $1`, [user.id]);
    await throttle.purgeForgotten(ctx.clock.now());
    expect(await rows()).toEqual([{ kind: 'account' }]); // waiting 30 s, five failures remembered
    ctx.clock.advance(4 * 15 * 60_000); // four of five forgotten
    await throttle.purgeForgotten(ctx.clock.now());
    expect(await rows()).toHaveLength(1);
    ctx.clock.advance(15 * 60_000);
    expect(await throttle.purgeForgotten(ctx.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await rows()).toEqual([]);
  });

  it('answers an unknown e-mail and a wrong password alike, with the same statements, also while they wait, on the API and the form', async () => {
    const user = await ctx.newUser();
    const unknown = 'nadie.nunca@example.cl';
    const ip = '198.51.100.120';
    await tokenFrom(ip, 'calentar@example.cl', 'x-x-x-x-1').expect(401); // first-use work (keys, dummy hash) done
    for (let i = 0; i < 7; i++) {
      // from i = 5 both wait (five failures each)
      const a = await countQueries(() => tokenFrom(ip, unknown, `clave-${i}-mala`));
      const b = await countQueries(() => tokenFrom(ip, user.email, `clave-${i}-mala`));
      expect([a.result.status, b.result.status]).toEqual([401, 401]);
      expect(a.result.text).toBe(b.result.text);
      expect(b.result.headers['retry-after']).toBeUndefined();
      // the same work (hashing included, since the same statements wrap it); the one extra statement is the
      // owner's mail about the attack, queued once per window, at the fifth failure
      const mail = b.sql.filter((q) => q.includes('outbox_message'));
      expect(mail).toHaveLength(i === 4 ? 1 : 0);
      expect(b.sql.filter((q) => !q.includes('outbox_message'))).toEqual(a.sql);
    }
    // the form: the same page but for the address typed back and the form's token
    const page = async (email: string) => {
      const res = await (
        await ctx.openForm('/ingresar')
      )
        .submit('/ingresar', { email, password: 'clave-mala-9' })
        .set('X-Forwarded-For', '198.51.100.121');
      return {
        status: res.status,
        text: res.text
          .split(email)
          .join('EMAIL')
          .replace(/value="[^"]{30,}"/g, ''),
      };
    };
    const [fromUnknown, fromUser] = [await page(unknown), await page(user.email)];
    expect(fromUnknown).toEqual(fromUser);
    expect(fromUser.status).toBe(401);
    expect(fromUser.text).toContain('El correo o la contraseña no son correctos.');
  });
});
