import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE, buildTestApp, newUser, type TestApp } from '../helpers/test-app.js';
import {
  LIST_RESPONSE,
  SEARCH_REQUEST,
  SEATSYNC,
  createUser,
  expectScimError,
  filterQuery,
} from '../helpers/scim-expect.js';

/**
 * Four users with distinctive attributes and 21 plain ones (25 in all), created before the tests; every filter
 * is checked against the exact set of users it must return.
 */
const people = {
  alice: newUser('Alice@X.com', {
    externalId: 'ext-alice',
    displayName: 'Alice Anders',
    title: 'Engineer',
    emails: [
      { value: 'alice@x.com', type: 'work', primary: true },
      { value: 'alice@home.net', type: 'home' },
    ],
    [ENTERPRISE]: { department: 'Sales', employeeNumber: '100' },
  }),
  bob: newUser('bob@y.org', {
    externalId: 'ext-bob',
    displayName: 'Bob Brown',
    title: 'Manager',
    active: false,
    emails: [{ value: 'bob@y.org', type: 'work' }],
    [ENTERPRISE]: { department: 'Ops', employeeNumber: '200' },
  }),
  carol: newUser('carol@x.com', {
    displayName: 'Carol Clark',
    emails: [{ value: 'carol@x.com', type: 'home' }],
    [ENTERPRISE]: { department: 'Sales', employeeNumber: '300' },
    [SEATSYNC]: { country: 'SE' },
  }),
  dave: newUser('dave@z.net', {
    displayName: 'Dave Davis',
    emails: [{ value: 'DAVE@X.COM', type: 'work' }],
    [ENTERPRISE]: { department: 'Support' },
    [SEATSYNC]: { country: 'US' },
  }),
};
type Person = keyof typeof people;
const FILLERS = Array.from({ length: 21 }, (_, i) => `filler-${String(i).padStart(2, '0')}@example.org`);
const ALL = [...(Object.keys(people) as Person[]), ...FILLERS];
const but = (...excluded: string[]) => ALL.filter((n) => !excluded.includes(n));

describe('SCIM Users: list, filter, sort, page, project', () => {
  let t: TestApp;
  const ids = new Map<string, string>(); // key (alice… or filler userName) → id
  let between = ''; // an instant after the four people were written and before the fillers
  beforeAll(async () => {
    t = await buildTestApp();
    for (const [key, body] of Object.entries(people)) ids.set(key, await createUser(t.scim, body));
    await new Promise((r) => setTimeout(r, 30));
    between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 30));
    for (const name of FILLERS) ids.set(name, await createUser(t.scim, newUser(name)));
  });
  afterAll(() => t.close());

  const keyOf = (id: string) => [...ids].find(([, v]) => v === id)?.[0] ?? `unknown ${id}`;
  const keys = (resources: Array<{ id: string }>) => resources.map((r) => keyOf(r.id)).sort();

  describe('filters are translated to SQL', () => {
    const cases: Array<[filter: string, expected: string[]]> = [
      // eq / ne, case-insensitive on userName
      ['userName eq "alice@x.com"', ['alice']],
      ['userName eq "ALICE@X.COM"', ['alice']],
      ['USERNAME Eq "alice@x.com"', ['alice']],
      ['userName ne "alice@x.com"', but('alice')],
      // co sw ew
      ['userName co "@x."', ['alice', 'carol']],
      ['userName sw "BO"', ['bob']],
      ['userName ew ".NET"', ['dave']],
      ['userName co "%"', []], // LIKE wildcards are literal
      ['userName sw "_"', []],
      // gt ge lt le on strings (employeeNumber) and on dates
      ['employeeNumber gt "150"', ['bob', 'carol']],
      ['employeeNumber ge "200"', ['bob', 'carol']],
      ['employeeNumber lt "200"', ['alice']],
      ['employeeNumber le "200"', ['alice', 'bob']],
      // pr
      ['title pr', ['alice', 'bob']],
      ['externalId pr', ['alice', 'bob']],
      ['employeeNumber pr', ['alice', 'bob', 'carol']],
      // externalId is caseExact
      ['externalId eq "ext-alice"', ['alice']],
      ['externalId eq "EXT-ALICE"', []],
      // booleans
      ['active eq false', ['bob']],
      ['active eq true and title pr', ['alice']],
      // displayName, case-insensitive
      ['displayName eq "carol clark"', ['carol']],
      ['displayName sw "b" or displayName sw "D"', ['bob', 'dave']],
      // and / or / not, parentheses
      ['(userName sw "a" or userName sw "b") and active eq true', ['alice']],
      ['userName sw "a" or userName sw "b" and active eq true', ['alice']],
      ['not (department eq "Sales")', but('alice', 'carol')],
      ['not (userName eq "alice@x.com") and department pr', ['bob', 'carol', 'dave']],
      ['title pr and not (active eq false or title eq "nobody")', ['alice']],
      ['not (not (userName sw "car"))', ['carol']],
      // value paths and multi-valued attributes (emails case-insensitive)
      ['emails[type eq "work" and value co "@x.com"]', ['alice', 'dave']],
      ['emails[type eq "work"].value eq "dave@x.com"', ['dave']],
      ['emails[type eq "home"]', ['alice', 'carol']],
      ['emails.value eq "ALICE@HOME.NET"', ['alice']],
      ['emails co "home.net"', ['alice']],
      // Without brackets each condition may match a different element (RFC 7644 §3.4.2.2); with them, the same one.
      ['emails.type eq "home" and emails.value ew "@x.com"', ['alice', 'carol']],
      ['emails[type eq "home" and value ew "@x.com"]', ['carol']],
      ['emails[type eq "home"] and not (emails[type eq "work"])', ['carol']],
      // extension attributes: URN-qualified and plain
      [
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Sales"',
        ['alice', 'carol'],
      ],
      ['department eq "Sales"', ['alice', 'carol']],
      ['department eq "sales"', ['alice', 'carol']],
      ['urn:ietf:params:scim:schemas:extension:seatsync:2.0:User:country eq "SE"', ['carol']],
      ['country eq "US" or department eq "Ops"', ['bob', 'dave']],
      // name sub-attributes and core-URN-qualified attributes
      ['name.givenName eq "given"', ALL],
      ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bob@y.org"', ['bob']],
      // meta
      ['meta.resourceType eq "User"', ALL],
    ];
    it.each(cases)('%s', async (filter, expected) => {
      const res = await t.scim.get(`/Users?${filterQuery(filter)}&count=100`);
      expect(res.status).toBe(200);
      expect(res.body.totalResults).toBe(expected.length);
      expect(keys(res.body.Resources)).toEqual([...expected].sort());
    });

    it('meta.lastModified / meta.created gt and lt an instant', async () => {
      const after = await t.scim.get(`/Users?${filterQuery(`meta.lastModified gt "${between}"`)}&count=100`);
      expect(keys(after.body.Resources)).toEqual([...FILLERS].sort());
      const before = await t.scim.get(`/Users?${filterQuery(`meta.created lt "${between}"`)}&count=100`);
      expect(keys(before.body.Resources)).toEqual(['alice', 'bob', 'carol', 'dave']);
    });

    it('id eq finds one user; an id that is not a uuid finds none (no 500)', async () => {
      const alice = ids.get('alice')!;
      expect(keys((await t.scim.get(`/Users?${filterQuery(`id eq "${alice}"`)}`)).body.Resources)).toEqual([
        'alice',
      ]);
      const bad = await t.scim.get(`/Users?${filterQuery('id eq "not-a-uuid"')}`);
      expect(bad.status).toBe(200);
      expect(bad.body.totalResults).toBe(0);
    });
  });

  describe('invalid filters → 400 invalidFilter', () => {
    const invalid = [
      'userName eq',
      'userName xx "a"',
      'userName eq "unterminated',
      '(userName eq "a"',
      'userName eq "a")',
      'emails[type eq "work"',
      'and userName eq "a"',
      'userName eq "a" or',
      'active eq notaboolean',
      'userName pr "a"',
    ];
    it.each(invalid)('%s', async (filter) => {
      expectScimError(await t.scim.get(`/Users?${filterQuery(filter)}`), 400, 'invalidFilter');
    });
  });

  it('answers a SCIM ListResponse', async () => {
    const res = await t.scim.get('/Users');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.body).toMatchObject({
      schemas: [LIST_RESPONSE],
      totalResults: 25,
      startIndex: 1,
      itemsPerPage: 25,
    });
    expect(res.body.Resources).toHaveLength(25);
  });

  describe('sortBy / sortOrder', () => {
    const cases: Array<[query: string, expected: Person[]]> = [
      ['sortBy=userName', ['alice', 'bob', 'carol', 'dave']],
      ['sortBy=userName&sortOrder=descending', ['dave', 'carol', 'bob', 'alice']],
      ['sortBy=userName&sortOrder=ascending', ['alice', 'bob', 'carol', 'dave']],
      ['sortBy=displayName&sortOrder=descending', ['dave', 'carol', 'bob', 'alice']],
      ['sortBy=employeeNumber&sortOrder=descending', ['carol', 'bob', 'alice', 'dave']], // missing values last
      ['sortBy=emails.value', ['alice', 'bob', 'carol', 'dave']],
    ];
    it.each(cases)('%s', async (query, expected) => {
      const res = await t.scim.get(
        `/Users?${filterQuery('userName co "@" and not (userName sw "filler")')}&${query}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.Resources.map((r: { id: string }) => keyOf(r.id))).toEqual(expected);
    });

    it('a bad sortOrder → 400', async () => {
      expectScimError(await t.scim.get('/Users?sortBy=userName&sortOrder=sideways'), 400);
    });
  });

  describe('paging in SQL with the right totalResults', () => {
    const cases: Array<{ query: string; items: number; startIndex: number }> = [
      { query: 'startIndex=21&count=10', items: 5, startIndex: 21 },
      { query: 'startIndex=1&count=10', items: 10, startIndex: 1 },
      { query: 'startIndex=11&count=10', items: 10, startIndex: 11 },
      { query: 'startIndex=25&count=10', items: 1, startIndex: 25 },
      { query: 'startIndex=26&count=10', items: 0, startIndex: 26 },
      { query: 'startIndex=1000', items: 0, startIndex: 1000 },
      { query: 'count=0', items: 0, startIndex: 1 },
      { query: 'startIndex=0&count=3', items: 3, startIndex: 1 }, // below 1 reads as 1
      { query: 'count=-5', items: 0, startIndex: 1 }, // negative reads as 0
    ];
    it.each(cases)('$query → $items items of 25', async ({ query, items, startIndex }) => {
      const res = await t.scim.get(`/Users?${query}`);
      expect(res.status).toBe(200);
      expect(res.body.totalResults).toBe(25);
      expect(res.body.startIndex).toBe(startIndex);
      expect(res.body.itemsPerPage).toBe(items);
      expect(res.body.Resources ?? []).toHaveLength(items);
    });

    it('totalResults counts the filter, not the page', async () => {
      const res = await t.scim.get(`/Users?${filterQuery('userName sw "filler"')}&startIndex=19&count=2`);
      expect(res.body).toMatchObject({ totalResults: 21, itemsPerPage: 2, startIndex: 19 });
      const past = await t.scim.get(`/Users?${filterQuery('userName sw "filler"')}&startIndex=30&count=2`);
      expect(past.body).toMatchObject({ totalResults: 21, itemsPerPage: 0 });
      expect(past.body.Resources ?? []).toEqual([]);
    });

    it('pages of 7 sorted by userName cover every user exactly once', async () => {
      const seen: string[] = [];
      for (let start = 1; start <= 25; start += 7) {
        const res = await t.scim.get(`/Users?sortBy=userName&startIndex=${start}&count=7`);
        seen.push(...res.body.Resources.map((r: { userName: string }) => r.userName));
      }
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    });

    it('a non-integer count or startIndex → 400', async () => {
      expectScimError(await t.scim.get('/Users?count=ten'), 400);
      expectScimError(await t.scim.get('/Users?startIndex=1.5'), 400);
    });
  });

  describe('attributes / excludedAttributes', () => {
    const aliceQuery = filterQuery('userName eq "alice@x.com"');
    it('attributes=userName → only id, schemas and userName', async () => {
      const res = await t.scim.get(`/Users?${aliceQuery}&attributes=userName`);
      expect(Object.keys(res.body.Resources[0]).sort()).toEqual(['id', 'schemas', 'userName']);
    });

    it('attributes with sub-attributes and an extension URN', async () => {
      const res = await t.scim.get(
        `/Users?${aliceQuery}&attributes=emails.value,name.givenName,${ENTERPRISE}:department`,
      );
      const alice = res.body.Resources[0];
      expect(Object.keys(alice).sort()).toEqual(['emails', 'id', 'name', 'schemas', ENTERPRISE].sort());
      expect(alice.emails).toEqual([{ value: 'alice@x.com' }, { value: 'alice@home.net' }]);
      expect(alice.name).toEqual({ givenName: 'Given' });
      expect(alice[ENTERPRISE]).toEqual({ department: 'Sales' });
    });

    it('excludedAttributes=emails drops only emails', async () => {
      const res = await t.scim.get(`/Users?${aliceQuery}&excludedAttributes=emails,groups`);
      const alice = res.body.Resources[0];
      expect(alice.emails).toBeUndefined();
      expect(alice.groups).toBeUndefined();
      expect(alice).toMatchObject({
        userName: 'Alice@X.com',
        title: 'Engineer',
        [ENTERPRISE]: { department: 'Sales' },
      });
    });

    it('excludedAttributes cannot drop id or schemas', async () => {
      const alice = (await t.scim.get(`/Users?${aliceQuery}&excludedAttributes=id,schemas,userName`)).body
        .Resources[0];
      expect(alice.id).toBe(ids.get('alice'));
      expect(alice.schemas).toBeDefined();
      expect(alice.userName).toBeUndefined();
    });

    it('apply to GET /Users/:id as well', async () => {
      const res = await t.scim.get(`/Users/${ids.get('bob')}?attributes=active,displayName`);
      expect(res.body).toEqual({
        schemas: expect.any(Array),
        id: ids.get('bob'),
        displayName: 'Bob Brown',
        active: false,
      });
    });
  });

  describe('POST /Users/.search', () => {
    it('filters, sorts, pages and projects like GET', async () => {
      const res = await t.scim.post('/Users/.search', {
        schemas: [SEARCH_REQUEST],
        filter: 'department eq "Sales" or active eq false',
        sortBy: 'userName',
        sortOrder: 'descending',
        startIndex: 2,
        count: 2,
        attributes: ['userName'],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        schemas: [LIST_RESPONSE],
        totalResults: 3,
        startIndex: 2,
        itemsPerPage: 2,
      });
      // descending: carol, bob, Alice → page 2..3 = bob, Alice
      expect(res.body.Resources).toEqual([
        { schemas: expect.any(Array), id: ids.get('bob'), userName: 'bob@y.org' },
        { schemas: expect.any(Array), id: ids.get('alice'), userName: 'Alice@X.com' },
      ]);
    });

    it('excludedAttributes and count=0', async () => {
      const res = await t.scim.post('/Users/.search', { schemas: [SEARCH_REQUEST], count: 0 });
      expect(res.body).toMatchObject({ totalResults: 25, itemsPerPage: 0 });
      const excluded = await t.scim.post('/Users/.search', {
        schemas: [SEARCH_REQUEST],
        filter: 'userName eq "dave@z.net"',
        excludedAttributes: ['emails'],
      });
      expect(excluded.body.totalResults).toBe(1);
      expect(excluded.body.Resources[0].emails).toBeUndefined();
      expect(excluded.body.Resources[0].userName).toBe('dave@z.net');
    });

    it('an invalid filter → 400 invalidFilter; a body with another schema → 400', async () => {
      expectScimError(
        await t.scim.post('/Users/.search', { schemas: [SEARCH_REQUEST], filter: 'userName eq' }),
        400,
        'invalidFilter',
      );
      expectScimError(
        await t.scim.post('/Users/.search', { schemas: ['urn:nope'], filter: 'userName pr' }),
        400,
      );
    });
  });
});
