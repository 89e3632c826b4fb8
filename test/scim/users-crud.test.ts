import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { ENTERPRISE, USER_SCHEMA, buildTestApp, newUser, type TestApp } from '../helpers/test-app.js';
import { SEATSYNC, createUser, expectScimError, filterQuery } from '../helpers/scim-expect.js';

const BASE = 'http://seatsync.test/scim/v2';

describe('SCIM Users: create, read, replace, delete', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('creates a user: 201, Location, ETag W/"1", meta', async () => {
    const res = await t.scim.post(
      '/Users',
      newUser('create@x.com', { externalId: 'ext-1', displayName: 'Create Me' }),
    );
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    const id = res.body.id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.location).toBe(`${BASE}/Users/${id}`);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.body).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: 'create@x.com',
      externalId: 'ext-1',
      displayName: 'Create Me',
      active: true,
      name: { givenName: 'Given', familyName: 'Family' },
      emails: [{ value: 'create@x.com', type: 'work', primary: true }],
      meta: { resourceType: 'User', version: 'W/"1"', location: `${BASE}/Users/${id}` },
    });
    expect(Date.parse(res.body.meta.created)).not.toBeNaN();
    expect(Date.parse(res.body.meta.lastModified)).not.toBeNaN();

    const got = await t.scim.get(`/Users/${id}`);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('W/"1"');
    expect(got.body).toMatchObject({
      id,
      userName: 'create@x.com',
      externalId: 'ext-1',
      active: true,
      groups: [],
    });
  });

  it('PUT replaces the user: externalId and emails change, omitted attributes go, version increments', async () => {
    const id = await createUser(t.scim, newUser('put@x.com', { externalId: 'old', title: 'Engineer' }));
    const res = await t.scim.put(`/Users/${id}`, {
      schemas: [USER_SCHEMA],
      id,
      userName: 'put@x.com',
      externalId: 'new',
      emails: [
        { value: 'put@x.com', type: 'work', primary: true },
        { value: 'put@home.net', type: 'home' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('W/"2"');
    const got = await t.scim.get(`/Users/${id}`);
    expect(got.body.externalId).toBe('new');
    expect(got.body.emails).toEqual([
      { value: 'put@x.com', type: 'work', primary: true },
      { value: 'put@home.net', type: 'home' },
    ]);
    expect(got.body.title).toBeUndefined();
    expect(got.body.meta.version).toBe('W/"2"');
    // active is omitted: RFC 7643 default, true
    expect(got.body.active).toBe(true);
  });

  it('DELETE answers 204 and the user is gone (404 on GET, PUT, PATCH, DELETE; not listed)', async () => {
    const id = await createUser(t.scim, newUser('delete-me@x.com'));
    expect((await t.scim.delete(`/Users/${id}`)).status).toBe(204);
    expectScimError(await t.scim.get(`/Users/${id}`), 404);
    expectScimError(await t.scim.put(`/Users/${id}`, newUser('delete-me@x.com')), 404);
    expectScimError(await t.scim.patchOps(`/Users/${id}`, { op: 'replace', path: 'title', value: 'x' }), 404);
    expectScimError(await t.scim.delete(`/Users/${id}`), 404);
    const listed = await t.scim.get(`/Users?${filterQuery('userName eq "delete-me@x.com"')}`);
    expect(listed.body.totalResults).toBe(0);
  });

  it('userName is unique per tenant, case-insensitively (409 uniqueness); a deleted user frees it', async () => {
    const first = await createUser(t.scim, newUser('A@unique.com'));
    expectScimError(await t.scim.post('/Users', newUser('a@unique.com')), 409, 'uniqueness');
    expectScimError(await t.scim.post('/Users', newUser('A@UNIQUE.COM')), 409, 'uniqueness');
    // Renaming another user onto it by PUT or PATCH is refused the same way.
    const other = await createUser(t.scim, newUser('other@unique.com'));
    expectScimError(await t.scim.put(`/Users/${other}`, newUser('a@Unique.com')), 409, 'uniqueness');
    expectScimError(
      await t.scim.patchOps(`/Users/${other}`, { op: 'replace', path: 'userName', value: 'A@unique.COM' }),
      409,
      'uniqueness',
    );
    expect((await t.scim.get(`/Users/${other}`)).body.userName).toBe('other@unique.com');

    expect((await t.scim.delete(`/Users/${first}`)).status).toBe(204);
    const again = await t.scim.post('/Users', newUser('a@unique.com'));
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(first);
  });

  it('active=false suspends: the user stays readable and findable', async () => {
    const id = await createUser(t.scim, newUser('suspend@x.com'));
    const patched = await t.scim.patchOps(`/Users/${id}`, { op: 'replace', path: 'active', value: false });
    expect(patched.status).toBe(204);
    const got = await t.scim.get(`/Users/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.active).toBe(false);
    const found = await t.scim.get(
      `/Users?${filterQuery('active eq false and userName eq "suspend@x.com"')}`,
    );
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].id).toBe(id);
  });

  it('creating a user with active=false keeps it, inactive', async () => {
    const res = await t.scim.post('/Users', newUser('born-inactive@x.com', { active: false }));
    expect(res.status).toBe(201);
    expect(res.body.active).toBe(false);
  });

  describe('invalid bodies are refused with a SCIM error and write nothing', () => {
    const cases: Array<{ name: string; body: unknown; status: number; scimType?: string }> = [
      {
        name: 'missing userName',
        body: { schemas: [USER_SCHEMA], name: { givenName: 'No' } },
        status: 400,
        scimType: 'invalidValue',
      },
      { name: 'empty userName', body: newUser('   '), status: 400, scimType: 'invalidValue' },
      {
        name: 'userName an object',
        body: { schemas: [USER_SCHEMA], userName: { x: 1 } },
        status: 400,
        scimType: 'invalidValue',
      },
      {
        name: 'active not a boolean',
        body: newUser('bad-active@x.com', { active: 'maybe' }),
        status: 400,
        scimType: 'invalidValue',
      },
      {
        name: 'emails not multi-valued',
        body: newUser('bad-emails@x.com', { emails: 'bad-emails@x.com' }),
        status: 400,
        scimType: 'invalidValue',
      },
      {
        name: 'name not complex',
        body: newUser('bad-name@x.com', { name: 'Just A String' }),
        status: 400,
        scimType: 'invalidValue',
      },
      {
        name: 'emails[].primary not boolean',
        body: newUser('bad-primary@x.com', { emails: [{ value: 'a@b.c', primary: 'sometimes' }] }),
        status: 400,
        scimType: 'invalidValue',
      },
      { name: 'a JSON array', body: [newUser('array@x.com')], status: 400 },
    ];
    it.each(cases)('$name → $status $scimType', async ({ body, status, scimType }) => {
      const res = await t.scim.post('/Users', body);
      expectScimError(res, status, scimType);
    });

    it('none of them created a user', async () => {
      const res = await t.scim.get(
        `/Users?${filterQuery('userName sw "bad-" or userName eq "array@x.com"')}`,
      );
      expect(res.body.totalResults).toBe(0);
    });
  });

  it('malformed JSON → 400 invalidSyntax', async () => {
    const res = await supertest(t.app)
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${t.tenant.scimToken}`)
      .set('Content-Type', 'application/scim+json')
      .send('{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "broken@x.com",');
    expectScimError(res, 400, 'invalidSyntax');
  });

  it('a body over 1 MB → 413 with a SCIM error body', async () => {
    const big = newUser('big@x.com', { title: 'x'.repeat(1024 * 1024 + 10) });
    const res = await t.scim.post('/Users', big);
    expectScimError(res, 413);
    expect((await t.scim.get(`/Users?${filterQuery('userName eq "big@x.com"')}`)).body.totalResults).toBe(0);
  });

  describe('unknown ids → 404 with a SCIM error body', () => {
    const ids = ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '12345', "1' OR '1'='1"];
    it.each(ids)('GET /Users/%s', async (id) => {
      expectScimError(await t.scim.get(`/Users/${encodeURIComponent(id)}`), 404);
    });
    it.each(ids)('PATCH, PUT and DELETE /Users/%s', async (id) => {
      const path = `/Users/${encodeURIComponent(id)}`;
      expectScimError(await t.scim.patchOps(path, { op: 'replace', path: 'active', value: false }), 404);
      expectScimError(await t.scim.put(path, newUser('ghost@x.com')), 404);
      expectScimError(await t.scim.delete(path), 404);
    });
  });

  it('If-Match: a stale version → 412 and nothing changes; the current version → 200/204', async () => {
    const id = await createUser(t.scim, newUser('etag@x.com', { title: 'v1' }));
    const put = (etag: string, title: string) =>
      t.scim.put(`/Users/${id}`, newUser('etag@x.com', { title })).set('If-Match', etag);

    expectScimError(await put('W/"7"', 'stale'), 412);
    const ok = await put('W/"1"', 'v2');
    expect(ok.status).toBe(200);
    expect(ok.headers.etag).toBe('W/"2"');
    expectScimError(await put('W/"1"', 'stale again'), 412);
    expect((await put('"2"', 'v3')).status).toBe(200); // a strong form of the same version matches too
    expect((await put('*', 'v4')).status).toBe(200);

    const patchStale = await t.scim
      .patchOps(`/Users/${id}`, { op: 'replace', path: 'title', value: 'p' })
      .set('If-Match', 'W/"1"');
    expectScimError(patchStale, 412);
    const deleteStale = await t.scim.delete(`/Users/${id}`).set('If-Match', 'W/"2"');
    expectScimError(deleteStale, 412);

    const got = await t.scim.get(`/Users/${id}`);
    expect(got.body.title).toBe('v4');
    expect(got.headers.etag).toBe('W/"4"');
    expect((await t.scim.delete(`/Users/${id}`).set('If-Match', 'W/"4"')).status).toBe(204);
  });

  it('GET with If-None-Match of the current version → 304', async () => {
    const id = await createUser(t.scim, newUser('inm@x.com'));
    expect((await t.scim.get(`/Users/${id}`).set('If-None-Match', 'W/"1"')).status).toBe(304);
    expect((await t.scim.get(`/Users/${id}`).set('If-None-Match', 'W/"9"')).status).toBe(200);
  });

  it('enterprise (department, manager as object) and seatsync (country, emergencyAddress) extensions round-trip', async () => {
    const manager = await createUser(t.scim, newUser('boss@x.com'));
    const enterprise = {
      department: 'Sales',
      employeeNumber: 'E-42',
      costCenter: 'CC1',
      manager: { value: manager },
    };
    const seatsync = {
      country: 'US',
      emergencyAddress: {
        streetAddress: '1 Main St',
        locality: 'Springfield',
        region: 'IL',
        postalCode: '62701',
        country: 'US',
      },
    };
    const res = await t.scim.post(
      '/Users',
      newUser('ext@x.com', {
        schemas: [USER_SCHEMA, ENTERPRISE, SEATSYNC],
        [ENTERPRISE]: enterprise,
        [SEATSYNC]: seatsync,
      }),
    );
    expect(res.status).toBe(201);
    for (const body of [res.body, (await t.scim.get(`/Users/${res.body.id}`)).body]) {
      expect(body.schemas).toEqual(expect.arrayContaining([USER_SCHEMA, ENTERPRISE, SEATSYNC]));
      expect(body[ENTERPRISE]).toMatchObject({
        ...enterprise,
        manager: { value: manager, $ref: `${BASE}/Users/${manager}` },
      });
      expect(body[SEATSYNC]).toEqual(seatsync);
      // Extension attributes are not leaked into the core namespace.
      expect(body.department).toBeUndefined();
      expect(body.country).toBeUndefined();
    }
    // PUT without the extensions removes them.
    const put = await t.scim.put(`/Users/${res.body.id}`, newUser('ext@x.com'));
    expect(put.status).toBe(200);
    expect(put.body[ENTERPRISE]).toBeUndefined();
    expect(put.body[SEATSYNC]).toBeUndefined();
    expect(put.body.schemas).toEqual([USER_SCHEMA]);
  });

  it('attribute names in a body are case-insensitive (RFC 7643 §2.1)', async () => {
    const res = await t.scim.post('/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE],
      UserName: 'cased@x.com',
      Active: 'False',
      Name: { GivenName: 'Cased', FamilyName: 'Keys' },
      Emails: [{ Value: 'cased@x.com', Type: 'work' }],
      [ENTERPRISE.toLowerCase()]: { Department: 'Cased Dept' },
    });
    expect(res.status).toBe(201);
    const got = (await t.scim.get(`/Users/${res.body.id}`)).body;
    expect(got).toMatchObject({
      userName: 'cased@x.com',
      active: false,
      name: { givenName: 'Cased', familyName: 'Keys' },
      emails: [{ value: 'cased@x.com', type: 'work' }],
      [ENTERPRISE]: { department: 'Cased Dept' },
    });
  });

  it('id, meta and groups in a request body are ignored (read-only)', async () => {
    const res = await t.scim.post(
      '/Users',
      newUser('readonly@x.com', {
        id: '11111111-1111-4111-8111-111111111111',
        meta: { version: 'W/"99"', resourceType: 'Nope' },
        groups: [{ value: '22222222-2222-4222-8222-222222222222' }],
      }),
    );
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe('11111111-1111-4111-8111-111111111111');
    expect(res.body.meta).toMatchObject({ version: 'W/"1"', resourceType: 'User' });
    expect((await t.scim.get(`/Users/${res.body.id}`)).body.groups).toEqual([]);
  });

  describe('events: every change is recorded in its transaction', () => {
    const tokenId = async () => (await t.container.tokenVerifier.verify(t.tenant.scimToken))!.tokenId;
    const eventCount = async () => {
      const [row] = await t.container.database
        .knex('events')
        .where({ tenant_id: t.tenant.tenantId })
        .count({ n: '*' });
      return Number(row?.n);
    };

    it('create, suspend, reactivate, update and delete write user.* events with the token as actor', async () => {
      const id = await createUser(t.scim, newUser('events@x.com'));
      expect(
        (await t.scim.patchOps(`/Users/${id}`, { op: 'replace', path: 'active', value: false })).status,
      ).toBe(204);
      expect(
        (await t.scim.patchOps(`/Users/${id}`, { op: 'replace', path: 'active', value: true })).status,
      ).toBe(204);
      expect(
        (await t.scim.patchOps(`/Users/${id}`, { op: 'replace', path: 'title', value: 'Boss' })).status,
      ).toBe(204);
      expect((await t.scim.delete(`/Users/${id}`)).status).toBe(204);

      const events = await t.container.services.events.listForEntity(t.tenant.tenantId, 'user', id);
      expect(events.map((e) => e.action)).toEqual([
        'user.created',
        'user.suspended',
        'user.reactivated',
        'user.updated',
        'user.deleted',
      ]);
      const actor = await tokenId();
      for (const e of events)
        expect({ type: e.actorType, id: e.actorId }).toEqual({ type: 'token', id: actor });
      const [created, suspended, , updated, deleted] = events;
      expect(created?.before).toBeNull();
      expect(created?.after).toMatchObject({ id, userName: 'events@x.com', active: true, version: 1 });
      expect(suspended?.before).toMatchObject({ active: true, version: 1 });
      expect(suspended?.after).toMatchObject({ active: false, version: 2 });
      expect(updated?.after).toMatchObject({ profile: { title: 'Boss' } });
      expect(deleted?.before).toMatchObject({ id, userName: 'events@x.com' });
      expect(deleted?.after).toBeNull();
    });

    it('a PATCH that changes nothing writes no event and keeps the version', async () => {
      const id = await createUser(t.scim, newUser('noop@x.com', { title: 'Same' }));
      expect(
        (await t.scim.patchOps(`/Users/${id}`, { op: 'replace', path: 'title', value: 'Same' })).status,
      ).toBe(204);
      expect((await t.scim.get(`/Users/${id}`)).headers.etag).toBe('W/"1"');
      const events = await t.container.services.events.listForEntity(t.tenant.tenantId, 'user', id);
      expect(events.map((e) => e.action)).toEqual(['user.created']);
    });

    it('failed requests (409, 400, 412, 404) write no event', async () => {
      const id = await createUser(t.scim, newUser('taken@x.com'));
      const before = await eventCount();
      expect((await t.scim.post('/Users', newUser('TAKEN@x.com'))).status).toBe(409);
      expect((await t.scim.post('/Users', { schemas: [USER_SCHEMA] })).status).toBe(400);
      expect(
        (await t.scim.put(`/Users/${id}`, newUser('taken@x.com', { title: 't' })).set('If-Match', 'W/"5"'))
          .status,
      ).toBe(412);
      expect(
        (
          await t.scim.patchOps(
            `/Users/${id}`,
            { op: 'replace', path: 'title', value: 'first half' },
            { op: 'replace', path: 'active', value: 'not-a-boolean' },
          )
        ).status,
      ).toBe(400);
      expect((await t.scim.delete('/Users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect(await eventCount()).toBe(before);
      // …and the half of the failed PATCH that was valid did not land either.
      expect((await t.scim.get(`/Users/${id}`)).body.title).toBeUndefined();
    });
  });
});
