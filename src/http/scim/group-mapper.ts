import type { Group, GroupInput } from '../../features/groups/group.js';
import { CORE_GROUP, groupSchema } from '../../lib/scim-schema/scim-schemas.js';
import { etagOf } from './user-mapper.js';
import { coerceResource } from './coerce-resource.js';
import { normaliseValues } from './normalise-values.js';

/** Validates an inbound SCIM Group and maps it to the domain's input (members are user ids). */
export function scimToGroupInput(body: unknown): GroupInput {
  const Schema = groupSchema();
  const group = coerceResource(normaliseValues(body, Schema.definition), Schema.definition) as {
    displayName: string;
    externalId?: string;
    members?: Array<{ value?: string; display?: string }>;
  };

  return {
    displayName: group.displayName,
    externalId: group.externalId ?? null,
    members: (group.members ?? []).map((m) => ({
      userId: m.value ?? '',
      ...(m.display ? { display: m.display } : {}),
    })),
  };
}

export function groupToScim(group: Group, baseUrl: string): Record<string, unknown> {
  const resource: Record<string, unknown> = { schemas: [CORE_GROUP], id: group.id };
  if (group.externalId !== null) resource.externalId = group.externalId;
  resource.displayName = group.displayName;
  if (group.members) {
    resource.members = group.members.map((m) => ({
      value: m.userId,
      display: m.displayName ?? undefined,
      $ref: `${baseUrl}/Users/${m.userId}`,
      type: 'User',
    }));
  }
  resource.meta = {
    resourceType: 'Group',
    created: group.createdAt.toISOString(),
    lastModified: group.updatedAt.toISOString(),
    location: `${baseUrl}/Groups/${group.id}`,
    version: etagOf(group.version),
  };
  return resource;
}
