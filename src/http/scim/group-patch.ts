import type { GroupChange, MemberRef } from '../../features/groups/group.js';
import { DomainError } from '../../domain-error.js';
import { compileFilter, parsePatchPath } from '../../lib/scim-filter/index.js';
import { CORE_GROUP } from '../../lib/scim-schema/scim-schemas.js';
import { memberElementResolver } from '../../lib/scim-schema/filter-attributes.js';
import { isPlainObject } from './normalise-values.js';
import type { PatchOperation } from './patch-request.js';

/**
 * Translates a SCIM PATCH of a group into domain changes. Membership operations become set operations in SQL
 * (GroupService), so adding one member to a 50k-member group never reads the group — scimmy's own PATCH would
 * read, rewrite and re-validate every member. Shapes handled: add/replace/remove on `members` with a value
 * array (Entra's `Remove` with values removes only those), remove on `members[value eq "…"]` (Okta), remove
 * of all members, and attribute changes with or without a path (`{"op":"replace","value":{"displayName":…}}`).
 */
export function groupPatchToChanges(operations: PatchOperation[]): GroupChange[] {
  return operations.flatMap((operation, index) => {
    const where = `operation ${index + 1}`;
    if (operation.path === undefined) return pathless(operation, where);
    const path = parsePatchPath(operation.path);
    if (path.schema !== undefined && path.schema.toLowerCase() !== CORE_GROUP.toLowerCase()) {
      throw new DomainError('invalid_path', `${where}: unknown schema ${path.schema}`);
    }
    const attr = path.attr.toLowerCase();
    if (attr === 'members') {
      if (path.sub !== undefined)
        throw new DomainError('invalid_path', `${where}: members have no settable sub-attribute`);
      if (path.filter) {
        if (operation.op !== 'remove') {
          throw new DomainError('invalid_path', `${where}: only remove takes a filtered members path`);
        }
        return [{ kind: 'removeMembersWhere', where: compileFilter(path.filter, memberElementResolver) }];
      }
      return membersChange(operation.op, operation.value, where);
    }
    if (path.filter || path.sub !== undefined)
      throw new DomainError('invalid_path', `${where}: no such attribute ${operation.path}`);
    return attributeChange(attr, operation.op, operation.value, where);
  });
}

function pathless(operation: PatchOperation, where: string): GroupChange[] {
  if (!isPlainObject(operation.value)) {
    throw new DomainError(
      'invalid_value',
      `${where}: without a path the value must be an object of attributes`,
    );
  }
  return Object.entries(operation.value).flatMap(([key, value]) => {
    const attr = key.toLowerCase().replace(`${CORE_GROUP.toLowerCase()}:`, '');
    if (attr === 'members') return membersChange(operation.op, value, where);
    // Okta sends the id back with its updates; it cannot change, so an equal or any id is ignored.
    if (attr === 'id' || attr === 'schemas' || attr === 'meta') return [];
    return attributeChange(attr, operation.op, value, where);
  });
}

function membersChange(op: PatchOperation['op'], value: unknown, where: string): GroupChange[] {
  if (op === 'remove' && value === undefined) return [{ kind: 'replaceMembers', members: [] }];
  const list = Array.isArray(value) ? value : [value];
  const members = list.filter(isPlainObject).map((item) => memberRef(item, where));
  // Bare strings are not member objects (RFC 7643 makes members complex). Microsoft's reference clients send
  // them (`"value": "string id 1"`); they are added when they name a user and otherwise skipped, while a
  // member object naming no user refuses the whole request.
  const bare = list
    .filter((item) => !isPlainObject(item))
    .map((item) => {
      if (typeof item !== 'string' || item === '')
        throw new DomainError('invalid_value', `${where}: a member is an object with a value`);
      return { userId: item };
    });
  if (op === 'add') {
    const changes: GroupChange[] = [];
    if (members.length > 0) changes.push({ kind: 'addMembers', members });
    if (bare.length > 0) changes.push({ kind: 'addMembers', members: bare, ignoreUnknown: true });
    return changes;
  }
  if (op === 'remove')
    return [{ kind: 'removeMembers', userIds: [...members, ...bare].map((m) => m.userId) }];
  return [{ kind: 'replaceMembers', members: [...members, ...bare] }];
}

function attributeChange(
  attr: string,
  op: PatchOperation['op'],
  value: unknown,
  where: string,
): GroupChange[] {
  if (attr === 'displayname') {
    if (op === 'remove')
      throw new DomainError('mutability', `${where}: displayName is required and cannot be removed`);
    if (typeof value !== 'string')
      throw new DomainError('invalid_value', `${where}: displayName must be a string`);
    return [{ kind: 'set', displayName: value }];
  }
  if (attr === 'externalid') {
    if (op === 'remove' || value === null || value === '') return [{ kind: 'set', externalId: null }];
    if (typeof value !== 'string')
      throw new DomainError('invalid_value', `${where}: externalId must be a string`);
    return [{ kind: 'set', externalId: value }];
  }
  throw new DomainError('invalid_path', `${where}: Group has no attribute ${attr}`);
}

/** `{"value": id, "display": …}` as Entra and Okta send it (Microsoft's reference clients say `displayName`). */
function memberRef(item: Record<string, unknown>, where: string): MemberRef {
  const { value } = item;
  if (typeof value !== 'string' || value === '')
    throw new DomainError('invalid_value', `${where}: a member needs a string value`);
  const display = item.display ?? item.displayName;
  return { userId: value, ...(typeof display === 'string' && display !== '' ? { display } : {}) };
}
