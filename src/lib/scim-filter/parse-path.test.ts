import { describe, expect, it } from 'vitest';
import { FilterError } from './filter-error.js';
import { parsePatchPath, type PatchPath } from './parse-path.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const valid: { source: string; target: PatchPath }[] = [
  { source: 'displayName', target: { attr: 'displayName' } },
  { source: 'name.familyName', target: { attr: 'name', sub: 'familyName' } },
  {
    source: 'members[value eq "2819c223"]',
    target: {
      attr: 'members',
      filter: { op: 'compare', path: { attr: 'value' }, comparator: 'eq', value: '2819c223' },
    },
  },
  {
    source: 'emails[type eq "work"].value',
    target: {
      attr: 'emails',
      sub: 'value',
      filter: { op: 'compare', path: { attr: 'type' }, comparator: 'eq', value: 'work' },
    },
  },
  {
    source: 'phoneNumbers[type EQ "mobile" and not (primary eq false)].Value',
    target: {
      attr: 'phoneNumbers',
      sub: 'Value',
      filter: {
        op: 'and',
        left: { op: 'compare', path: { attr: 'type' }, comparator: 'eq', value: 'mobile' },
        right: {
          op: 'not',
          expr: { op: 'compare', path: { attr: 'primary' }, comparator: 'eq', value: false },
        },
      },
    },
  },
  { source: `${ENTERPRISE}:manager`, target: { schema: ENTERPRISE, attr: 'manager' } },
  { source: `${ENTERPRISE}:employeeNumber`, target: { schema: ENTERPRISE, attr: 'employeeNumber' } },
  { source: `${ENTERPRISE}:manager.value`, target: { schema: ENTERPRISE, attr: 'manager', sub: 'value' } },
  {
    source: 'urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value',
    target: {
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      attr: 'emails',
      sub: 'value',
      filter: { op: 'compare', path: { attr: 'type' }, comparator: 'eq', value: 'work' },
    },
  },
];

const invalid = [
  '',
  'members[value eq "x"]]',
  'members[value eq "x"].',
  'members[value eq "x"] extra',
  'name.givenName[value eq "x"]',
  'name.given.name',
  'display name',
  'emails[type eq "work"][value pr]',
];

/** Paths whose value filter is malformed: invalidFilter, as a malformed `filter=` is. */
const invalidFilter = [
  'members[',
  'members[value eq "x"',
  'members[value eq]',
  'emails[]',
  'emails[(value eq "x"]',
];

describe('parsePatchPath', () => {
  it.each(valid)('parses $source', ({ source, target }) => {
    expect(parsePatchPath(source)).toEqual(target);
  });

  it.each(invalid)('rejects %j with invalidPath', (source) => {
    expect(() => parsePatchPath(source)).toThrow(FilterError);
    expect(() => parsePatchPath(source)).toThrow(expect.objectContaining({ code: 'invalidPath' }));
  });

  it.each(invalidFilter)('rejects %j with invalidFilter', (source) => {
    expect(() => parsePatchPath(source)).toThrow(expect.objectContaining({ code: 'invalidFilter' }));
  });
});
