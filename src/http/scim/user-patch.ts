import SCIMMY from 'scimmy';
import type { User, UserInput } from '../../features/users/user.js';
import { DomainError } from '../../domain-error.js';
import { parsePatchPath } from '../../lib/scim-filter/index.js';
import {
  coerced,
  findAttribute,
  invalidValue,
  isPlainObject,
  normaliseAttributeValue,
  normaliseValues,
} from './normalise-values.js';
import { isDefinition, userSchema } from '../../lib/scim-schema/scim-schemas.js';
import { scimToUserInput, userToScim } from './user-mapper.js';
import type { PatchOperation } from './patch-request.js';

/**
 * Applies a SCIM PATCH to one user, in memory, on the state read under the user's row lock (so concurrent
 * PATCHes serialise; see UserService.modify). scimmy's PatchOp does the RFC 7644 §3.5.2 semantics; before it
 * runs, the shapes identity providers really send are rewritten into what it understands:
 * - `Add`/`Replace` on a filtered path with no matching element (Entra: `phoneNumbers[type eq "mobile"].value`
 *   on a user without a mobile number) creates the element from the filter's equalities;
 * - string booleans and a bare-string or empty `manager` (see normalise-values.ts), also inside path-less values;
 * - a `Replace` of a complex attribute with "" (Entra clearing the manager) becomes a `Remove`.
 */
export async function applyUserPatch(current: User, operations: PatchOperation[]): Promise<UserInput> {
  const Schema = userSchema();
  const resource = userToScim({ ...current, groups: undefined }, '');
  delete resource.meta;
  const rewritten = operations.flatMap((op) => rewrite(op, resource, Schema.definition));
  const message = new SCIMMY.Messages.PatchOp({
    schemas: [SCIMMY.Messages.PatchOp.id],
    Operations: rewritten,
  });
  const instance = coerced(() => new Schema(resource, 'in'));
  let patched: typeof instance | undefined;
  try {
    patched = await message.apply(instance);
  } catch (error) {
    if (error instanceof TypeError) throw invalidValue(error);
    throw error;
  }
  // The IdP's last full payload stays as it was: a PATCH is a change to it, not a new one.
  return { ...scimToUserInput(patched ?? instance), raw: undefined };
}

type Definition = InstanceType<typeof SCIMMY.Types.SchemaDefinition>;

const FILTERED_PATH = /^(?<attr>[^[\]]+)\[(?<filter>.+)\](?:\.(?<sub>[\w$]+))?$/;

function rewrite(
  original: PatchOperation,
  resource: Record<string, unknown>,
  definition: Definition,
): PatchOperation[] {
  if (original.path === undefined) {
    return [
      {
        ...original,
        value: isPlainObject(original.value) ? normalisePathless(original.value, definition) : original.value,
      },
    ];
  }
  // A malformed value filter is a 400 invalidFilter for every op: scimmy's remove would match nothing and
  // answer as if it had worked.
  if (original.path.includes('[')) parsePatchPath(original.path);
  const op = { ...original, path: canonicalPath(definition, original.path) };
  const attribute = resolveAttribute(definition, op.path);
  let value = op.value === undefined ? undefined : normaliseAttributeValue(op.value, attribute);
  if (op.op !== 'remove' && value === null) return [{ op: 'remove', path: op.path }];
  const filtered = FILTERED_PATH.exec(op.path);
  if (op.op !== 'remove' && filtered?.groups) {
    const { attr = '', filter = '', sub } = filtered.groups;
    const list = lookup(resource, attr);
    const matches = Array.isArray(list) ? new SCIMMY.Types.Filter(filter).match(list) : [];
    if (matches.length === 0) {
      // No element to change: add one that the filter would match, carrying the value.
      const element = {
        ...equalities(filter),
        ...(sub ? { [sub]: value } : isPlainObject(value) ? value : { value }),
      };
      return [{ op: 'add', path: attr, value: [element] }];
    }
  }
  if (value === undefined && op.op !== 'remove') value = op.value;
  return [{ ...op, value }];
}

/** A path-less value may use dotted sub-attribute keys and URN-qualified keys (`urn:…:User:department`). */
function normalisePathless(value: Record<string, unknown>, definition: Definition): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const attribute = resolveAttribute(definition, key);
    result[canonicalPath(definition, key)] = attribute ? normaliseAttributeValue(raw, attribute) : raw;
  }
  return normaliseValues(result, definition) as Record<string, unknown>;
}

/**
 * A PATCH path (or path-less key) in the schema's own spelling. RFC 7643 §2.1 makes attribute names
 * case-insensitive and RFC 7644 §3.10 lets a path carry the core schema's URN, but scimmy's PatchOp matches
 * names exactly and knows no core URN prefix (`ACTIVE`, `Name.GivenName` and
 * `urn:ietf:params:scim:schemas:core:2.0:User:title` were 400s). A path naming no attribute is left as it is,
 * for scimmy to refuse. The value filter (`[type eq "work"]`) is kept verbatim; scimmy matches it without case.
 */
function canonicalPath(definition: Definition, path: string): string {
  const parts = /^(?<head>[^[\]]+?)(?<filter>\[.*\])?(?:\.(?<sub>[^.:[\]]+))?$/.exec(path.trim())?.groups;
  if (!parts?.head) return path;
  let head = parts.head;
  let prefix = '';
  let attributes = definition.attributes as Parameters<typeof findAttribute>[0];
  const whole = findAttribute(attributes, head);
  if (whole && isDefinition(whole))
    return whole.id + (parts.filter ?? '') + (parts.sub ? `.${parts.sub}` : '');
  const urn = /^(urn:.+):([^:]+)$/i.exec(head);
  if (urn?.[1] && urn[2]) {
    head = urn[2];
    if (urn[1].toLowerCase() !== definition.id.toLowerCase()) {
      const extension = findAttribute(attributes, urn[1]);
      if (!extension || !isDefinition(extension)) return path;
      prefix = `${extension.id}:`;
      attributes = extension.attributes as typeof attributes;
    }
  }
  const names = [...head.split('.'), ...(parts.sub ? [parts.sub] : [])];
  if (prefix === '' && !findAttribute(attributes, names[0] ?? '')) {
    // A bare name of an extension attribute (Entra's legacy `manager`): the one extension that declares it.
    const owners = attributes.filter(
      (a) => isDefinition(a) && findAttribute(a.attributes as typeof attributes, names[0] ?? ''),
    );
    const [owner] = owners;
    if (owners.length === 1 && owner && isDefinition(owner)) {
      prefix = `${owner.id}:`;
      attributes = owner.attributes as typeof attributes;
    }
  }
  const canonical: string[] = [];
  for (const name of names) {
    const found = findAttribute(attributes, name);
    if (!found || isDefinition(found)) return path;
    canonical.push(found.name);
    attributes = (found.subAttributes ?? []) as typeof attributes;
  }
  const sub = parts.sub ? `.${canonical.pop() ?? ''}` : '';
  return prefix + canonical.join('.') + (parts.filter ?? '') + sub;
}

/** The schema attribute a PATCH path names (filters stripped), or undefined when it names none. */
function resolveAttribute(definition: Definition, path: string) {
  const plain = path.replace(/\[.*?\]/g, '');
  let attributes = definition.attributes as Parameters<typeof findAttribute>[0];
  let rest = plain;
  const urn = /^(urn:[^[\]]+):([^:]+)$/i.exec(plain);
  if (urn?.[1] && urn[2]) {
    const extension = findAttribute(attributes, urn[1]);
    if (!extension || !isDefinition(extension)) return undefined;
    attributes = extension.attributes as typeof attributes;
    rest = urn[2];
  }
  let found: ReturnType<typeof findAttribute>;
  for (const part of rest.split('.')) {
    found = findAttribute(attributes, part);
    if (!found) return undefined;
    attributes = (isDefinition(found) ? found.attributes : (found.subAttributes ?? [])) as typeof attributes;
  }
  return found;
}

function lookup(resource: Record<string, unknown>, attr: string): unknown {
  const key = Object.keys(resource).find((k) => k.toLowerCase() === attr.toLowerCase());
  return key === undefined ? undefined : resource[key];
}

/** `type eq "mobile" and primary eq true` → {type: "mobile", primary: true}; other comparisons add nothing. */
function equalities(filter: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  let parsed: InstanceType<typeof SCIMMY.Types.Filter>;
  try {
    parsed = new SCIMMY.Types.Filter(filter);
  } catch {
    throw new DomainError('invalid_path', `Invalid value filter [${filter}]`);
  }
  if (parsed.length !== 1) return result;
  for (const [key, expression] of Object.entries(parsed[0] ?? {})) {
    if (Array.isArray(expression) && expression[0] === 'eq') result[key] = expression[1];
  }
  return result;
}
