import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/operator.js';
import {
  adminClient,
  buildTestApp,
  newUser,
  scimClient,
  type AdminClient,
  type TestApp,
} from '../helpers/test-app.js';

const PROBLEM_JSON = /^application\/problem\+json/;

interface AdminUserBody {
  id: string;
  userName: string;
  status: string;
  version: number;
  [key: string]: unknown;
}

describe('admin API: users', () => {
  let t: TestApp;
  const create = (email: string, extra: Record<string, unknown> = {}) =>
    t.admin.post('/users', { firstName: 'Test', surname: 'Person', email, ...extra });
  const createdId = async (email: string, extra: Record<string, unknown> = {}) => {
    const res = await create(email, extra);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const actions = async (id: string) =>
    (await t.container.services.events.listForEntity(t.tenant.tenantId, 'user', id)).map((e) => e.action);

  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  describe('POST /users', () => {
    it('creates a user from the portal form: e-mail as userName, source admin, ETag and Location', async () => {
      const res = await create('Ada.Lovelace@Example.com', {
        firstName: 'Ada',
        surname: 'Lovelace',
        country: 'gb',
        language: 'en-gb',
        department: 'Engineering',
      });
      expect(res.status).toBe(201);
      expect(res.headers.location).toBe(`/api/v1/users/${res.body.id}`);
      expect(res.headers.etag).toBe('W/"1"');
      expect(res.body).toMatchObject({
        userName: 'Ada.Lovelace@Example.com',
        displayName: 'Ada Lovelace',
        firstName: 'Ada',
        surname: 'Lovelace',
        email: 'Ada.Lovelace@Example.com',
        emails: [{ value: 'Ada.Lovelace@Example.com', type: 'work', primary: true }],
        country: 'GB',
        language: 'en-GB',
        department: 'Engineering',
        status: 'active',
        source: 'admin',
        version: 1,
        groups: [],
      });
      const [event] = await t.container.services.events.listForEntity(t.tenant.tenantId, 'user', res.body.id);
      expect(event).toMatchObject({ action: 'user.created', actorType: 'token' });
      expect(event?.actorId).toMatch(/^[0-9a-f-]{36}$/);
      // The SCIM side sees the same user.
      expect((await t.scim.get(`/Users/${res.body.id}`)).body.userName).toBe('Ada.Lovelace@Example.com');
    });

    it("takes country and language from the tenant's defaults when left out", async () => {
      const res = await create('defaults@example.com');
      expect(res.body).toMatchObject({ country: 'SE', language: 'en' });
    });

    it.each([
      [true, ['user.created', 'user.onboarding_requested']],
      [false, ['user.created']],
    ])('sendOnboardingEmail=%s records %j', async (send, expected) => {
      const id = await createdId(`onboard-${String(send)}@example.com`, { sendOnboardingEmail: send });
      expect(await actions(id)).toEqual(expected);
    });

    it('refuses a userName that is taken, whatever its case, with 409 user.username_taken', async () => {
      await createdId('taken@example.com');
      const res = await create('TAKEN@example.com');
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ code: 'user.username_taken', status: 409 });
    });

    it.each([
      ['a missing surname', { surname: undefined }, 'surname'],
      ['an invalid e-mail', { email: 'ada@' }, 'email'],
      ['a country that is not ISO 3166-1', { country: 'UK' }, 'country'],
      ['a three-letter country', { country: 'SWE' }, 'country'],
      ['a language that is not BCP 47', { language: 'english please' }, 'language'],
      ['a non-boolean onboarding flag', { sendOnboardingEmail: 'yes' }, 'sendOnboardingEmail'],
      ['a field the form does not have', { manager: 'x' }, ''],
    ])('refuses %s with the field named', async (_case, change, field) => {
      const res = await create('valid@example.com', change);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation.failed');
      expect(res.body.errors).toEqual([expect.objectContaining({ in: 'body', field })]);
    });
  });

  describe('GET /users/:id', () => {
    it('returns the user with their groups and an ETag', async () => {
      const id = await createdId('member@example.com');
      await t.container.transaction((s) =>
        s.groups.create(t.tenant.tenantId, { displayName: 'Sales', members: [{ userId: id }] }, 'scim', {
          type: 'cli',
        }),
      );
      const res = await t.admin.get(`/users/${id}`);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('W/"1"');
      expect(res.body.groups).toEqual([{ id: expect.any(String), displayName: 'Sales' }]);
    });

    it.each([
      ['an unknown id', '00000000-0000-4000-8000-000000000000'],
      ['a malformed id', 'not-a-uuid'],
    ])('answers %s with 404 user.not_found', async (_case, id) => {
      const res = await t.admin.get(`/users/${id}`);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({
        code: 'user.not_found',
        status: 404,
        type: 'urn:seatsync:problem:user.not_found',
      });
    });

    it("gives another tenant's token 404 for this tenant's user, for reads and writes alike", async () => {
      const id = await createdId('private@example.com');
      const other = await createTenant(t.container, `other-${Math.random().toString(36).slice(2, 8)}`);
      const stranger = adminClient(t.app, other.adminToken);
      for (const res of [
        await stranger.get(`/users/${id}`),
        await stranger.patch(`/users/${id}`, { title: 'Owned' }),
        await stranger.post(`/users/${id}/suspend`),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('user.not_found');
      }
      expect((await stranger.get('/users?q=private')).body.items).toEqual([]);
      expect((await t.admin.get(`/users/${id}`)).body).toMatchObject({
        status: 'active',
        title: null,
        version: 1,
      });
    });
  });

  describe('GET /users', () => {
    let client: AdminClient;
    let ids: string[];
    beforeAll(async () => {
      // A tenant of its own, so the other tests' users do not change the pages.
      const tenant = await createTenant(t.container, `paging-${Math.random().toString(36).slice(2, 8)}`);
      client = adminClient(t.app, tenant.adminToken);
      ids = [];
      for (const name of ['alan.turing', 'barbara.liskov', 'claude.shannon']) {
        const res = await client.post('/users', {
          firstName: name.split('.')[0],
          surname: name.split('.')[1],
          email: `${name}@example.com`,
        });
        ids.push(res.body.id);
      }
      // Created in one transaction, so with one created_at: the id decides their order, and the cursor must too.
      const bulk = await client.post('/users/bulk', {
        emails: ['d1@example.com', 'd2@example.com', 'd3@example.com', 'd4@example.com', 'd5_x@example.com'],
      });
      ids.push(...bulk.body.results.map((r: { userId: string }) => r.userId));
      // A SCIM user whose e-mail differs from its userName.
      const scimUser = await scimClient(t.app, tenant.scimToken).post(
        '/Users',
        newUser('edsger', { emails: [{ value: 'ewd@utexas.example', type: 'work' }], active: false }),
      );
      ids.push(scimUser.body.id);
    });

    it('pages through every user with cursors: no duplicates, none missed, creation order', async () => {
      const pages: AdminUserBody[][] = [];
      let cursor: string | null = null;
      do {
        const res = await client.get(`/users?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        pages.push(res.body.items);
        cursor = res.body.nextCursor;
        if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      } while (cursor && pages.length < 10);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 3]);
      const seen = pages.flat().map((u) => u.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.slice(0, 3)).toEqual(ids.slice(0, 3));
      expect([...seen].sort()).toEqual([...ids].sort());
      // The bulk users share one created_at: in id order.
      const bulkIds = seen.slice(3, 8);
      expect(bulkIds).toEqual([...ids.slice(3, 8)].sort());
    });

    it('says there is no next page when the last page is exactly full', async () => {
      const res = await client.get('/users?limit=9');
      expect(res.body.items).toHaveLength(9);
      expect(res.body.nextCursor).toBeNull();
    });

    it('defaults to pages of 50', async () => {
      const res = await client.get('/users');
      expect(res.body.items).toHaveLength(9);
      expect(res.body.nextCursor).toBeNull();
    });

    it.each([
      ['userName', 'BARBARA', ['barbara.liskov@example.com']],
      ['display name', 'shannon', ['claude.shannon@example.com']],
      ['first and last name together', 'alan turing', ['alan.turing@example.com']],
      ['an e-mail address other than the userName', 'utexas', ['edsger']],
      ['a LIKE wildcard, literally', '_x', ['d5_x@example.com']],
      ['a percent sign, literally', '%', []],
      ['nothing', 'nobody-by-this-name', []],
    ])('q matches %s', async (_case, q, expected) => {
      const res = await client.get(`/users?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((u: AdminUserBody) => u.userName)).toEqual(expected);
    });

    it('filters by status, and pages a filtered list', async () => {
      const suspended = await client.get('/users?status=suspended');
      expect(suspended.body.items.map((u: AdminUserBody) => u.userName)).toEqual(['edsger']);
      const first = await client.get('/users?status=active&q=example.com&limit=4');
      const second = await client.get(
        `/users?status=active&q=example.com&limit=4&cursor=${first.body.nextCursor}`,
      );
      expect([...first.body.items, ...second.body.items]).toHaveLength(8);
      expect(second.body.nextCursor).toBeNull();
    });
  });

  describe('GET /users filters and licenses', () => {
    let client: AdminClient;
    const ids: Record<string, string> = {};
    const names = async (query: string) => {
      const res = await client.get(`/users?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items.map((u: AdminUserBody) => u.userName);
    };
    beforeAll(async () => {
      const tenant = await createTenant(t.container, `filters-${Math.random().toString(36).slice(2, 8)}`);
      client = adminClient(t.app, tenant.adminToken);
      for (const [name, department, country] of [
        ['ann', 'Sales', 'SE'],
        ['bob', 'sales', 'NO'],
        ['cid', 'Sales Ops', 'SE'],
        ['dee', 'Support', 'SE'],
      ] as const) {
        const res = await client.post('/users', {
          firstName: name,
          surname: 'Filter',
          email: `${name}@example.com`,
          department,
          country,
        });
        ids[name] = res.body.id;
      }
      // No seats are bought: the licenses wait blocked, which still counts as a license of the user.
      const assigned = await client.post('/assignments', { userIds: [ids.bob, ids.dee], product: 'cc-pro' });
      expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
      const scheduled = await client.post('/assignments', {
        userIds: [ids.ann],
        product: 'cc-pro',
        effectiveAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
      expect(scheduled.status).toBe(201);
      const other = await client.post('/assignments', { userIds: [ids.cid], product: 'basic' });
      expect(other.status).toBe(201);
    });

    it('filters by whole department name, whatever its case, and by country', async () => {
      expect(await names('department=SALES')).toEqual(['ann@example.com', 'bob@example.com']);
      expect(await names('country=se')).toEqual(['ann@example.com', 'cid@example.com', 'dee@example.com']);
      expect(await names('department=sales&country=SE')).toEqual(['ann@example.com']);
    });

    it('filters by product, key or id, counting scheduled licenses and not cancelled ones', async () => {
      expect(await names('product=cc-pro')).toEqual([
        'ann@example.com',
        'bob@example.com',
        'dee@example.com',
      ]);
      const product = await client.get('/catalog/products/cc-pro');
      expect(await names(`product=${product.body.id}&country=SE`)).toEqual([
        'ann@example.com',
        'dee@example.com',
      ]);
      const ann = await client.get(`/users/${ids.ann}`);
      await client.post(`/assignments/${ann.body.licenses.assignments[0].id}/cancel`);
      expect(await names('product=cc-pro')).toEqual(['bob@example.com', 'dee@example.com']);
    });

    it('refuses an unknown product as a query error, not an empty list', async () => {
      const res = await client.get('/users?product=no-such-product');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'product' })]);
    });

    it("carries each user's licenses only when asked, by track", async () => {
      const plain = await client.get('/users?limit=2');
      expect(plain.body.items[0]).not.toHaveProperty('licenses');
      const res = await client.get('/users?includeLicenses=true');
      const byName = Object.fromEntries(
        res.body.items.map((u: AdminUserBody & { licenses: unknown[] }) => [u.userName, u.licenses]),
      );
      expect(byName['ann@example.com']).toEqual([]);
      expect(byName['bob@example.com']).toEqual([
        expect.objectContaining({ product: 'cc-pro', track: 'contact-centre', state: expect.any(String) }),
      ]);
      expect(byName['cid@example.com']).toEqual([
        expect.objectContaining({ product: 'basic', track: 'voice', state: 'blocked' }),
      ]);
      expect((await client.get('/users?includeLicenses=yes')).status).toBe(400);
    });
  });

  describe('POST /users/bulk', () => {
    it('creates what it can and says, per address, what happened', async () => {
      await createdId('existing@example.com');
      const res = await t.admin.post('/users/bulk', {
        emails: [
          'new1@example.com',
          'EXISTING@example.com',
          'not-an-email',
          ' new2@example.com ',
          'New1@Example.com',
        ],
        country: 'no',
        language: 'nb',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ created: 2, alreadyExisting: 2, invalid: 1 });
      const [new1, existing, invalid, new2, duplicate] = res.body.results;
      expect(new1).toMatchObject({
        email: 'new1@example.com',
        status: 'created',
        userId: expect.any(String),
      });
      expect(existing).toMatchObject({
        email: 'EXISTING@example.com',
        status: 'already_exists',
        userId: expect.any(String),
      });
      expect(invalid).toMatchObject({
        email: 'not-an-email',
        status: 'invalid',
        message: expect.any(String),
      });
      expect(new2).toMatchObject({ email: 'new2@example.com', status: 'created' });
      // A repeat inside the list names the user created for its first occurrence.
      expect(duplicate).toMatchObject({ status: 'already_exists', userId: new1.userId });
      const user = await t.admin.get(`/users/${new2.userId}`);
      expect(user.body).toMatchObject({
        userName: 'new2@example.com',
        email: 'new2@example.com',
        country: 'NO',
        language: 'nb',
        source: 'admin',
        firstName: null,
      });
      expect(await actions(new2.userId)).toEqual(['user.created']);
    });

    it.each([
      ['an empty list', { emails: [] }, 'emails'],
      [
        'more than 1000 addresses',
        { emails: Array.from({ length: 1001 }, (_, i) => `u${i}@example.com`) },
        'emails',
      ],
      ['a list that is not a list', { emails: 'a@example.com' }, 'emails'],
      ['an invalid country', { emails: ['a@example.com'], country: 'Sweden' }, 'country'],
    ])('refuses %s as a whole', async (_case, body, field) => {
      const res = await t.admin.post('/users/bulk', body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });
  });

  describe('PATCH /users/:id', () => {
    it('edits contact details, keeping what it does not touch', async () => {
      const scim = await t.scim.post(
        '/Users',
        newUser('katherine@example.com', {
          name: { givenName: 'Katherine', familyName: 'Johnson' },
          phoneNumbers: [
            { value: '+1 (555) 0100', type: 'home' },
            { value: '+15550101', type: 'work', primary: true },
          ],
          title: 'Mathematician',
        }),
      );
      const id = scim.body.id as string;
      const res = await t.admin.patch(`/users/${id}`, {
        surname: 'Goble',
        department: 'Flight Research',
        title: null,
        // A typed number the IdP put there may be removed; only the tenant's pool numbers may be set (see
        // test/licensing/invariants.test.ts).
        phoneNumbers: { work: null },
        country: 'us',
        language: 'en-US',
        emergencyAddress: {
          streetAddress: '1 NASA Dr',
          locality: 'Hampton',
          region: 'VA',
          postalCode: '23666',
          country: 'US',
        },
      });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe('W/"2"');
      expect(res.body).toMatchObject({
        firstName: 'Katherine',
        surname: 'Goble',
        // It was "first last", so it follows the rename.
        displayName: 'Katherine Goble',
        department: 'Flight Research',
        title: null,
        country: 'US',
        language: 'en-US',
        emergencyAddress: {
          streetAddress: '1 NASA Dr',
          locality: 'Hampton',
          region: 'VA',
          postalCode: '23666',
          country: 'US',
        },
        version: 2,
        source: 'scim',
      });
      expect(res.body.phoneNumbers).toEqual([{ value: '+1 (555) 0100', type: 'home' }]);
      expect(await actions(id)).toEqual(['user.created', 'user.updated']);
      // And SCIM reads the same profile back.
      const back = await t.scim.get(`/Users/${id}`);
      expect(back.body.name).toMatchObject({ familyName: 'Goble' });
    });

    it('removes with null, and keeps a display name someone chose over a rename', async () => {
      const id = await createdId('nick@example.com', {
        firstName: 'Nicholas',
        surname: 'Old',
        department: 'Ops',
      });
      await t.admin.patch(`/users/${id}`, { displayName: 'Nick' });
      const res = await t.admin.patch(`/users/${id}`, {
        firstName: 'Nicolas',
        department: null,
        phoneNumbers: { mobile: null },
      });
      expect(res.body).toMatchObject({
        displayName: 'Nick',
        firstName: 'Nicolas',
        department: null,
        phoneNumbers: [],
      });
      const reset = await t.admin.patch(`/users/${id}`, { displayName: null });
      expect(reset.body.displayName).toBe('Nicolas Old');
    });

    it('changes nothing (no new version, no event) when the values are already so', async () => {
      const id = await createdId('same@example.com', { department: 'Ops' });
      const res = await t.admin.patch(`/users/${id}`, { department: 'Ops' });
      expect(res.body.version).toBe(1);
      expect(await actions(id)).toEqual(['user.created']);
    });

    it('honours If-Match: the current version writes, a stale one is 412 user.version_mismatch', async () => {
      const id = await createdId('concurrent@example.com');
      const first = await t.admin.patch(`/users/${id}`, { title: 'Engineer' }, { 'If-Match': 'W/"1"' });
      expect(first.status).toBe(200);
      expect(first.headers.etag).toBe('W/"2"');
      const stale = await t.admin.patch(`/users/${id}`, { title: 'Manager' }, { 'If-Match': 'W/"1"' });
      expect(stale.status).toBe(412);
      expect(stale.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(stale.body).toMatchObject({ code: 'user.version_mismatch', status: 412 });
      expect((await t.admin.get(`/users/${id}`)).body.title).toBe('Engineer');
      for (const tag of ['"2"', '*'])
        expect((await t.admin.patch(`/users/${id}`, { department: tag }, { 'If-Match': tag })).status).toBe(
          200,
        );
    });

    it.each([
      [
        'a work number with spaces',
        { phoneNumbers: { work: '+46 70 123 45 67' } },
        'body',
        'phoneNumbers.work',
      ],
      [
        'a mobile number without +',
        { phoneNumbers: { mobile: '0701234567' } },
        'body',
        'phoneNumbers.mobile',
      ],
      ['a phone type it does not edit', { phoneNumbers: { fax: '+4681234567' } }, 'body', 'phoneNumbers'],
      [
        'an emergency address without a street',
        { emergencyAddress: { locality: 'X', postalCode: '1', country: 'US' } },
        'body',
        'emergencyAddress.streetAddress',
      ],
      ['an empty first name', { firstName: '  ' }, 'body', 'firstName'],
      ['the userName, which is not a contact detail', { userName: 'x@example.com' }, 'body', ''],
    ])('refuses %s', async (_case, body, part, field) => {
      const id = await createdId(`invalid-${Math.random().toString(36).slice(2, 8)}@example.com`);
      const res = await t.admin.patch(`/users/${id}`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ in: part, field })]);
    });

    it('refuses a malformed If-Match as a header error', async () => {
      const id = await createdId('badtag@example.com');
      const res = await t.admin.patch(`/users/${id}`, { title: 'x' }, { 'If-Match': 'version one' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ in: 'headers', field: 'if-match' })]);
    });
  });

  describe('suspend and reactivate', () => {
    it('suspends and reactivates, recording each as its own event', async () => {
      const id = await createdId('leaver@example.com');
      const suspended = await t.admin.post(`/users/${id}/suspend`);
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ status: 'suspended', version: 2 });
      expect((await t.scim.get(`/Users/${id}`)).body.active).toBe(false);
      // Again: nothing to change.
      expect((await t.admin.post(`/users/${id}/suspend`)).body.version).toBe(2);
      const back = await t.admin.post(`/users/${id}/reactivate`, undefined, { 'If-Match': 'W/"2"' });
      expect(back.body).toMatchObject({ status: 'active', version: 3 });
      expect(await actions(id)).toEqual(['user.created', 'user.suspended', 'user.reactivated']);
    });

    it('refuses a stale If-Match', async () => {
      const id = await createdId('stale-suspend@example.com');
      await t.admin.patch(`/users/${id}`, { title: 'x' });
      const res = await t.admin.post(`/users/${id}/suspend`, undefined, { 'If-Match': 'W/"1"' });
      expect(res.status).toBe(412);
      expect(res.body.code).toBe('user.version_mismatch');
      expect((await t.admin.get(`/users/${id}`)).body.status).toBe('active');
    });
  });
});
