import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_CLIENT_SECRET } from '../../connectors/fake-graph/fake-graph.js';
import { createApp } from '../../src/http/app.js';
import {
  smallDirectory,
  startDirectoryTests,
  startScenario,
  type DirectoryTestContext,
} from '../directory/directory-fixture.js';

const MARKER = 'REMOTE-BODY-MARKER';

let ctx: DirectoryTestContext;
let hostile: Server;
let hostileUrl: string;
/** Every body the hostile endpoint received. */
const received: string[] = [];

beforeAll(async () => {
  ctx = await startDirectoryTests();
  // A host that records what it is sent and answers everything with an error page quoting a marker.
  hostile = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(400, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ error: 'invalid_request', error_description: `${MARKER} <html>`, message: MARKER }),
      );
    });
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => hostile?.close(resolve));
  await ctx?.close();
});

describe('a stored Entra client secret', () => {
  it('is not sent to a host picked after it was stored: retargeting needs the secret again', async () => {
    const s = await startScenario(ctx, { directory: smallDirectory().directory });
    try {
      const api = supertest(createApp(ctx.container));
      const auth = { Authorization: `Bearer ${s.adminToken}` };
      const path = `/api/v1/directory/connections/${s.connection.id}`;
      for (const change of [
        { authorityHost: hostileUrl },
        { graphBaseUrl: hostileUrl },
        { entraTenantId: 'another-tenant' },
        { clientId: 'another-client' },
        { authorityHost: null },
      ]) {
        const refused = await api.patch(path).set(auth).send(change);
        expect(refused.status, JSON.stringify(change)).toBe(400);
        expect(refused.body.code).toBe('directory_connection.secret_required');
      }
      // Nothing changed, and a test still goes to the original fake only.
      const unchanged = await api.get(path).set(auth);
      expect(unchanged.body).toMatchObject({ version: 1, authorityHost: s.graph.url });
      expect((await api.post(`${path}/test`).set(auth)).body).toEqual({ ok: true });
      expect(received.join('')).not.toContain(FAKE_CLIENT_SECRET);

      // With the secret in the same request the change is accepted: the admin typed it for that host.
      const retargeted = await api
        .patch(path)
        .set(auth)
        .send({ authorityHost: hostileUrl, clientSecret: 'typed-for-this-host' });
      expect(retargeted.status).toBe(200);
      const tested = await api.post(`${path}/test`).set(auth);
      expect(tested.status).toBe(200);
      expect(tested.body).toMatchObject({ ok: false });
      // The answer says what failed without repeating what the other end said.
      expect(JSON.stringify(tested.body)).not.toContain(MARKER);
      expect(received.join('')).not.toContain(FAKE_CLIENT_SECRET);
    } finally {
      await s.close();
    }
  });

  it('the Graph error text is not echoed either', async () => {
    const s = await startScenario(ctx, { directory: smallDirectory().directory });
    try {
      const api = supertest(createApp(ctx.container));
      const auth = { Authorization: `Bearer ${s.adminToken}` };
      const path = `/api/v1/directory/connections/${s.connection.id}`;
      const patched = await api
        .patch(path)
        .set(auth)
        .send({ graphBaseUrl: hostileUrl, clientSecret: FAKE_CLIENT_SECRET });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      const tested = await api.post(`${path}/test`).set(auth);
      expect(tested.body).toMatchObject({
        ok: false,
        code: 'graph.request_failed',
        message: 'Graph answered HTTP 400',
      });
      expect(JSON.stringify(tested.body)).not.toContain(MARKER);
    } finally {
      await s.close();
    }
  });
});

describe('connection endpoints (no server-side request forgery)', () => {
  it.each([
    'http://169.254.169.254',
    'http://127.0.0.2:5432',
    'http://10.1.2.3',
    'https://graph.microsoft.com.evil.example',
    'https://login.microsoftonline.com:444',
    'http://login.microsoftonline.com',
  ])('refuses %s for both endpoints, on create and on update, storing nothing', async (url) => {
    const s = await startScenario(ctx, { directory: smallDirectory().directory });
    try {
      const api = supertest(createApp(ctx.container));
      const auth = { Authorization: `Bearer ${s.adminToken}` };
      for (const field of ['authorityHost', 'graphBaseUrl']) {
        const created = await api
          .post('/api/v1/directory/connections')
          .set(auth)
          .send({ name: `x-${field}`, entraTenantId: 't', clientId: 'c', clientSecret: 's', [field]: url });
        expect(created.status).toBe(400);
        expect(created.body.code).toBe('directory_connection.host_not_allowed');
        const patched = await api
          .patch(`/api/v1/directory/connections/${s.connection.id}`)
          .set(auth)
          .send({ [field]: url, clientSecret: 's' });
        expect(patched.status).toBe(400);
        expect(patched.body.code).toBe('directory_connection.host_not_allowed');
      }
      const listed = await api.get('/api/v1/directory/connections').set(auth);
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0]).toMatchObject({ version: 1 });
    } finally {
      await s.close();
    }
  });

  it('accepts the Microsoft hosts of the national clouds', async () => {
    const s = await startScenario(ctx, { directory: smallDirectory().directory });
    try {
      const api = supertest(createApp(ctx.container));
      const auth = { Authorization: `Bearer ${s.adminToken}` };
      const created = await api.post('/api/v1/directory/connections').set(auth).send({
        name: 'Gov',
        entraTenantId: 't',
        clientId: 'c',
        clientSecret: 's',
        authorityHost: 'https://login.microsoftonline.us',
        graphBaseUrl: 'https://graph.microsoft.us',
        enabled: false,
      });
      expect(created.status).toBe(201);
    } finally {
      await s.close();
    }
  });
});
