import { z } from 'zod';
import { DIRECTORY_USER_FIELDS } from './directory-source.js';

/** Directory properties a mapping can read: Graph user properties, `manager`, and the 15 on-premises extension attributes. */
export const SOURCE_ATTRIBUTES = [
  ...DIRECTORY_USER_FIELDS,
  'manager',
  ...Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`),
] as const;

export type SourceAttribute = (typeof SOURCE_ATTRIBUTES)[number];

/** Profile targets that live inside a structured attribute (a name part or a typed e-mail / phone entry). */
export const COMPOSITE_TARGETS = [
  'name.givenName',
  'name.familyName',
  'emails.work',
  'phoneNumbers.work',
  'phoneNumbers.mobile',
] as const;

/** Profile attribute ← directory property. Overrides are merged over this; `null` turns a default off. */
export const DEFAULT_ATTRIBUTE_MAPPING: Readonly<Record<string, SourceAttribute>> = {
  'name.givenName': 'givenName',
  'name.familyName': 'surname',
  displayName: 'displayName',
  'emails.work': 'mail',
  'phoneNumbers.work': 'businessPhones',
  'phoneNumbers.mobile': 'mobilePhone',
  title: 'jobTitle',
  department: 'department',
  country: 'usageLocation',
  preferredLanguage: 'preferredLanguage',
  employeeNumber: 'employeeId',
  officeLocation: 'officeLocation',
  manager: 'manager',
};

/**
 * The contact fields contact reconciliation compares (the mapping decides where each comes from, and only those
 * the directory owns are compared): names, job, phones, office, manager, country and language.
 */
export const CONTACT_TARGETS: readonly string[] = [
  'name.givenName',
  'name.familyName',
  'displayName',
  'department',
  'title',
  'phoneNumbers.work',
  'phoneNumbers.mobile',
  'officeLocation',
  'manager',
  'country',
  'preferredLanguage',
];

// Keys that are the user's identity or structure, never a mapping target of their own.
const RESERVED_TARGETS = new Set([
  'id',
  'userName',
  'externalId',
  'active',
  'groups',
  'name',
  'emails',
  'phoneNumbers',
  'meta',
  'schemas',
]);

const targetSchema = z
  .string()
  .refine(
    (key) =>
      (COMPOSITE_TARGETS as readonly string[]).includes(key) ||
      (/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(key) && !RESERVED_TARGETS.has(key)),
    {
      message:
        'not a mappable profile attribute (a plain attribute name, or one of ' +
        COMPOSITE_TARGETS.join(', ') +
        ')',
    },
  );

/** Agenda's human intervals, restricted to what makes sense for a directory sync. */
const intervalSchema = z
  .string()
  .trim()
  .regex(
    /^[1-9]\d{0,3} (minute|minutes|hour|hours|day|days)$/,
    'an interval such as "30 minutes", "1 hour" or "1 day"',
  );

const httpUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

export const connectionInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  entraTenantId: z.string().trim().min(1).max(200),
  clientId: z.string().trim().min(1).max(200),
  clientSecret: z.string().min(1).max(1000),
  /** For a sovereign cloud or a local fake; the public Microsoft endpoints when absent. */
  authorityHost: httpUrl.nullable().optional(),
  graphBaseUrl: httpUrl.nullable().optional(),
  /** Directory object ids of the groups whose members are synced; empty = every user and group. */
  scopedGroupIds: z.array(z.string().trim().min(1).max(100)).max(500).default([]),
  attributeMapping: z.record(targetSchema, z.enum(SOURCE_ATTRIBUTES).nullable()).default({}),
  /** Targets the directory owns (overwritten by each sync); the rest are edited in seatsync and only filled when empty. Null: every mapped target. */
  directoryOwned: z.array(targetSchema).nullable().default(null),
  syncInterval: intervalSchema.default('30 minutes'),
  /** How often contact reconciliation compares the directory-owned contact fields with seatsync. */
  reconcileInterval: intervalSchema.default('1 day'),
  enabled: z.boolean().default(true),
});

export type ConnectionInput = z.input<typeof connectionInputSchema>;
export type ParsedConnectionInput = z.output<typeof connectionInputSchema>;

export const connectionUpdateSchema = connectionInputSchema
  .extend({
    authorityHost: httpUrl.nullable().optional(),
    graphBaseUrl: httpUrl.nullable().optional(),
    scopedGroupIds: z.array(z.string().trim().min(1).max(100)).max(500).optional(),
    attributeMapping: z.record(targetSchema, z.enum(SOURCE_ATTRIBUTES).nullable()).optional(),
    directoryOwned: z.array(targetSchema).nullable().optional(),
    syncInterval: intervalSchema.optional(),
    reconcileInterval: intervalSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .partial();

export type ConnectionUpdate = z.input<typeof connectionUpdateSchema>;

/** A connection as the API and services show it: never the secret. */
export interface DirectoryConnection {
  id: string;
  tenantId: string;
  kind: 'entra';
  name: string;
  entraTenantId: string;
  clientId: string;
  /** Always true: the secret is write-only and stored encrypted. */
  clientSecretSet: boolean;
  authorityHost: string | null;
  graphBaseUrl: string | null;
  scopedGroupIds: string[];
  attributeMapping: Record<string, SourceAttribute | null>;
  directoryOwned: string[] | null;
  syncInterval: string;
  reconcileInterval: string;
  enabled: boolean;
  version: number;
  /** Whether the next run continues incrementally (a delta link is stored) or enumerates everything. */
  nextRun: 'incremental' | 'full' | 'resume';
  createdAt: Date;
  updatedAt: Date;
}

/** The mapping in force: defaults with the connection's overrides (a null override removes a default). */
export function effectiveMapping(
  overrides: Record<string, SourceAttribute | null>,
): Map<string, SourceAttribute> {
  const mapping = new Map<string, SourceAttribute>(Object.entries(DEFAULT_ATTRIBUTE_MAPPING));
  for (const [target, source] of Object.entries(overrides)) {
    if (source === null) mapping.delete(target);
    else mapping.set(target, source);
  }
  return mapping;
}

/** The contact fields reconciliation compares for a connection: mapped contact targets the directory owns, with their sources. */
export function contactMapping(
  overrides: Record<string, SourceAttribute | null>,
  directoryOwned: string[] | null,
): Map<string, SourceAttribute> {
  const owned = directoryOwned === null ? null : new Set(directoryOwned);
  return new Map(
    [...effectiveMapping(overrides)].filter(
      ([target]) => CONTACT_TARGETS.includes(target) && (owned === null || owned.has(target)),
    ),
  );
}
