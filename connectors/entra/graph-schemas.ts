import { z } from 'zod';
import { ConnectorError } from './connector-error.js';
import {
  DIRECTORY_USER_FIELDS,
  type DeltaPage,
  type DirectoryGroup,
  type DirectoryUser,
} from './directory-records.js';

// Objects are parsed with zod's default: unknown properties are dropped, wrong types rejected.

const removedSchema = z.object({ reason: z.string() });

const directoryObjectRefSchema = z.object({
  '@odata.type': z.string().optional(),
  id: z.string().min(1),
  '@removed': removedSchema.optional(),
});

const optionalString = z.string().nullable().optional();

export const graphUserSchema = z.object({
  id: z.string().min(1),
  '@removed': removedSchema.optional(),
  userPrincipalName: z.string().optional(),
  mail: optionalString,
  givenName: optionalString,
  surname: optionalString,
  displayName: optionalString,
  jobTitle: optionalString,
  department: optionalString,
  businessPhones: z.array(z.string()).optional(),
  mobilePhone: optionalString,
  officeLocation: optionalString,
  usageLocation: optionalString,
  preferredLanguage: optionalString,
  accountEnabled: z.boolean().nullable().optional(),
  employeeId: optionalString,
  onPremisesExtensionAttributes: z.record(z.string(), z.string().nullable()).nullable().optional(),
  'manager@delta': z.array(directoryObjectRefSchema).optional(),
});

export const graphGroupSchema = z.object({
  id: z.string().min(1),
  '@removed': removedSchema.optional(),
  displayName: optionalString,
  description: optionalString,
  mail: optionalString,
  mailNickname: optionalString,
  mailEnabled: z.boolean().nullable().optional(),
  securityEnabled: z.boolean().nullable().optional(),
  'members@delta': z.array(directoryObjectRefSchema).optional(),
});

const deltaPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    value: z.array(item),
    '@odata.nextLink': z.string().optional(),
    '@odata.deltaLink': z.string().optional(),
  });

export const graphErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string().optional() }),
});

type GraphUser = z.infer<typeof graphUserSchema>;
type GraphGroup = z.infer<typeof graphGroupSchema>;
type DirectoryObjectRef = z.infer<typeof directoryObjectRefSchema>;

function removalOf(removed: { reason: string } | undefined): 'changed' | 'deleted' | undefined {
  if (!removed) return undefined;
  // Only "deleted" is final; any other reason (today "changed") may come back, so treat it as soft.
  return removed.reason === 'deleted' ? 'deleted' : 'changed';
}

export function toDirectoryUser(user: GraphUser): DirectoryUser {
  const out: DirectoryUser = { id: user.id };
  const removed = removalOf(user['@removed']);
  if (removed) out.removed = removed;
  for (const field of DIRECTORY_USER_FIELDS) {
    const value = user[field];
    if (value !== undefined) (out as unknown as Record<string, unknown>)[field] = value;
  }
  if (typeof user.accountEnabled === 'boolean') out.accountEnabled = user.accountEnabled;
  if (user.onPremisesExtensionAttributes !== undefined) {
    out.extensionAttributes = { ...(user.onPremisesExtensionAttributes ?? {}) };
  }
  const managerLinks = user['manager@delta'];
  if (managerLinks !== undefined) {
    // A user has at most one manager: a live link is the manager; only removed links mean none.
    out.managerId = managerLinks.find((link) => !link['@removed'])?.id ?? null;
  }
  return out;
}

function isGroupRef(ref: DirectoryObjectRef): boolean {
  return ref['@odata.type'] === '#microsoft.graph.group';
}

function isUserRef(ref: DirectoryObjectRef): boolean {
  // Graph types every member; an untyped one is taken as a user, the common case.
  return ref['@odata.type'] === undefined || ref['@odata.type'] === '#microsoft.graph.user';
}

export function toDirectoryGroup(group: GraphGroup): DirectoryGroup {
  const members = group['members@delta'] ?? [];
  const out: DirectoryGroup = {
    id: group.id,
    membersAdded: members.filter((m) => isUserRef(m) && !m['@removed']).map((m) => m.id),
    membersRemoved: members.filter((m) => isUserRef(m) && m['@removed']).map((m) => m.id),
    nestedGroupsAdded: members.filter((m) => isGroupRef(m) && !m['@removed']).map((m) => m.id),
    nestedGroupsRemoved: members.filter((m) => isGroupRef(m) && m['@removed']).map((m) => m.id),
  };
  const removed = removalOf(group['@removed']);
  if (removed) out.removed = removed;
  for (const field of ['displayName', 'description', 'mail', 'mailNickname'] as const) {
    if (group[field] !== undefined) out[field] = group[field];
  }
  if (typeof group.mailEnabled === 'boolean') out.mailEnabled = group.mailEnabled;
  if (typeof group.securityEnabled === 'boolean') out.securityEnabled = group.securityEnabled;
  return out;
}

function parsePage<G, D>(
  schema: z.ZodType<{ value: G[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string }>,
  map: (item: G) => D,
  body: unknown,
  linkPrefix: string,
): DeltaPage<D> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConnectorError(
      'graph.invalid_response',
      `Unexpected delta page from Graph at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const nextLink = parsed.data['@odata.nextLink'];
  const deltaLink = parsed.data['@odata.deltaLink'];
  if (!nextLink === !deltaLink) {
    throw new ConnectorError(
      'graph.invalid_response',
      'A delta page must carry exactly one of nextLink and deltaLink',
    );
  }
  const link = nextLink ?? deltaLink ?? '';
  if (!link.startsWith(linkPrefix)) {
    // Links are followed with our token attached: only ever follow them to the same Graph resource.
    throw new ConnectorError('graph.invalid_response', `Delta link outside ${linkPrefix}`);
  }
  return {
    items: parsed.data.value.map(map),
    ...(nextLink ? { nextLink } : {}),
    ...(deltaLink ? { deltaLink } : {}),
  };
}

export function parseUsersDeltaPage(body: unknown, linkPrefix: string): DeltaPage<DirectoryUser> {
  return parsePage(deltaPageSchema(graphUserSchema), toDirectoryUser, body, linkPrefix);
}

export function parseGroupsDeltaPage(body: unknown, linkPrefix: string): DeltaPage<DirectoryGroup> {
  return parsePage(deltaPageSchema(graphGroupSchema), toDirectoryGroup, body, linkPrefix);
}
