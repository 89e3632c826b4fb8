import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_SCHEMA, buildTestApp, newUser, type TestApp } from '../helpers/test-app.js';
import { createUser, expectScimError, filterQuery } from '../helpers/scim-expect.js';

const BASE = 'http://seatsync.test/scim/v2';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('SCIM Groups', () => {
  let t: TestApp;
  const u: string[] = []; // five users, u[i] has displayName `User i`
  beforeAll(async () => {
    t = await buildTestApp();
    for (let i = 0; i < 5; i++)
      u.push(await createUser(t.scim, newUser(`member${i}@groups.test`, { displayName: `User ${i}` })));
  });
  afterAll(() => t.close());

  const group = (displayName: string, members: string[] = [], extra: Record<string, unknown> = {}) => ({
    schemas: [GROUP_SCHEMA],
    displayName,
    members: members.map((value) => ({ value })),
    ...extra,
  });
  const createGroup = async (displayName: string, members: string[] = []) => {
    const res = await t.scim.post('/Groups', group(displayName, members));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const memberIds = async (id: string) => {
    const res = await t.scim.get(`/Groups/${id}`);
    expect(res.status).toBe(200);
    return ((res.body.members ?? []) as Array<{ value: string }>).map((m) => m.value).sort();
  };
  const groupCount = async () => (await t.scim.get('/Groups?count=0')).body.totalResults as number;
  const sorted = (...ids: Array<string | undefined>) => ids.map(String).sort();

  it('creates a group with members: 201, Location, ETag, members with value/display/$ref', async () => {
    const res = await t.scim.post('/Groups', group('Created', [u[0]!, u[1]!], { externalId: 'g-ext' }));
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    expect(res.headers.location).toBe(`${BASE}/Groups/${id}`);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.body).toMatchObject({
      schemas: [GROUP_SCHEMA],
      displayName: 'Created',
      externalId: 'g-ext',
      meta: { resourceType: 'Group', version: 'W/"1"', location: `${BASE}/Groups/${id}` },
    });
    const byValue = (a: { value: string }, b: { value: string }) => a.value.localeCompare(b.value);
    const expected = [0, 1]
      .map((i) => ({ value: u[i]!, display: `User ${i}`, $ref: `${BASE}/Users/${u[i]}` }))
      .sort(byValue);
    expect([...res.body.members].sort(byValue)).toMatchObject(expected);
    expect([...(await t.scim.get(`/Groups/${id}`)).body.members].sort(byValue)).toMatchObject(expected);
  });

  describe('unknown member ids are refused and nothing is written', () => {
    const cases: Array<[name: string, members: () => unknown[]]> = [
      ['a random uuid', () => [{ value: u[0] }, { value: UNKNOWN }]],
      ['not a uuid', () => [{ value: 'not-a-user' }]],
      ['a group id as a member', () => [{ value: u[0] }, { value: groupId }]],
      ['a member without value', () => [{ display: 'nobody' }]],
    ];
    let groupId = '';
    beforeAll(async () => {
      groupId = await createGroup('Existing for member checks');
    });
    it.each(cases)('POST with %s → 400', async (name, members) => {
      const before = await groupCount();
      const res = await t.scim.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: `Refused ${name}`,
        members: members(),
      });
      expectScimError(res, 400);
      expect(await groupCount()).toBe(before);
      const found = await t.scim.get(`/Groups?${filterQuery(`displayName eq "Refused ${name}"`)}`);
      expect(found.body.totalResults).toBe(0);
    });

    it('PATCH add with an unknown member → 400, and no member of the request was added', async () => {
      const id = await createGroup('Patch unknown', [u[0]!]);
      const res = await t.scim.patchOps(`/Groups/${id}`, {
        op: 'add',
        path: 'members',
        value: [{ value: u[1] }, { value: UNKNOWN }],
      });
      expectScimError(res, 400);
      expect(await memberIds(id)).toEqual([u[0]]);
    });

    it('PUT with an unknown member → 400, group unchanged', async () => {
      const id = await createGroup('Put unknown', [u[0]!]);
      expectScimError(await t.scim.put(`/Groups/${id}`, group('Put unknown renamed', [u[1]!, UNKNOWN])), 400);
      expect((await t.scim.get(`/Groups/${id}`)).body).toMatchObject({
        displayName: 'Put unknown',
        meta: { version: 'W/"1"' },
      });
      expect(await memberIds(id)).toEqual([u[0]]);
    });
  });

  describe('PATCH membership (Entra and Okta shapes)', () => {
    const cases: Array<{ name: string; start: number[]; ops: (ids: string[]) => unknown[]; end: number[] }> =
      [
        {
          name: 'add members',
          start: [0],
          ops: (m) => [{ op: 'add', path: 'members', value: [{ value: m[1] }, { value: m[2] }] }],
          end: [0, 1, 2],
        },
        {
          name: 'Entra Add one member',
          start: [],
          ops: (m) => [{ op: 'Add', path: 'members', value: [{ value: m[3] }] }],
          end: [3],
        },
        {
          name: 'adding an existing member is a no-op',
          start: [0, 1],
          ops: (m) => [{ op: 'add', path: 'members', value: [{ value: m[0] }] }],
          end: [0, 1],
        },
        {
          name: 'Entra Remove with a value array removes only those',
          start: [0, 1, 2, 3],
          ops: (m) => [{ op: 'Remove', path: 'members', value: [{ value: m[1] }, { value: m[3] }] }],
          end: [0, 2],
        },
        {
          name: 'Okta remove members[value eq "id"]',
          start: [0, 1, 2],
          ops: (m) => [{ op: 'remove', path: `members[value eq "${m[1]}"]` }],
          end: [0, 2],
        },
        {
          name: 'remove members with no value removes all',
          start: [0, 1, 2],
          ops: () => [{ op: 'remove', path: 'members' }],
          end: [],
        },
        {
          name: 'replace members',
          start: [0, 1, 2],
          ops: (m) => [{ op: 'replace', path: 'members', value: [{ value: m[3] }, { value: m[4] }] }],
          end: [3, 4],
        },
        {
          name: 'Okta path-less replace with members',
          start: [0],
          ops: (m) => [{ op: 'replace', value: { id: 'ignored', members: [{ value: m[2] }] } }],
          end: [2],
        },
        {
          name: 'Entra add then remove in one request',
          start: [0],
          ops: (m) => [
            { op: 'Add', path: 'members', value: [{ value: m[1] }, { value: m[2] }] },
            { op: 'Remove', path: 'members', value: [{ value: m[0] }] },
          ],
          end: [1, 2],
        },
        {
          name: 'removing a non-member is a no-op',
          start: [0],
          ops: (m) => [{ op: 'remove', path: 'members', value: [{ value: m[4] }] }],
          end: [0],
        },
      ];
    let n = 0;
    it.each(cases)('$name', async ({ start, ops, end }) => {
      n += 1;
      const id = await createGroup(
        `Membership ${n}`,
        start.map((i) => u[i]!),
      );
      const res = await t.scim.patchOps(`/Groups/${id}`, ...ops(u));
      expect(res.status).toBe(204);
      expect(await memberIds(id)).toEqual(sorted(...end.map((i) => u[i])));
    });

    it('PATCH with ?excludedAttributes=members answers 200 without members', async () => {
      const id = await createGroup('Patch 200', [u[0]!]);
      const res = await t.scim.patchOps(`/Groups/${id}?excludedAttributes=members`, {
        op: 'add',
        path: 'members',
        value: [{ value: u[1] }],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, displayName: 'Patch 200', meta: { version: 'W/"2"' } });
      expect(res.body.members).toBeUndefined();
    });

    it('rename by path and path-less replace; externalId', async () => {
      const id = await createGroup('Before rename', [u[0]!]);
      expect(
        (
          await t.scim.patchOps(`/Groups/${id}`, {
            op: 'Replace',
            path: 'displayName',
            value: 'Renamed once',
          })
        ).status,
      ).toBe(204);
      expect(
        (
          await t.scim.patchOps(`/Groups/${id}`, {
            op: 'replace',
            value: { id, displayName: 'Renamed twice', externalId: 'x-1' },
          })
        ).status,
      ).toBe(204);
      const got = await t.scim.get(`/Groups/${id}`);
      expect(got.body).toMatchObject({
        displayName: 'Renamed twice',
        externalId: 'x-1',
        meta: { version: 'W/"3"' },
      });
      expect(await memberIds(id)).toEqual([u[0]]);
    });

    const invalid: Array<[name: string, op: Record<string, unknown>]> = [
      ['remove displayName', { op: 'remove', path: 'displayName' }],
      ['unknown attribute', { op: 'replace', path: 'nickName', value: 'x' }],
      [
        'add with a filtered members path',
        { op: 'add', path: 'members[value eq "x"]', value: [{ value: 'x' }] },
      ],
      ['remove without path', { op: 'remove' }],
      ['displayName not a string', { op: 'replace', path: 'displayName', value: 42 }],
      ['members filter that does not parse', { op: 'remove', path: 'members[value eq ]' }],
    ];
    it.each(invalid)('%s → 400, group unchanged', async (name, op) => {
      const id = await createGroup(`Invalid ${name}`, [u[0]!]);
      expectScimError(await t.scim.patchOps(`/Groups/${id}`, op), 400);
      expect((await t.scim.get(`/Groups/${id}`)).body).toMatchObject({
        displayName: `Invalid ${name}`,
        meta: { version: 'W/"1"' },
      });
      expect(await memberIds(id)).toEqual([u[0]]);
    });
  });

  it('PUT replaces displayName, externalId and members', async () => {
    const id = await createGroup('Put me', [u[0]!, u[1]!]);
    const res = await t.scim.put(`/Groups/${id}`, group('Put done', [u[2]!], { id, externalId: 'put-ext' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      displayName: 'Put done',
      externalId: 'put-ext',
      meta: { version: 'W/"2"' },
    });
    expect(await memberIds(id)).toEqual([u[2]]);
  });

  it('displayName is unique per tenant, case-insensitively → 409 uniqueness (POST, PUT, PATCH)', async () => {
    await createGroup('Sales Team');
    expectScimError(await t.scim.post('/Groups', group('sales team')), 409, 'uniqueness');
    expectScimError(await t.scim.post('/Groups', group('SALES TEAM')), 409, 'uniqueness');
    const other = await createGroup('Support Team');
    expectScimError(
      await t.scim.patchOps(`/Groups/${other}`, { op: 'replace', path: 'displayName', value: 'Sales team' }),
      409,
      'uniqueness',
    );
    expectScimError(await t.scim.put(`/Groups/${other}`, group('SALES team')), 409, 'uniqueness');
    expect((await t.scim.get(`/Groups/${other}`)).body.displayName).toBe('Support Team');
  });

  it('a deleted group is gone (404) and its name can be reused', async () => {
    const id = await createGroup('Short lived', [u[0]!]);
    expect((await t.scim.delete(`/Groups/${id}`)).status).toBe(204);
    expectScimError(await t.scim.get(`/Groups/${id}`), 404);
    expectScimError(
      await t.scim.patchOps(`/Groups/${id}`, { op: 'add', path: 'members', value: [{ value: u[1] }] }),
      404,
    );
    expectScimError(await t.scim.delete(`/Groups/${id}`), 404);
    expect(
      ((await t.scim.get(`/Users/${u[0]}`)).body.groups as Array<{ value: string }>).map((g) => g.value),
    ).not.toContain(id);
    await createGroup('short LIVED');
  });

  describe('lists and filters', () => {
    // Two users of their own, so other tests' groups do not match.
    let entra = '';
    let other = '';
    const m: string[] = [];
    beforeAll(async () => {
      m.push(await createUser(t.scim, newUser('lookup0@groups.test', { displayName: 'Lookup Zero' })));
      m.push(await createUser(t.scim, newUser('lookup1@groups.test', { displayName: 'Lookup One' })));
      entra = await createGroup('Entra Lookup', [m[0]!, m[1]!]);
      other = await createGroup('Other Lookup', [m[1]!]);
    });

    it('Entra GET /Groups?excludedAttributes=members&filter=displayName eq "…" finds the group without members', async () => {
      const res = await t.scim.get(
        `/Groups?excludedAttributes=members&${filterQuery('displayName eq "entra lookup"')}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.totalResults).toBe(1);
      const found = res.body.Resources[0];
      expect(found).toMatchObject({ id: entra, displayName: 'Entra Lookup' });
      expect('members' in found).toBe(false);
    });

    const filters: Array<[name: string, filter: () => string, expected: () => string[]]> = [
      ['members[value eq id]', () => `members[value eq "${m[0]}"]`, () => [entra]],
      ['members eq id', () => `members eq "${m[1]}"`, () => [entra, other]],
      ['members.value eq id', () => `members.value eq "${m[0]}"`, () => [entra]],
      ['displayName sw and members', () => `displayName sw "other" and members eq "${m[1]}"`, () => [other]],
      ['members[display eq …], case-insensitive', () => 'members[display eq "LOOKUP ZERO"]', () => [entra]],
      ['not (members pr) among lookups', () => 'displayName ew "Lookup" and not (members pr)', () => []],
      ['displayName co, case-insensitive', () => 'displayName co "LOOKUP"', () => [entra, other]],
    ];
    it.each(filters)('%s', async (_name, filter, expected) => {
      const res = await t.scim.get(`/Groups?${filterQuery(filter())}&excludedAttributes=members`);
      expect(res.status).toBe(200);
      expect(res.body.Resources.map((g: { id: string }) => g.id).sort()).toEqual(expected().sort());
    });

    it('attributes=displayName → only id, schemas, displayName', async () => {
      const res = await t.scim.get(
        `/Groups?attributes=displayName&${filterQuery('displayName eq "Entra Lookup"')}`,
      );
      expect(Object.keys(res.body.Resources[0]).sort()).toEqual(['displayName', 'id', 'schemas']);
    });

    it('GET /Groups/:id?excludedAttributes=members has no members', async () => {
      const res = await t.scim.get(`/Groups/${entra}?excludedAttributes=members`);
      expect(res.body.id).toBe(entra);
      expect(res.body.members).toBeUndefined();
    });

    it('invalid group filter → 400 invalidFilter', async () => {
      expectScimError(await t.scim.get(`/Groups?${filterQuery('displayName eq')}`), 400, 'invalidFilter');
    });

    it("a user's groups attribute lists their groups", async () => {
      const res = await t.scim.get(`/Users/${m[1]}`);
      const groups = res.body.groups as Array<{ value: string; display: string; $ref: string }>;
      expect(groups).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ value: entra, display: 'Entra Lookup', $ref: `${BASE}/Groups/${entra}` }),
          expect.objectContaining({ value: other, display: 'Other Lookup' }),
        ]),
      );
      const filtered = await t.scim.get(`/Users?${filterQuery(`groups[value eq "${other}"]`)}`);
      expect(filtered.body.Resources.map((r: { id: string }) => r.id)).toEqual([m[1]]);
    });
  });

  it('a deleted user disappears from group members and from member filters', async () => {
    const leaver = await createUser(t.scim, newUser('leaver@groups.test'));
    const id = await createGroup('Has a leaver', [u[0]!, leaver]);
    expect((await t.scim.delete(`/Users/${leaver}`)).status).toBe(204);
    expect(await memberIds(id)).toEqual([u[0]]);
    const found = await t.scim.get(`/Groups?${filterQuery(`members eq "${leaver}"`)}`);
    expect(found.body.totalResults).toBe(0);
    // …and cannot be added back
    expectScimError(
      await t.scim.patchOps(`/Groups/${id}`, { op: 'add', path: 'members', value: [{ value: leaver }] }),
      400,
    );
  });

  it('unknown and malformed group ids → 404 SCIM error', async () => {
    for (const id of [UNKNOWN, 'nope']) {
      expectScimError(await t.scim.get(`/Groups/${id}`), 404);
      expectScimError(await t.scim.put(`/Groups/${id}`, group('Ghost')), 404);
      expectScimError(
        await t.scim.patchOps(`/Groups/${id}`, { op: 'replace', path: 'displayName', value: 'x' }),
        404,
      );
      expectScimError(await t.scim.delete(`/Groups/${id}`), 404);
    }
  });

  it('If-Match on groups: stale → 412, current → 204', async () => {
    const id = await createGroup('Etag group');
    const stale = await t.scim
      .patchOps(`/Groups/${id}`, { op: 'add', path: 'members', value: [{ value: u[0] }] })
      .set('If-Match', 'W/"5"');
    expectScimError(stale, 412);
    const ok = await t.scim
      .patchOps(`/Groups/${id}`, { op: 'add', path: 'members', value: [{ value: u[0] }] })
      .set('If-Match', 'W/"1"');
    expect(ok.status).toBe(204);
    expect(ok.headers.etag).toBe('W/"2"');
  });

  it('missing displayName → 400 invalidValue', async () => {
    expectScimError(
      await t.scim.post('/Groups', { schemas: [GROUP_SCHEMA], members: [] }),
      400,
      'invalidValue',
    );
    expectScimError(await t.scim.post('/Groups', group('   ')), 400, 'invalidValue');
  });
});
