import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain-error.js';
import { groupPatchToChanges } from '../../src/http/scim/group-patch.js';
import type { PatchOperation } from '../../src/http/scim/patch-request.js';

// The translation of a SCIM group PATCH into domain changes, as a table: what identity providers send (see the
// README's table of IdP shapes) → the GroupChange list GroupService applies with set operations in SQL.
// The PostgreSQL scenarios (test/scim/groups.test.ts, patch-quirks.test.ts) cover what those changes do.
const A = '8a7f3d5e-0000-4000-8000-00000000000a';
const B = '8a7f3d5e-0000-4000-8000-00000000000b';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const translated: Array<[string, PatchOperation[], unknown[]]> = [
  [
    'add members with a value array',
    [{ op: 'add', path: 'members', value: [{ value: A }, { value: B, display: 'Bo' }] }],
    [{ kind: 'addMembers', members: [{ userId: A }, { userId: B, display: 'Bo' }] }],
  ],
  [
    'a single member object as the value',
    [{ op: 'add', path: 'members', value: { value: A, displayName: 'Al' } }],
    [{ kind: 'addMembers', members: [{ userId: A, display: 'Al' }] }],
  ],
  [
    "Entra's Remove with a value array removes only those",
    [{ op: 'remove', path: 'members', value: [{ value: A }] }],
    [{ kind: 'removeMembers', userIds: [A] }],
  ],
  [
    'remove members without a value removes them all',
    [{ op: 'remove', path: 'members' }],
    [{ kind: 'replaceMembers', members: [] }],
  ],
  [
    'replace members',
    [{ op: 'replace', path: 'members', value: [{ value: B }] }],
    [{ kind: 'replaceMembers', members: [{ userId: B }] }],
  ],
  [
    "bare string members (Microsoft's reference clients) are added when they name a user",
    [{ op: 'add', path: 'members', value: [{ value: A }, 'string id 1'] }],
    [
      { kind: 'addMembers', members: [{ userId: A }] },
      { kind: 'addMembers', members: [{ userId: 'string id 1' }], ignoreUnknown: true },
    ],
  ],
  [
    'the path is case-insensitive and may carry the core schema URN',
    [{ op: 'add', path: `${CORE_GROUP}:Members`, value: [{ value: A }] }],
    [{ kind: 'addMembers', members: [{ userId: A }] }],
  ],
  [
    'replace displayName by path',
    [{ op: 'replace', path: 'displayName', value: 'Sales' }],
    [{ kind: 'set', displayName: 'Sales' }],
  ],
  [
    'remove externalId, and an empty externalId, clear it',
    [
      { op: 'remove', path: 'externalId' },
      { op: 'replace', path: 'externalId', value: '' },
    ],
    [
      { kind: 'set', externalId: null },
      { kind: 'set', externalId: null },
    ],
  ],
  [
    "Okta's path-less replace; the id, schemas and meta it sends back are ignored",
    [
      {
        op: 'replace',
        value: { id: 'whatever', schemas: [CORE_GROUP], displayName: 'Ops', externalId: 'okta-1' },
      },
    ],
    [
      { kind: 'set', displayName: 'Ops' },
      { kind: 'set', externalId: 'okta-1' },
    ],
  ],
  [
    'path-less members with a URN-qualified key',
    [{ op: 'add', value: { [`${CORE_GROUP}:members`]: [{ value: A }] } }],
    [{ kind: 'addMembers', members: [{ userId: A }] }],
  ],
  [
    'operations translate in order, one after another',
    [
      { op: 'add', path: 'members', value: [{ value: A }] },
      { op: 'remove', path: 'members', value: [{ value: B }] },
    ],
    [
      { kind: 'addMembers', members: [{ userId: A }] },
      { kind: 'removeMembers', userIds: [B] },
    ],
  ],
];

const refused: Array<[string, PatchOperation[], string, RegExp]> = [
  ['removing displayName', [{ op: 'remove', path: 'displayName' }], 'mutability', /operation 1: displayName/],
  [
    'a displayName that is not a string',
    [{ op: 'replace', path: 'displayName', value: 7 }],
    'invalid_value',
    /string/,
  ],
  [
    'an attribute Group does not have',
    [{ op: 'replace', path: 'owner', value: 'x' }],
    'invalid_path',
    /no attribute owner/,
  ],
  [
    'a sub-attribute of members',
    [{ op: 'replace', path: 'members.value', value: A }],
    'invalid_path',
    /sub-attribute/,
  ],
  [
    'a filtered members path with add',
    [{ op: 'add', path: `members[value eq "${A}"]`, value: [] }],
    'invalid_path',
    /only remove/,
  ],
  [
    'a filter on another attribute',
    [{ op: 'remove', path: 'displayName[value eq "x"]' }],
    'invalid_path',
    /no such attribute/,
  ],
  [
    'another schema',
    [{ op: 'replace', path: 'urn:example:Other:displayName', value: 'x' }],
    'invalid_path',
    /unknown schema/,
  ],
  [
    'a path-less value that is not an object',
    [{ op: 'replace', value: 'Sales' }],
    'invalid_value',
    /object of attributes/,
  ],
  [
    'a member object without a value',
    [{ op: 'add', path: 'members', value: [{ display: 'Al' }] }],
    'invalid_value',
    /string value/,
  ],
  [
    'a member that is neither an object nor a string',
    [{ op: 'add', path: 'members', value: [42] }],
    'invalid_value',
    /object with a value/,
  ],
  [
    'the second operation names where',
    [
      { op: 'add', path: 'members', value: [] },
      { op: 'remove', path: 'displayName' },
    ],
    'mutability',
    /operation 2/,
  ],
];

describe('groupPatchToChanges (pure)', () => {
  it.each(translated)('%s', (_name, operations, expected) => {
    expect(groupPatchToChanges(operations)).toEqual(expected);
  });

  it.each(refused)('refuses %s', (_name, operations, code, message) => {
    let error: unknown;
    try {
      groupPatchToChanges(operations);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect((error as DomainError).message).toMatch(message);
  });

  it('compiles a filtered members path (Okta) to SQL over the member, with the id bound', () => {
    const [change] = groupPatchToChanges([{ op: 'remove', path: `members[value eq "${A}"]` }]);
    if (change?.kind !== 'removeMembersWhere')
      throw new Error(`expected removeMembersWhere, got ${change?.kind}`);
    expect(change.where.sql).toContain('u.id');
    expect(change.where.bindings).toEqual([A]);
  });
});
