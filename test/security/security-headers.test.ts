import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

const auth = () => ({ Authorization: `Bearer ${t.tenant.adminToken}` });
const scimAuth = () => ({ Authorization: `Bearer ${t.tenant.scimToken}` });

describe('security headers', () => {
  it.each([
    ['GET', '/scim/v2/Users', scimAuth, 200, true],
    ['GET', '/scim/v2/Users', () => ({}), 401, true],
    ['GET', '/scim/v2/Users/00000000-0000-4000-8000-000000000000', scimAuth, 404, true],
    ['GET', '/api/v1/users', auth, 200, true],
    ['GET', '/api/v1/users', () => ({}), 401, true],
    ['GET', '/api/v1/nowhere', auth, 404, true],
    ['GET', '/healthz', () => ({}), 200, false],
    ['GET', '/metrics', () => ({}), 200, false],
    // The console's page, for its own address and any link into it.
    ['GET', '/', () => ({}), 200, false],
    ['GET', '/some/page', () => ({}), 200, false],
  ] as const)('%s %s (%i-ish) carries them', async (_method, path, headers, status, noStore) => {
    const res = await supertest(t.app).get(path).set(headers());
    expect(res.status).toBe(status);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-powered-by']).toBeUndefined();
    // http PUBLIC_URL: no HSTS.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    if (noStore) expect(res.headers['cache-control']).toBe('no-store');
  });

  it('sends HSTS when PUBLIC_URL is https', async () => {
    const https = createApp({
      ...t.container,
      config: { ...t.container.config, PUBLIC_URL: 'https://seatsync.example' },
    });
    const res = await supertest(https).get('/healthz');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
  });
});
