import { describe, expect, it } from 'vitest';
import { FilterError } from './filter-error.js';
import type { FilterNode } from './filter-node.js';
import { parseFilter } from './parse-filter.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const SEATSYNC = 'urn:ietf:params:scim:schemas:extension:seatsync:2.0:User';

const eq = (attr: string, value: string | number | boolean | null, sub?: string): FilterNode => ({
  op: 'compare',
  path: sub === undefined ? { attr } : { attr, sub },
  comparator: 'eq',
  value,
});

const valid: { source: string; target: FilterNode }[] = [
  ...(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const).map((comparator) => ({
    source: `userName ${comparator} "bjensen"`,
    target: { op: 'compare', path: { attr: 'userName' }, comparator, value: 'bjensen' } as FilterNode,
  })),
  { source: 'title pr', target: { op: 'present', path: { attr: 'title' } } },
  { source: 'userName Eq "Test"', target: eq('userName', 'Test') },
  {
    source: 'USERNAME EQ "x" AND title PR',
    target: { op: 'and', left: eq('USERNAME', 'x'), right: { op: 'present', path: { attr: 'title' } } },
  },
  {
    source: 'name.familyName co "O\'Malley"',
    target: { op: 'compare', path: { attr: 'name', sub: 'familyName' }, comparator: 'co', value: "O'Malley" },
  },
  {
    source: 'meta.lastModified gt "2011-05-13T04:42:34Z"',
    target: {
      op: 'compare',
      path: { attr: 'meta', sub: 'lastModified' },
      comparator: 'gt',
      value: '2011-05-13T04:42:34Z',
    },
  },
  {
    source: 'a eq 1 or b eq 2 and c eq 3',
    target: { op: 'or', left: eq('a', 1), right: { op: 'and', left: eq('b', 2), right: eq('c', 3) } },
  },
  {
    source: 'a eq 1 and b eq 2 or c eq 3',
    target: { op: 'or', left: { op: 'and', left: eq('a', 1), right: eq('b', 2) }, right: eq('c', 3) },
  },
  {
    source: 'a eq 1 or b eq 2 or c eq 3',
    target: { op: 'or', left: { op: 'or', left: eq('a', 1), right: eq('b', 2) }, right: eq('c', 3) },
  },
  {
    source: '(a eq 1 or b eq 2) and c eq 3',
    target: { op: 'and', left: { op: 'or', left: eq('a', 1), right: eq('b', 2) }, right: eq('c', 3) },
  },
  {
    source: 'not (a eq 1) and b eq 2',
    target: { op: 'and', left: { op: 'not', expr: eq('a', 1) }, right: eq('b', 2) },
  },
  {
    source: 'NOT(a eq 1 or b eq 2)',
    target: { op: 'not', expr: { op: 'or', left: eq('a', 1), right: eq('b', 2) } },
  },
  {
    source: '((a eq 1) and (not ( not (b eq 2))))',
    target: { op: 'and', left: eq('a', 1), right: { op: 'not', expr: { op: 'not', expr: eq('b', 2) } } },
  },
  {
    source: '(a eq 1 and (not (b eq 2)))',
    target: { op: 'and', left: eq('a', 1), right: { op: 'not', expr: eq('b', 2) } },
  },
  { source: '  a eq 1  ', target: eq('a', 1) },
  { source: 'a eq 1\tand\nb eq 2', target: { op: 'and', left: eq('a', 1), right: eq('b', 2) } },
  { source: 'x eq true', target: eq('x', true) },
  { source: 'x eq False', target: eq('x', false) },
  { source: 'x eq null', target: eq('x', null) },
  { source: 'x eq -12.5e2', target: eq('x', -1250) },
  { source: 'x eq 0', target: eq('x', 0) },
  { source: 'x eq "say \\"hi\\" \\\\ \\u00e9\\n"', target: eq('x', 'say "hi" \\ é\n') },
  { source: 'x eq "a) or (b"', target: eq('x', 'a) or (b') },
  { source: 'x eq ""', target: eq('x', '') },
  {
    source: 'members[value eq "2819c223"]',
    target: { op: 'valuePath', path: { attr: 'members' }, filter: eq('value', '2819c223') },
  },
  {
    source: 'emails[type eq "work" and value co "@x.com"]',
    target: {
      op: 'valuePath',
      path: { attr: 'emails' },
      filter: {
        op: 'and',
        left: eq('type', 'work'),
        right: { op: 'compare', path: { attr: 'value' }, comparator: 'co', value: '@x.com' },
      },
    },
  },
  {
    source: 'emails[type eq "work"].value eq "a@x.com"',
    target: {
      op: 'valuePath',
      path: { attr: 'emails' },
      filter: { op: 'and', left: eq('type', 'work'), right: eq('value', 'a@x.com') },
    },
  },
  {
    source: 'emails[not (type eq "home")].display pr',
    target: {
      op: 'valuePath',
      path: { attr: 'emails' },
      filter: {
        op: 'and',
        left: { op: 'not', expr: eq('type', 'home') },
        right: { op: 'present', path: { attr: 'display' } },
      },
    },
  },
  {
    source: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    target: {
      op: 'and',
      left: eq('userType', 'Employee'),
      right: {
        op: 'or',
        left: { op: 'compare', path: { attr: 'emails' }, comparator: 'co', value: 'example.com' },
        right: {
          op: 'compare',
          path: { attr: 'emails', sub: 'value' },
          comparator: 'co',
          value: 'example.org',
        },
      },
    },
  },
  {
    source: `${ENTERPRISE}:department eq "Sales"`,
    target: {
      op: 'compare',
      path: { schema: ENTERPRISE, attr: 'department' },
      comparator: 'eq',
      value: 'Sales',
    },
  },
  {
    source: `${ENTERPRISE}:manager.value eq "26118915"`,
    target: {
      op: 'compare',
      path: { schema: ENTERPRISE, attr: 'manager', sub: 'value' },
      comparator: 'eq',
      value: '26118915',
    },
  },
  {
    source: `${CORE}:name.givenName sw "B"`,
    target: {
      op: 'compare',
      path: { schema: CORE, attr: 'name', sub: 'givenName' },
      comparator: 'sw',
      value: 'B',
    },
  },
  {
    source: `${SEATSYNC}:country eq "SE"`,
    target: { op: 'compare', path: { schema: SEATSYNC, attr: 'country' }, comparator: 'eq', value: 'SE' },
  },
  {
    source: `${CORE}:emails[type eq "work"]`,
    target: { op: 'valuePath', path: { schema: CORE, attr: 'emails' }, filter: eq('type', 'work') },
  },
  {
    source: 'members[$ref pr]',
    target: { op: 'valuePath', path: { attr: 'members' }, filter: { op: 'present', path: { attr: '$ref' } } },
  },
];

const invalid: string[] = [
  '',
  '   ',
  'userName',
  'userName eq',
  'userName eq ',
  'userName zz "x"',
  'userName == "x"',
  '(userName eq "a"',
  'userName eq "a")',
  'userName eq "a" garbage',
  'userName eq "a" and',
  'userName eq "a" or or b pr',
  'and userName eq "a"',
  'userName eq "unterminated',
  'userName eq "bad \\x escape"',
  'userName eq"x"',
  'userName"x"',
  'not userName eq "a"',
  'not ()',
  '()',
  'emails[type eq "work"',
  'emails[type eq "work"]]',
  'emails[type[value eq "x"] pr]',
  'emails[]',
  'emails[type eq "work"] eq "x"',
  'emails[type eq "work"].value',
  'emails[type eq "work"].',
  'name.givenName[value eq "x"]',
  'a.b.c eq "x"',
  '1abc eq "x"',
  'foo:bar eq "x"',
  'urn: eq "x"',
  `urn:ietf:params:scim:schemas:core:2.0:User: eq "x"`,
  'userName eq "a" "b"',
  'userName pr pr',
  'userName eq "a" andtitle pr',
];

// Unquoted values that are not numbers or keywords are read as strings, as Microsoft's reference clients send them.
const bareWords: Array<{ source: string; value: string | number }> = [
  { source: 'userName eq bareword', value: 'bareword' },
  { source: 'userName sw O', value: 'O' },
  { source: 'userName eq 12abc', value: '12abc' },
  { source: 'userName eq 01', value: '01' },
  { source: 'userName eq 1e999', value: '1e999' },
  { source: 'userName eq @', value: '@' },
  { source: 'userName eq 42', value: 42 },
  { source: 'meta.created gt 2015-10-10T14:38:21.8617979-07:00', value: '2015-10-10T14:38:21.8617979-07:00' },
];

describe('parseFilter', () => {
  it.each(bareWords)('reads the unquoted value of $source', ({ source, value }) => {
    const node = parseFilter(source);
    expect(node.op === 'compare' && node.value).toEqual(value);
  });

  it.each(valid)('parses $source', ({ source, target }) => {
    expect(parseFilter(source)).toEqual(target);
  });

  it.each(invalid)('rejects %j', (source) => {
    expect(() => parseFilter(source)).toThrow(FilterError);
  });

  it('names the position and the offending token', () => {
    expect(() => parseFilter('userName zz "x"')).toThrow(/Unknown operator "zz" at position 9/);
    expect(() => parseFilter('userName eq "a" garbage')).toThrow(/Unexpected "garbage" at position 16/);
  });

  it('bounds the nesting depth and the length', () => {
    const deep = `${'('.repeat(60)}a pr${')'.repeat(60)}`;
    expect(() => parseFilter(deep)).toThrow(/nested deeper/);
    expect(() => parseFilter(`${'not ('.repeat(60)}a pr${')'.repeat(60)}`)).toThrow(FilterError);
    expect(parseFilter(`${'('.repeat(50)}a pr${')'.repeat(50)}`)).toEqual({
      op: 'present',
      path: { attr: 'a' },
    });
    expect(() => parseFilter(`userName eq "${'x'.repeat(5000)}"`)).toThrow(/longer than 4096/);
  });

  it('keeps long flat chains iterative', () => {
    const chain = Array.from({ length: 500 }, () => 'a pr').join(' or ');
    expect(chain.length).toBeLessThan(4096);
    expect(parseFilter(chain).op).toBe('or');
  });
});
