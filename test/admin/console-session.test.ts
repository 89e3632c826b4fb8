import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, issueAdminToken, type TestApp } from '../helpers/test-app.js';

/** Signs in with a token; answers the cookie header to send back and the session's CSRF token. */
async function signIn(t: TestApp, token: string) {
  const res = await supertest(t.app).post('/api/v1/session').send({ token });
  expect(res.status).toBe(201);
  const setCookie = String(res.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0] as string, csrf: res.body.session.csrfToken as string, res };
}

describe('console sessions: sign in with an admin token, a cookie with CSRF protection, expiry and sign-out', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('answers a session in an httpOnly, SameSite=Strict cookie and tells who is signed in', async () => {
    const { res } = await signIn(t, t.tenant.adminToken);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^seatsync_session=[A-Za-z0-9_-]{40,}; /);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/Secure/i);
    expect(res.body).toMatchObject({ role: 'owner', tenant: { id: t.tenant.tenantId } });
    expect(Date.parse(res.body.session.absoluteExpiresAt)).toBeGreaterThan(
      Date.parse(res.body.session.idleExpiresAt) - 1,
    );
  });

  it('reads with the cookie, and refuses a change without the CSRF token', async () => {
    const { cookie, csrf } = await signIn(t, t.tenant.adminToken);
    const list = await supertest(t.app).get('/api/v1/users').set('Cookie', cookie);
    expect(list.status).toBe(200);

    const body = { firstName: 'Cecilia', surname: 'Svensson', email: 'csrf@example.com' };
    const refused = await supertest(t.app).post('/api/v1/users').set('Cookie', cookie).send(body);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('auth.csrf_failed');
    const wrong = await supertest(t.app)
      .post('/api/v1/users')
      .set({ Cookie: cookie, 'X-CSRF-Token': `${csrf.slice(0, -1)}x` })
      .send(body);
    expect(wrong.status).toBe(403);
    const users = await t.admin.get('/users?q=csrf@example.com');
    expect(users.body.items).toHaveLength(0);

    const created = await supertest(t.app)
      .post('/api/v1/users')
      .set({ Cookie: cookie, 'X-CSRF-Token': csrf })
      .send(body);
    expect(created.status).toBe(201);
  });

  it('signs out: the session ends, the cookie is cleared and no longer works', async () => {
    const { cookie, csrf } = await signIn(t, t.tenant.adminToken);
    const out = await supertest(t.app)
      .delete('/api/v1/session')
      .set({ Cookie: cookie, 'X-CSRF-Token': csrf });
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/seatsync_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await supertest(t.app).get('/api/v1/session').set('Cookie', cookie);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('auth.session_ended');
    const events = await t.admin.get('/events?action=session.ended');
    expect(
      events.body.items.some((e: { after: { reason: string } }) => e.after.reason === 'signed_out'),
    ).toBe(true);
  });

  it('ends an idle session and one past its maximum length, with the reason', async () => {
    const idle = await signIn(t, t.tenant.adminToken);
    await t.container.database
      .knex('admin_sessions')
      .where({ id: idle.res.body.session.id })
      .update({
        idle_expires_at: t.container.database.knex.raw("now() - interval '1 second'"),
      });
    const res = await supertest(t.app).get('/api/v1/users').set('Cookie', idle.cookie);
    expect(res.status).toBe(401);
    expect(res.body.detail).toMatch(/without activity/);

    const old = await signIn(t, t.tenant.adminToken);
    await t.container.database
      .knex('admin_sessions')
      .where({ id: old.res.body.session.id })
      .update({
        absolute_expires_at: t.container.database.knex.raw("now() - interval '1 second'"),
      });
    const expired = await supertest(t.app).get('/api/v1/users').set('Cookie', old.cookie);
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toMatch(/maximum length/);
    const row = await t.container.database
      .knex('admin_sessions')
      .where({ id: old.res.body.session.id })
      .first('end_reason');
    expect(row.end_reason).toBe('expired');
  });

  it('follows its token: a revoked token ends the session, a role is the token’s role', async () => {
    const token = await issueAdminToken(t.container, t.tenant.tenantId, 'read_only');
    const { cookie, csrf, res } = await signIn(t, token);
    expect(res.body.role).toBe('read_only');
    const write = await supertest(t.app)
      .post('/api/v1/users')
      .set({ Cookie: cookie, 'X-CSRF-Token': csrf })
      .send({ firstName: 'Rolf', surname: 'Olsson', email: 'ro@example.com' });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('permission.denied');

    const revoked = await t.admin.post(`/tokens/${res.body.tokenId}/revoke`);
    expect(revoked.status).toBe(200);
    const after = await supertest(t.app).get('/api/v1/users').set('Cookie', cookie);
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/revoked/);
  });

  it('refuses what is not an admin token, and a body that is not JSON', async () => {
    const unknown = await supertest(t.app).post('/api/v1/session').send({ token: 'sst_nope' });
    expect(unknown.status).toBe(401);
    const scim = await supertest(t.app).post('/api/v1/session').send({ token: t.tenant.scimToken });
    expect(scim.status).toBe(401);
    const form = await supertest(t.app)
      .post('/api/v1/session')
      .type('form')
      .send(`token=${t.tenant.adminToken}`);
    expect(form.status).toBe(415);
    const extra = await supertest(t.app).post('/api/v1/session').send({ token: 'x', role: 'owner' });
    expect(extra.status).toBe(400);
    const nul = await supertest(t.app).post('/api/v1/session').send({ token: 'a\u0000b' });
    expect(nul.status).toBe(400);
    const forged = await supertest(t.app)
      .get('/api/v1/users')
      .set('Cookie', 'seatsync_session=' + 'A'.repeat(43));
    expect(forged.status).toBe(401);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const secure = await buildTestApp({ PUBLIC_URL: 'https://seatsync.example.com' });
    try {
      const res = await supertest(secure.app)
        .post('/api/v1/session')
        .send({ token: secure.tenant.adminToken });
      expect(res.status).toBe(201);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('documents the session endpoints in the OpenAPI document', async () => {
    const doc = await supertest(t.app).get('/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths['/session'])).toEqual(['post', 'get', 'delete']);
    expect(doc.body.components.securitySchemes.sessionCookie).toMatchObject({
      in: 'cookie',
      name: 'seatsync_session',
    });
  });
});
