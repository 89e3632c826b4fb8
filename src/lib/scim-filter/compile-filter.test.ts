import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonbArrayTarget, jsonbField, mapResolver, type AttributeResolver } from './attribute-resolver.js';
import { compileFilter, compileSort, type SqlFragment } from './compile-filter.js';
import { FilterError } from './filter-error.js';
import { parseFilter } from './parse-filter.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const SEATSYNC = 'urn:ietf:params:scim:schemas:extension:seatsync:2.0:User';

/** Row n's uuid; results are reported as these numbers so the tables stay readable. */
const uid = (n: number): string => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

const users = mapResolver(
  {
    id: { kind: 'scalar', sql: 'u.id', type: 'string', caseExact: true, uuid: true },
    userName: { kind: 'scalar', sql: 'u.user_name', type: 'string', caseExact: false },
    active: { kind: 'scalar', sql: 'u.active', type: 'boolean', caseExact: false },
    'meta.created': { kind: 'scalar', sql: 'u.created', type: 'dateTime', caseExact: false },
    'name.givenName': jsonbField('u.profile', ['name', 'givenName'], { type: 'string' }),
    title: jsonbField('u.profile', ['title'], { type: 'string' }),
    loginCount: jsonbField('u.profile', ['loginCount'], { type: 'integer' }),
    badge: jsonbField('u.profile', ['badge'], { type: 'binary', caseExact: true }),
    emails: jsonbArrayTarget(`(u.profile -> 'emails')`, {
      value: { type: 'string' },
      type: { type: 'string' },
      primary: { type: 'boolean' },
      display: { type: 'string' },
    }),
    [`${ENTERPRISE}:department`]: jsonbField('u.profile', ['department'], { type: 'string' }),
    [`${ENTERPRISE}:manager.value`]: jsonbField('u.profile', ['manager', 'value'], {
      type: 'string',
      caseExact: true,
    }),
    [`${SEATSYNC}:country`]: jsonbField('u.profile', ['country'], { type: 'string' }),
  },
  [CORE],
);

const groups: AttributeResolver = mapResolver({
  displayName: { kind: 'scalar', sql: 'g.display_name', type: 'string', caseExact: false },
  members: {
    kind: 'multiValued',
    from: (alias) => `group_members AS ${alias}`,
    where: (alias) => `${alias}.group_id = g.id`,
    subAttribute: (name, alias) =>
      name.toLowerCase() === 'value'
        ? { kind: 'scalar', sql: `${alias}.user_id`, type: 'reference', caseExact: true, uuid: true }
        : undefined,
  },
});

const SEED: [
  n: number,
  userName: string,
  active: boolean | null,
  created: string | null,
  profile: unknown,
][] = [
  [
    1,
    'bjensen',
    true,
    '2024-01-10T09:00:00Z',
    {
      name: { givenName: 'Barbara' },
      title: 'Tour Guide',
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
      department: 'Sales',
      manager: { value: 'm-1' },
      country: 'SE',
      loginCount: 10,
    },
  ],
  [
    2,
    'JSmith',
    false,
    '2024-02-01T00:00:00Z',
    {
      emails: [
        { value: 'zz@home.org', type: 'home' },
        { value: 'jsmith@example.org', type: 'work', primary: true },
      ],
      department: 'Support',
      country: 'US',
      loginCount: 2,
    },
  ],
  [
    3,
    'alice',
    true,
    '2024-03-01T00:00:00Z',
    { emails: [{ value: 'alice@EXAMPLE.com', type: 'home' }], title: '', country: 'se' },
  ],
  [4, 'bob', true, '2023-12-31T23:30:00Z', {}],
  [5, '100%done', true, '2024-01-01T12:00:00Z', { emails: [] }],
  [6, 'under_score', true, '2024-01-01T12:00:00Z', { emails: 'not-an-array' }],
  [7, 'back\\slash', true, null, { title: 'Engineer' }],
  [
    8,
    "o'malley",
    true,
    '2024-01-01T12:00:00Z',
    { emails: [{ value: "x'; DROP TABLE u; --", type: 'work' }] },
  ],
  [9, 'Émile', true, '2024-01-01T12:00:00Z', { department: 'sales' }],
  // Entra-style: a boolean stored as a string.
  [
    10,
    'carol',
    null,
    '2024-05-05T00:00:00Z',
    {
      emails: [{ value: 'carol@Example.com', type: 'work', primary: 'true' }],
      loginCount: 7,
    },
  ],
];

let db: PGlite;

beforeAll(async () => {
  db = await PGlite.create();
  await db.exec(`
    CREATE TABLE u (id uuid PRIMARY KEY, user_name text NOT NULL, active boolean, created timestamptz,
                    profile jsonb NOT NULL DEFAULT '{}');
    CREATE TABLE g (id uuid PRIMARY KEY, display_name text NOT NULL);
    CREATE TABLE group_members (group_id uuid NOT NULL REFERENCES g, user_id uuid NOT NULL REFERENCES u,
                                PRIMARY KEY (group_id, user_id));`);
  for (const [n, userName, active, created, profile] of SEED) {
    await db.query('INSERT INTO u VALUES ($1, $2, $3, $4, $5)', [
      uid(n),
      userName,
      active,
      created,
      JSON.stringify(profile),
    ]);
  }
  await db.exec(`
    INSERT INTO g VALUES ('${uid(101)}', 'Sales'), ('${uid(102)}', 'Support'), ('${uid(103)}', 'Empty');
    INSERT INTO group_members VALUES ('${uid(101)}', '${uid(1)}'), ('${uid(101)}', '${uid(2)}'), ('${uid(102)}', '${uid(2)}');`);
});

afterAll(async () => {
  await db.close();
});

/** Runs a knex-style fragment: `?` → `$n` (compiled SQL has no other `?`, the compiler enforces it). */
async function ids(table: 'u' | 'g', where: SqlFragment): Promise<number[]> {
  let i = 0;
  const sql = where.sql.replace(/\?/g, () => `$${++i}`);
  expect(i).toBe(where.bindings.length);
  const { rows } = await db.query<{ id: string }>(
    `SELECT ${table}.id FROM ${table} WHERE ${sql} ORDER BY ${table}.id`,
    where.bindings,
  );
  return rows.map((r) => Number(r.id.slice(-12)));
}

const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const except = (...n: number[]): number[] => ALL.filter((x) => !n.includes(x));

const userCases: { filter: string; expected: number[] }[] = [
  { filter: 'userName eq "BJENSEN"', expected: [1] },
  { filter: 'USERNAME Eq "émile"', expected: [9] },
  { filter: 'userName ne "bjensen"', expected: except(1) },
  { filter: 'userName sw "B"', expected: [1, 4, 7] },
  { filter: 'userName ew "SMITH"', expected: [2] },
  { filter: 'userName co "%"', expected: [5] },
  { filter: 'userName co "_"', expected: [6] },
  { filter: 'userName co "\\\\"', expected: [7] },
  { filter: 'userName gt "c"', expected: [2, 6, 8, 9, 10] },
  { filter: 'userName gt 5', expected: except(5) },
  { filter: `userName eq "x' OR '1'='1"`, expected: [] },
  { filter: `userName eq "o'malley"`, expected: [8] },
  { filter: `emails.value eq "x'; DROP TABLE u; --"`, expected: [8] },
  { filter: 'id eq "00000000-0000-0000-0000-000000000003"', expected: [3] },
  { filter: 'id eq "not-a-uuid"', expected: [] },
  { filter: 'id ne "not-a-uuid"', expected: ALL },
  { filter: 'active eq true', expected: except(2, 10) },
  { filter: 'active eq "False"', expected: [2] },
  { filter: 'active ne true', expected: [2, 10] },
  { filter: 'not (active eq true)', expected: [2, 10] },
  { filter: 'title pr', expected: [1, 7] },
  { filter: 'not (title pr)', expected: except(1, 7) },
  { filter: 'title eq null', expected: except(1, 7) },
  { filter: 'title ne null', expected: [1, 7] },
  { filter: 'title ne "Tour Guide"', expected: except(1) },
  { filter: 'not (title eq "Tour Guide")', expected: except(1) },
  { filter: 'not (not (title eq "Tour Guide"))', expected: [1] },
  { filter: 'meta.created gt "2024-01-31T00:00:00Z"', expected: [2, 3, 10] },
  { filter: 'meta.created ge "2024-01-10T09:00:00Z"', expected: [1, 2, 3, 10] },
  { filter: 'meta.created eq "2024-01-10T10:00:00+01:00"', expected: [1] },
  { filter: 'meta.created lt "2024-01-01"', expected: [4] },
  { filter: 'meta.created lt "2024-01-01T00:00:00"', expected: [4] },
  { filter: 'meta.created pr', expected: except(7) },
  { filter: 'emails[type eq "work" and value co "@Example.com"]', expected: [1, 10] },
  { filter: 'emails[type eq "work"].value eq "JSMITH@example.org"', expected: [2] },
  // bjensen has a home e-mail and an example.com e-mail, but not on the same element.
  { filter: 'emails[type eq "home"].value ew "example.com"', expected: [3] },
  { filter: 'emails[type eq "home" and not (value co "jensen")]', expected: [2, 3] },
  { filter: 'emails co "@example.com"', expected: [1, 3, 10] },
  { filter: 'emails ne "bjensen@example.com"', expected: except(1) },
  { filter: 'emails pr', expected: [1, 2, 3, 8, 10] },
  { filter: 'emails.display pr', expected: [] },
  { filter: 'not (emails pr)', expected: [4, 5, 6, 7, 9] },
  { filter: 'emails eq null', expected: [4, 5, 6, 7, 9] },
  { filter: 'emails[primary eq true]', expected: [1, 2, 10] },
  { filter: 'emails.primary eq "True"', expected: [1, 2, 10] },
  { filter: `${ENTERPRISE}:department eq "sales"`, expected: [1, 9] },
  { filter: `${ENTERPRISE}:manager.value eq "m-1"`, expected: [1] },
  { filter: `${ENTERPRISE}:manager.value eq "M-1"`, expected: [] },
  { filter: `${SEATSYNC}:country eq "SE"`, expected: [1, 3] },
  { filter: `${CORE}:name.givenName sw "bar"`, expected: [1] },
  { filter: `${CORE}:userName eq "bob"`, expected: [4] },
  { filter: 'loginCount gt 5', expected: [1, 10] },
  { filter: 'loginCount le "2"', expected: [2] },
  { filter: 'userName sw "b" and not (emails pr)', expected: [4, 7] },
  { filter: '(userName eq "alice" or userName eq "bob") and active eq true', expected: [3, 4] },
  { filter: 'userName eq "alice" or userName eq "bob" and active eq false', expected: [3] },
  {
    filter: [...Array.from({ length: 150 }, (_, i) => `userName eq "x${i}"`), 'userName eq "bob"'].join(
      ' or ',
    ),
    expected: [4],
  },
];

const groupCases: { filter: string; expected: number[] }[] = [
  { filter: `members eq "${uid(2)}"`, expected: [101, 102] },
  { filter: `members[value eq "${uid(1)}"]`, expected: [101] },
  { filter: `members.value eq "${uid(1).toUpperCase()}"`, expected: [101] },
  { filter: 'members eq "garbage"', expected: [] },
  { filter: `members ne "${uid(1)}"`, expected: [102, 103] },
  { filter: 'members pr', expected: [101, 102] },
  { filter: 'not (members pr)', expected: [103] },
  { filter: 'displayName eq "SALES" and members pr', expected: [101] },
];

describe('compileFilter against PostgreSQL', () => {
  it.each(userCases)('users: $filter', async ({ filter, expected }) => {
    expect(await ids('u', compileFilter(parseFilter(filter), users))).toEqual(expected);
  });

  it.each(groupCases)('groups: $filter', async ({ filter, expected }) => {
    expect(await ids('g', compileFilter(parseFilter(filter), groups))).toEqual(expected);
  });

  it('keeps the index-friendly shape for a case-insensitive eq', () => {
    expect(compileFilter(parseFilter('userName eq "BJensen"'), users)).toEqual({
      sql: 'lower(u.user_name) = ?',
      bindings: ['bjensen'],
    });
  });

  it('never puts values in the SQL text', async () => {
    const { sql, bindings } = compileFilter(
      parseFilter(`userName eq "x'; DROP TABLE u; --" or title co "%_\\\\"`),
      users,
    );
    expect(sql).not.toContain('DROP');
    expect(bindings).toEqual(["x'; drop table u; --", '%\\%\\_\\\\%']);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM u');
    expect(rows[0]?.n).toBe(10);
  });

  it('compares members by uuid so the membership index is usable', () => {
    const { sql } = compileFilter(parseFilter(`members eq "${uid(1)}"`), groups);
    expect(sql).toBe(
      'EXISTS (SELECT 1 FROM group_members AS sf_e1 WHERE (sf_e1.group_id = g.id) AND sf_e1.user_id = ?::uuid)',
    );
  });

  it.each([
    'nickName eq "x"',
    'emails.nope eq "x"',
    'emails[nope eq "x"]',
    'userName[value eq "x"]',
    'active eq "maybe"',
    'active eq 1',
    'active gt true',
    'active co "t"',
    'meta.created gt "yesterday"',
    'meta.created gt "2024-13-45T00:00:00Z"',
    'meta.created co "2024"',
    'loginCount eq "ten"',
    'loginCount sw "1"',
    'badge gt "AAAA"',
    'userName gt null',
    'urn:example:other:1.0:User:userName eq "x"',
    `${ENTERPRISE}:userName eq "x"`,
  ])('rejects %s with FilterError', (filter) => {
    expect(() => compileFilter(parseFilter(filter), users)).toThrow(FilterError);
  });
});

describe('compileSort', () => {
  async function sorted(path: string): Promise<number[]> {
    const { sql } = compileSort(path, users);
    const { rows } = await db.query<{ id: string }>(`SELECT u.id FROM u ORDER BY ${sql} NULLS LAST, u.id`);
    return rows.map((r) => Number(r.id.slice(-12)));
  }

  it('sorts case-insensitive strings by lower()', () => {
    expect(compileSort('userName', users)).toEqual({ sql: 'lower(u.user_name)', bindings: [] });
  });

  it('sorts a multi-valued attribute by its primary value, else its first', async () => {
    // jsmith's primary is its second e-mail; alice and o'malley have no primary, so their first counts.
    expect(await sorted('emails')).toEqual([3, 1, 10, 2, 8, 4, 5, 6, 7, 9]);
  });

  it('sorts dateTime and numbers by value', async () => {
    expect(await sorted('meta.created')).toEqual([4, 5, 6, 8, 9, 1, 2, 3, 10, 7]);
    expect(await sorted('loginCount')).toEqual([2, 10, 1, 3, 4, 5, 6, 7, 8, 9]);
  });

  it.each(['nickName', 'emails[type eq "work"]', 'userName eq "x"', ''])('rejects %j', (path) => {
    expect(() => compileSort(path, users)).toThrow(FilterError);
  });
});
