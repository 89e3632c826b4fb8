import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, USER_SCHEMA, buildTestApp, newUser, type TestApp } from '../helpers/test-app.js';
import { PATCH_OP, SEATSYNC, createUser, expectScimError } from '../helpers/scim-expect.js';

const MANAGER_PATH = `${ENTERPRISE}:manager`;
const MOBILE = 'phoneNumbers[type eq "mobile"].value';

/** A PATCH as an identity provider sends it, on a fresh user, and what GET must show afterwards. */
interface PatchCase {
  name: string;
  /** Extra attributes of the user before the PATCH. */
  user?: Record<string, unknown>;
  /** Operations; `$manager` in a value is replaced by the id of a manager user, `$self` by the user's id. */
  ops?: Array<Record<string, unknown>>;
  /** A whole request body instead of `ops`. */
  body?: Record<string, unknown>;
  expect: (user: Record<string, unknown>, ctx: { managerId: string }) => void;
}

const phones = (u: Record<string, unknown>) => u.phoneNumbers as Array<Record<string, unknown>> | undefined;
const emails = (u: Record<string, unknown>) => u.emails as Array<Record<string, unknown>> | undefined;
const ext = (u: Record<string, unknown>, urn: string) => (u[urn] ?? {}) as Record<string, unknown>;

const cases: PatchCase[] = [
  // Entra ID: capitalised ops and string booleans
  {
    name: 'Entra Replace active "False"',
    ops: [{ op: 'Replace', path: 'active', value: 'False' }],
    expect: (u) => expect(u.active).toBe(false),
  },
  {
    name: 'Entra Replace active "True" on a suspended user',
    user: { active: false },
    ops: [{ op: 'Replace', path: 'active', value: 'True' }],
    expect: (u) => expect(u.active).toBe(true),
  },
  {
    name: 'Entra path-less Replace with string boolean {"active":"False"}',
    ops: [{ op: 'Replace', value: { active: 'False' } }],
    expect: (u) => expect(u.active).toBe(false),
  },
  {
    name: 'Entra Add a simple attribute (title)',
    ops: [{ op: 'Add', path: 'title', value: 'Engineer' }],
    expect: (u) => expect(u.title).toBe('Engineer'),
  },
  {
    name: 'Entra Remove a simple attribute (title)',
    user: { title: 'Engineer' },
    ops: [{ op: 'Remove', path: 'title' }],
    expect: (u) => expect(u.title).toBeUndefined(),
  },
  {
    name: 'Entra Replace externalId and displayName in one request',
    ops: [
      { op: 'Replace', path: 'externalId', value: 'entra-object-id' },
      { op: 'Replace', path: 'displayName', value: 'Renamed Person' },
    ],
    expect: (u) => expect(u).toMatchObject({ externalId: 'entra-object-id', displayName: 'Renamed Person' }),
  },
  // manager: bare id, and "" to clear
  {
    name: 'Entra Add manager as a bare id string',
    ops: [{ op: 'Add', path: MANAGER_PATH, value: '$manager' }],
    expect: (u, { managerId }) => expect(ext(u, ENTERPRISE).manager).toMatchObject({ value: managerId }),
  },
  {
    name: 'Entra Replace manager with a bare id string',
    user: { [ENTERPRISE]: { manager: { value: 'old-manager' }, department: 'Sales' } },
    ops: [{ op: 'Replace', path: MANAGER_PATH, value: '$manager' }],
    expect: (u, { managerId }) =>
      expect(ext(u, ENTERPRISE)).toMatchObject({ manager: { value: managerId }, department: 'Sales' }),
  },
  {
    name: 'Entra Replace manager with "" clears it',
    user: { [ENTERPRISE]: { manager: { value: 'someone' }, department: 'Sales' } },
    ops: [{ op: 'Replace', path: MANAGER_PATH, value: '' }],
    expect: (u) => {
      expect(ext(u, ENTERPRISE).manager).toBeUndefined();
      expect(ext(u, ENTERPRISE).department).toBe('Sales');
    },
  },
  {
    name: 'Entra Add manager with "" clears it',
    user: { [ENTERPRISE]: { manager: { value: 'someone' } } },
    ops: [{ op: 'Add', path: MANAGER_PATH, value: '' }],
    expect: (u) => expect(ext(u, ENTERPRISE).manager).toBeUndefined(),
  },
  {
    name: 'manager as an object {value}',
    ops: [{ op: 'replace', path: MANAGER_PATH, value: { value: '$manager' } }],
    expect: (u, { managerId }) => expect(ext(u, ENTERPRISE).manager).toMatchObject({ value: managerId }),
  },
  // filtered paths: create the element when it does not exist
  {
    name: 'Entra Add phoneNumbers[type eq "mobile"].value with no phone numbers creates a mobile',
    ops: [{ op: 'Add', path: MOBILE, value: '+46701234567' }],
    expect: (u) => expect(phones(u)).toEqual([{ type: 'mobile', value: '+46701234567' }]),
  },
  {
    name: 'Entra Add phoneNumbers[type eq "mobile"].value with only a work number adds a mobile beside it',
    user: { phoneNumbers: [{ type: 'work', value: '+4681234567' }] },
    ops: [{ op: 'Add', path: MOBILE, value: '+46701234567' }],
    expect: (u) =>
      expect(phones(u)).toEqual(
        expect.arrayContaining([
          { type: 'work', value: '+4681234567' },
          { type: 'mobile', value: '+46701234567' },
        ]),
      ),
  },
  {
    name: 'Entra Add phoneNumbers[type eq "mobile"].value when a mobile exists replaces its value',
    user: {
      phoneNumbers: [
        { type: 'work', value: '+4681234567' },
        { type: 'mobile', value: '+46700000000' },
      ],
    },
    ops: [{ op: 'Add', path: MOBILE, value: '+46701234567' }],
    expect: (u) => {
      expect(phones(u)).toHaveLength(2);
      expect(phones(u)).toEqual(
        expect.arrayContaining([
          { type: 'work', value: '+4681234567' },
          { type: 'mobile', value: '+46701234567' },
        ]),
      );
    },
  },
  {
    name: 'Entra Replace emails[type eq "work"].value changes only the work e-mail',
    user: {
      emails: [
        { type: 'work', value: 'old@x.com', primary: true },
        { type: 'home', value: 'me@home.net' },
      ],
    },
    ops: [{ op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@x.com' }],
    expect: (u) =>
      expect(emails(u)).toEqual([
        { type: 'work', value: 'new@x.com', primary: true },
        { type: 'home', value: 'me@home.net' },
      ]),
  },
  {
    name: 'Entra Replace emails[type eq "work"].value with no work e-mail creates one',
    user: { emails: [{ type: 'home', value: 'me@home.net' }] },
    ops: [{ op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@x.com' }],
    expect: (u) =>
      expect(emails(u)).toEqual(
        expect.arrayContaining([
          { type: 'home', value: 'me@home.net' },
          { type: 'work', value: 'new@x.com' },
        ]),
      ),
  },
  {
    name: 'Entra Replace addresses[type eq "work"].locality creates a work address',
    ops: [{ op: 'Replace', path: 'addresses[type eq "work"].locality', value: 'Malmö' }],
    expect: (u) => expect(u.addresses).toEqual([{ type: 'work', locality: 'Malmö' }]),
  },
  {
    name: 'Remove emails[type eq "home"] removes only that element',
    user: {
      emails: [
        { type: 'work', value: 'w@x.com' },
        { type: 'home', value: 'h@home.net' },
      ],
    },
    ops: [{ op: 'Remove', path: 'emails[type eq "home"]' }],
    expect: (u) => expect(emails(u)).toEqual([{ type: 'work', value: 'w@x.com' }]),
  },
  // path-less values with dotted and URN keys
  {
    name: 'path-less Replace with dotted keys {"name.givenName", "name.familyName"}',
    ops: [{ op: 'Replace', value: { 'name.givenName': 'Xavier', 'name.familyName': 'Young' } }],
    expect: (u) => expect(u.name).toMatchObject({ givenName: 'Xavier', familyName: 'Young' }),
  },
  {
    name: 'path-less Replace with an enterprise URN key',
    user: { [ENTERPRISE]: { department: 'Sales', employeeNumber: '7' } },
    ops: [{ op: 'Replace', value: { [`${ENTERPRISE}:department`]: 'Ops' } }],
    expect: (u) => expect(ext(u, ENTERPRISE)).toMatchObject({ department: 'Ops', employeeNumber: '7' }),
  },
  {
    name: 'path-less Add with a URN key for the manager as a bare id',
    ops: [{ op: 'Add', value: { [`${ENTERPRISE}:manager`]: '$manager', title: 'Lead' } }],
    expect: (u, { managerId }) => {
      expect(ext(u, ENTERPRISE).manager).toMatchObject({ value: managerId });
      expect(u.title).toBe('Lead');
    },
  },
  {
    name: 'path-less Replace with a seatsync URN key and a whole extension object',
    ops: [
      { op: 'replace', value: { [`${SEATSYNC}:country`]: 'US' } },
      { op: 'replace', value: { [SEATSYNC]: { emergencyAddress: { locality: 'Austin', region: 'TX' } } } },
    ],
    expect: (u) =>
      expect(ext(u, SEATSYNC)).toMatchObject({
        country: 'US',
        emergencyAddress: { locality: 'Austin', region: 'TX' },
      }),
  },
  {
    name: 'path with a seatsync URN sub-attribute',
    user: { [SEATSYNC]: { country: 'US', emergencyAddress: { locality: 'Austin', region: 'TX' } } },
    ops: [{ op: 'replace', path: `${SEATSYNC}:emergencyAddress.locality`, value: 'Dallas' }],
    expect: (u) =>
      expect(ext(u, SEATSYNC)).toEqual({
        country: 'US',
        emergencyAddress: { locality: 'Dallas', region: 'TX' },
      }),
  },
  // Okta
  {
    name: 'Okta path-less {"op":"replace","value":{"active":false}}',
    ops: [{ op: 'replace', value: { active: false } }],
    expect: (u) => expect(u.active).toBe(false),
  },
  {
    name: 'Okta path-less replace with id and several attributes',
    ops: [
      {
        op: 'replace',
        value: { id: '$self', userName: 'okta-renamed@x.com', name: { givenName: 'O', familyName: 'K' } },
      },
    ],
    expect: (u) => {
      expect(u.userName).toBe('okta-renamed@x.com');
      expect(u.name).toMatchObject({ givenName: 'O', familyName: 'K' });
    },
  },
  // plain RFC shapes
  {
    name: 'add to emails appends; replace emails replaces the list',
    ops: [
      { op: 'add', path: 'emails', value: [{ type: 'other', value: 'other@x.com' }] },
      { op: 'add', path: 'emails', value: [{ type: 'home', value: 'home@x.com' }] },
    ],
    expect: (u) => expect(emails(u)?.map((e) => e.type)).toEqual(['work', 'other', 'home']),
  },
  {
    name: 'replace emails with a new list',
    ops: [{ op: 'replace', path: 'emails', value: [{ type: 'home', value: 'only@home.net' }] }],
    expect: (u) => expect(emails(u)).toEqual([{ type: 'home', value: 'only@home.net' }]),
  },
  {
    name: 'remove emails altogether',
    ops: [{ op: 'remove', path: 'emails' }],
    expect: (u) => expect(u.emails).toBeUndefined(),
  },
  // RFC 7643 §2.1: attribute names are case-insensitive; RFC 7644 §3.10: paths may carry the schema URN
  {
    name: 'paths are case-insensitive (Name.GivenName, ACTIVE, Emails[Type eq "work"].Value)',
    ops: [
      { op: 'replace', path: 'Name.GivenName', value: 'Casey' },
      { op: 'replace', path: 'ACTIVE', value: false },
      { op: 'replace', path: 'Emails[Type eq "work"].Value', value: 'casey@x.com' },
    ],
    expect: (u) => {
      expect(u.name).toMatchObject({ givenName: 'Casey', familyName: 'Family' });
      expect(u.active).toBe(false);
      expect(emails(u)).toEqual([{ value: 'casey@x.com', type: 'work', primary: true }]);
    },
  },
  {
    name: 'path-less keys are case-insensitive ({"ACTIVE":false,"Name":{"GivenName":…}}, "Name.FamilyName")',
    ops: [
      { op: 'replace', value: { ACTIVE: false, Name: { GivenName: 'Zed' } } },
      { op: 'replace', value: { 'Name.FamilyName': 'Zulu' } },
    ],
    expect: (u) => {
      expect(u.active).toBe(false);
      expect(u.name).toMatchObject({ givenName: 'Zed', familyName: 'Zulu' });
    },
  },
  {
    name: 'URN-qualified paths: core schema and a differently-cased extension attribute',
    ops: [
      { op: 'replace', path: `${USER_SCHEMA}:title`, value: 'Qualified' },
      { op: 'replace', path: `${USER_SCHEMA}:name.givenName`, value: 'Quinn' },
      { op: 'add', path: `${ENTERPRISE}:Department`, value: 'Legal' },
    ],
    expect: (u) => {
      expect(u.title).toBe('Qualified');
      expect(u.name).toMatchObject({ givenName: 'Quinn' });
      expect(ext(u, ENTERPRISE).department).toBe('Legal');
    },
  },
  {
    name: 'lowercase "operations" key (some IdPs)',
    body: { schemas: [PATCH_OP], operations: [{ op: 'replace', path: 'title', value: 'via lowercase' }] },
    expect: (u) => expect(u.title).toBe('via lowercase'),
  },
];

describe('SCIM PATCH of users: identity-provider shapes', () => {
  let t: TestApp;
  let managerId = '';
  beforeAll(async () => {
    t = await buildTestApp();
    managerId = await createUser(t.scim, newUser('manager@patch.test'));
  });
  afterAll(() => t.close());

  let n = 0;
  it.each(cases)('$name', async ({ user, ops, body, expect: check }) => {
    n += 1;
    const id = await createUser(t.scim, newUser(`patch-${n}@patch.test`, user ?? {}));
    const substitute = (value: unknown): unknown =>
      JSON.parse(
        JSON.stringify(value)
          .replaceAll('"$manager"', JSON.stringify(managerId))
          .replaceAll('"$self"', JSON.stringify(id)),
      );
    const res = body
      ? await t.scim.patch(`/Users/${id}`, body)
      : await t.scim.patchOps(`/Users/${id}`, ...(substitute(ops ?? []) as unknown[]));
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 204 });
    expect(res.headers.etag).toBe('W/"2"');
    const got = await t.scim.get(`/Users/${id}`);
    expect(got.status).toBe(200);
    expect(got.body.meta.version).toBe('W/"2"');
    check(got.body, { managerId });
  });

  it('PATCH answers 200 with the resource when ?attributes= is given', async () => {
    const id = await createUser(t.scim, newUser('patch-200@patch.test'));
    const res = await t.scim.patchOps(`/Users/${id}?attributes=active,title`, {
      op: 'Replace',
      path: 'title',
      value: 'Shown',
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('W/"2"');
    expect(res.body).toEqual({ schemas: [USER_SCHEMA], id, title: 'Shown', active: true });
    const excluded = await t.scim.patchOps(`/Users/${id}?excludedAttributes=emails`, {
      op: 'Replace',
      path: 'title',
      value: 'Again',
    });
    expect(excluded.status).toBe(200);
    expect(excluded.body).toMatchObject({ id, title: 'Again', userName: 'patch-200@patch.test' });
    expect(excluded.body.emails).toBeUndefined();
  });

  describe('invalid PATCH requests → 400 and the user is unchanged', () => {
    const bad: Array<{ name: string; body: unknown; scimType?: string }> = [
      {
        name: 'unknown op',
        body: { schemas: [PATCH_OP], Operations: [{ op: 'move', path: 'title', value: 'x' }] },
      },
      { name: 'op missing', body: { schemas: [PATCH_OP], Operations: [{ path: 'title', value: 'x' }] } },
      {
        name: 'remove without path',
        body: { schemas: [PATCH_OP], Operations: [{ op: 'remove' }] },
        scimType: 'noTarget',
      },
      {
        name: 'Remove without path (Entra casing)',
        body: { schemas: [PATCH_OP], Operations: [{ op: 'Remove' }] },
        scimType: 'noTarget',
      },
      {
        name: 'replace without value',
        body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title' }] },
        scimType: 'invalidValue',
      },
      { name: 'no Operations', body: { schemas: [PATCH_OP] }, scimType: 'invalidValue' },
      { name: 'empty Operations', body: { schemas: [PATCH_OP], Operations: [] }, scimType: 'invalidValue' },
      {
        name: 'wrong schema',
        body: { schemas: ['urn:nope'], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
      },
      {
        name: 'active not a boolean',
        body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: 'sometimes' }] },
        scimType: 'invalidValue',
      },
      {
        name: 'path-less value not an object',
        body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: 'x' }] },
      },
      {
        name: 'empty path',
        body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: '', value: 'x' }] },
      },
      {
        name: 'malformed value filter',
        body: {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'emails[type eq "work".value', value: 'x' }],
        },
      },
      {
        name: 'valid first op, invalid second op (atomic)',
        body: {
          schemas: [PATCH_OP],
          Operations: [
            { op: 'replace', path: 'title', value: 'half-written' },
            { op: 'replace', path: 'active', value: 'notabool' },
          ],
        },
      },
      { name: 'a JSON array body', body: [{ op: 'replace', path: 'title', value: 'x' }] },
    ];
    let id = '';
    beforeAll(async () => {
      id = await createUser(t.scim, newUser('patch-invalid@patch.test', { title: 'Original' }));
    });
    it.each(bad)('$name', async ({ body, scimType }) => {
      const res = await t.scim.patch(`/Users/${id}`, body);
      expectScimError(res, 400, scimType);
      const got = await t.scim.get(`/Users/${id}`);
      expect(got.body).toMatchObject({ title: 'Original', active: true, meta: { version: 'W/"1"' } });
    });
  });

  describe('Okta updates with PUT', () => {
    it('GET, change, PUT back the whole user (with id and meta): changes apply, version increments', async () => {
      const id = await createUser(t.scim, newUser('okta-put@patch.test', { title: 'Dev' }));
      const current = (await t.scim.get(`/Users/${id}`)).body;
      const res = await t.scim.put(`/Users/${id}`, {
        ...current,
        name: { givenName: 'Okta', familyName: 'Changed' },
        title: 'Lead',
        [ENTERPRISE]: { department: 'Ops' },
        schemas: [USER_SCHEMA, ENTERPRISE],
      });
      expect(res.status).toBe(200);
      expect(res.body.meta.version).toBe('W/"2"');
      const got = (await t.scim.get(`/Users/${id}`)).body;
      expect(got).toMatchObject({
        id,
        title: 'Lead',
        name: { givenName: 'Okta', familyName: 'Changed' },
        [ENTERPRISE]: { department: 'Ops' },
      });
    });

    it('PUT with active:false suspends (Okta deactivation), active:true restores', async () => {
      const id = await createUser(t.scim, newUser('okta-deactivate@patch.test'));
      const current = (await t.scim.get(`/Users/${id}`)).body;
      expect((await t.scim.put(`/Users/${id}`, { ...current, active: false })).body.active).toBe(false);
      expect((await t.scim.get(`/Users/${id}`)).body.active).toBe(false);
      expect((await t.scim.put(`/Users/${id}`, { ...current, active: true })).body.active).toBe(true);
    });

    it('PUT with string booleans and a bare manager id (Entra shapes in a PUT)', async () => {
      const id = await createUser(t.scim, newUser('put-quirks@patch.test'));
      const res = await t.scim.put(
        `/Users/${id}`,
        newUser('put-quirks@patch.test', {
          active: 'False',
          schemas: [USER_SCHEMA, ENTERPRISE],
          [ENTERPRISE]: { manager: managerId },
        }),
      );
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(false);
      expect(res.body[ENTERPRISE].manager).toMatchObject({ value: managerId });
    });
  });
});
