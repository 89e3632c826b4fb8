import type { User, UserInput, UserProfile } from '../../features/users/user.js';
import { CORE_USER, ENTERPRISE_USER, SEATSYNC_USER, userSchema } from '../../lib/scim-schema/scim-schemas.js';
import { coerceResource } from './coerce-resource.js';
import { isPlainObject, normaliseValues } from './normalise-values.js';

/** Attributes of the SCIM resource that are not profile data. */
const RESOURCE_KEYS = new Set([
  'schemas',
  'meta',
  'id',
  'userName',
  'externalId',
  'active',
  'password',
  'groups',
]);
const ENTERPRISE_KEYS = [
  'employeeNumber',
  'costCenter',
  'organization',
  'division',
  'department',
  'manager',
] as const;
const SEATSYNC_KEYS = ['country', 'emergencyAddress'] as const;

export const etagOf = (version: number) => `W/"${version}"`;

/**
 * Validates and coerces an inbound SCIM User (after the IdP quirks are normalised) and maps it onto the
 * domain's input: core, enterprise and seatsync attributes all land in the user's profile by name.
 * A wrong type or a missing userName is a DomainError invalid_value (400 invalidValue).
 */
export function scimToUserInput(body: unknown): UserInput {
  const Schema = userSchema();
  const resource = coerceResource(normaliseValues(body, Schema.definition), Schema.definition);
  const profile: UserProfile = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === ENTERPRISE_USER || key === SEATSYNC_USER) {
      if (isPlainObject(value)) Object.assign(profile, value);
    } else if (!RESOURCE_KEYS.has(key)) {
      profile[key] = value;
    }
  }
  return {
    userName: String(resource.userName),
    externalId: typeof resource.externalId === 'string' ? resource.externalId : null,
    // RFC 7643: active defaults to true when the IdP leaves it out.
    active: resource.active !== false,
    profile,
    raw: body,
  };
}

/** The SCIM representation of a domain user (everything; projection happens afterwards). */
export function userToScim(user: User, baseUrl: string): Record<string, unknown> {
  const core: Record<string, unknown> = {};
  const enterprise: Record<string, unknown> = {};
  const seatsync: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(user.profile)) {
    if ((ENTERPRISE_KEYS as readonly string[]).includes(key)) enterprise[key] = value;
    else if ((SEATSYNC_KEYS as readonly string[]).includes(key)) seatsync[key] = value;
    else core[key] = value;
  }
  if (isPlainObject(enterprise.manager)) {
    const managerId = enterprise.manager.value;
    enterprise.manager = { ...enterprise.manager, $ref: `${baseUrl}/Users/${String(managerId)}` };
  }
  const schemas = [CORE_USER];
  const resource: Record<string, unknown> = { schemas, id: user.id };
  if (user.externalId !== null) resource.externalId = user.externalId;
  resource.userName = user.userName;
  Object.assign(resource, core);
  resource.active = user.active;
  if (user.groups) {
    resource.groups = user.groups.map((g) => ({
      value: g.id,
      display: g.displayName,
      $ref: `${baseUrl}/Groups/${g.id}`,
      type: 'direct',
    }));
  }
  if (Object.keys(enterprise).length > 0) {
    schemas.push(ENTERPRISE_USER);
    resource[ENTERPRISE_USER] = enterprise;
  }
  if (Object.keys(seatsync).length > 0) {
    schemas.push(SEATSYNC_USER);
    resource[SEATSYNC_USER] = seatsync;
  }
  resource.meta = {
    resourceType: 'User',
    created: user.createdAt.toISOString(),
    lastModified: user.updatedAt.toISOString(),
    location: `${baseUrl}/Users/${user.id}`,
    version: etagOf(user.version),
  };
  return resource;
}
