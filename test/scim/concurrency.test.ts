import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GROUP_SCHEMA,
  buildTestApp,
  newUser,
  scimClient,
  type ScimClient,
  type TestApp,
} from '../helpers/test-app.js';
import { createUser } from '../helpers/scim-expect.js';

/**
 * Concurrent writes to one resource: each PATCH runs in one transaction under the resource's row lock, so
 * none is lost, and the unique index (not a check-then-insert) decides concurrent creates.
 */
describe('SCIM under concurrent requests', () => {
  let t: TestApp;
  let server: http.Server;
  let scim: ScimClient;
  beforeAll(async () => {
    // 100 queued requests wait for one another as long as the load makes them: testConfig lets them.
    t = await buildTestApp();
    // One listening server for all requests (supertest would start one per request).
    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    scim = scimClient(`http://127.0.0.1:${port}`, t.tenant.scimToken);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('100 concurrent PATCH member adds (distinct users) to one group: all succeed, exactly 100 members', async () => {
    const users = await Promise.all(
      Array.from({ length: 100 }, (_, i) => createUser(scim, newUser(`member-${i}@concurrent.test`))),
    );
    expect(new Set(users).size).toBe(100);
    const created = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Hot group' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const results = await Promise.all(
      users.map((userId, i) =>
        scim.patchOps(`/Groups/${id}`, {
          op: i % 2 === 0 ? 'add' : 'Add',
          path: 'members',
          value: [{ value: userId }],
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(users.map(() => 204));

    const group = await scim.get(`/Groups/${id}`);
    const members = (group.body.members as Array<{ value: string }>).map((m) => m.value);
    expect(members).toHaveLength(100);
    expect(new Set(members)).toEqual(new Set(users));
    // One version per change: every PATCH saw the one before it.
    expect(group.body.meta.version).toBe('W/"101"');
  });

  it('20 concurrent PATCHes adding distinct e-mails to one user lose nothing', async () => {
    const id = await createUser(scim, newUser('many-emails@concurrent.test'));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        scim.patchOps(`/Users/${id}`, {
          op: 'Add',
          path: 'emails',
          value: [{ value: `alias-${i}@concurrent.test`, type: 'other' }],
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(204));
    const user = await scim.get(`/Users/${id}`);
    const emails = (user.body.emails as Array<{ value: string }>).map((e) => e.value).sort();
    expect(emails).toEqual(
      [
        'many-emails@concurrent.test',
        ...Array.from({ length: 20 }, (_, i) => `alias-${i}@concurrent.test`),
      ].sort(),
    );
    expect(user.body.meta.version).toBe('W/"21"');
  });

  it('concurrent PATCHes of different attributes of one user all land', async () => {
    const id = await createUser(scim, newUser('attrs@concurrent.test'));
    const ops = [
      { op: 'replace', path: 'title', value: 'Engineer' },
      { op: 'replace', path: 'displayName', value: 'Concurrent Person' },
      { op: 'replace', path: 'name.givenName', value: 'Con' },
      { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+46700000001' },
      {
        op: 'replace',
        path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
        value: 'Ops',
      },
      { op: 'replace', path: 'preferredLanguage', value: 'sv-SE' },
      { op: 'replace', path: 'externalId', value: 'ext-concurrent' },
      { op: 'replace', path: 'nickName', value: 'Conny' },
    ];
    const results = await Promise.all(ops.map((op) => scim.patchOps(`/Users/${id}`, op)));
    expect(results.map((r) => r.status)).toEqual(ops.map(() => 204));
    const user = (await scim.get(`/Users/${id}`)).body;
    expect(user).toMatchObject({
      title: 'Engineer',
      displayName: 'Concurrent Person',
      name: { givenName: 'Con', familyName: 'Family' },
      phoneNumbers: [{ type: 'mobile', value: '+46700000001' }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Ops' },
      preferredLanguage: 'sv-SE',
      externalId: 'ext-concurrent',
      nickName: 'Conny',
      meta: { version: `W/"${ops.length + 1}"` },
    });
  });

  it('10 concurrent POSTs of one userName (in different cases): exactly one 201, the rest 409 uniqueness', async () => {
    const names = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0 ? 'Race@Concurrent.test' : 'race@concurrent.TEST',
    );
    const results = await Promise.all(names.map((name) => scim.post('/Users', newUser(name))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.scimType).toBe('uniqueness');
    const listed = await scim.get(
      `/Users?filter=${encodeURIComponent('userName eq "race@concurrent.test"')}`,
    );
    expect(listed.body.totalResults).toBe(1);
  });

  it('10 concurrent POSTs of one group displayName: exactly one 201', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Racing group' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
  });

  it('concurrent adds and removes on one group keep the membership consistent', async () => {
    const users = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createUser(scim, newUser(`churn-${i}@concurrent.test`))),
    );
    const created = await scim.post('/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Churn group',
      members: users.slice(0, 10).map((value) => ({ value })),
    });
    const id = created.body.id as string;
    // Remove the first ten and add the last ten, all at once.
    const results = await Promise.all([
      ...users
        .slice(0, 10)
        .map((u) => scim.patchOps(`/Groups/${id}`, { op: 'Remove', path: 'members', value: [{ value: u }] })),
      ...users
        .slice(10)
        .map((u) => scim.patchOps(`/Groups/${id}`, { op: 'Add', path: 'members', value: [{ value: u }] })),
    ]);
    expect(results.every((r) => r.status === 204)).toBe(true);
    const members = ((await scim.get(`/Groups/${id}`)).body.members as Array<{ value: string }>)
      .map((m) => m.value)
      .sort();
    expect(members).toEqual(users.slice(10).sort());
  });
});
