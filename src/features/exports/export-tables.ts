import type { Knex } from 'knex';
import { eventPage, type EventPageFilter } from '../events/event-pages.js';
import { IMPORT_COLUMN_KEYS, type ImportColumn } from '../imports/import-columns.js';
import type { UserProfile } from '../users/user.js';
import { ExportStore } from './export-store.js';

/** A table to export: its header and its rows, produced a page at a time. */
export interface ExportTable {
  name: string;
  header: readonly string[];
  rows: AsyncIterable<Array<string | null>>;
}

const PAGE = 1000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Pages of `read` until one comes back short; each row is turned into cells as it is yielded. */
async function* paged<R extends { id: string }>(
  read: (after: string) => Promise<R[]>,
  cells: (row: R) => Array<string | null>,
  first = FIRST_ID,
): AsyncIterable<Array<string | null>> {
  let after = first;
  for (;;) {
    const page = await read(after);
    for (const row of page) yield cells(row);
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

// The users export starts with the import template's columns, so an exported file imports back unchanged.
const USER_EXTRA = ['id', 'status', 'source', 'licenses', 'created_at'] as const;

/** Users with their licenses, numbers and groups, in the import template's columns (then a few read-only ones). */
export function usersTable(db: Knex, tenantId: string): ExportTable {
  const store = new ExportStore(db);
  return {
    name: 'users',
    header: [...IMPORT_COLUMN_KEYS, ...USER_EXTRA],
    rows: paged(
      (after) => store.users(tenantId, after, PAGE),
      (u) => {
        const template = userCells(u.user_name, u.profile, u);
        return [
          ...IMPORT_COLUMN_KEYS.map((key) => template[key] ?? null),
          u.id,
          u.active ? 'active' : 'suspended',
          u.source,
          u.licenses
            .map((l) => `${l.product}: ${l.state}${l.state === 'scheduled' ? ` ${iso(l.effectiveAt)}` : ''}`)
            .join('; '),
          iso(u.created_at),
        ];
      },
    ),
  };
}

function userCells(
  userName: string,
  profile: UserProfile,
  u: { groups: string[]; fixed: string[]; mobile: string[]; licenses: Array<{ product: string }> },
): Partial<Record<ImportColumn, string | null>> {
  const address = (profile.emergencyAddress ?? {}) as Record<string, unknown>;
  return {
    first_name: str(profile.name?.givenName),
    surname: str(profile.name?.familyName),
    email: userName,
    country: str(profile.country),
    language: str(profile.preferredLanguage),
    department: str(profile.department),
    job_title: str(profile.title),
    // The user's first pool number of each kind (the template has one of each); all are in the numbers export.
    mobile_number: u.mobile[0] ?? null,
    fixed_number: u.fixed[0] ?? null,
    products: u.licenses.map((l) => l.product).join('; ') || null,
    groups: u.groups.join('; ') || null,
    emergency_street: str(address.streetAddress),
    emergency_postal_code: str(address.postalCode),
    emergency_city: str(address.locality),
    emergency_region: str(address.region),
    emergency_country: str(address.country),
  };
}

export function assignmentsTable(db: Knex, tenantId: string): ExportTable {
  const store = new ExportStore(db);
  return {
    name: 'assignments',
    header: [
      'id',
      'user',
      'product',
      'track',
      'state',
      'effective_at',
      'activated_at',
      'removal_at',
      'grace_ends_at',
      'blocked_reasons',
      'grants',
    ],
    rows: paged(
      (after) => store.assignments(tenantId, after, PAGE),
      (a) => [
        a.id,
        a.user_name,
        a.product,
        a.track,
        a.state,
        iso(a.effective_at),
        iso(a.activated_at),
        iso(a.removal_at),
        iso(a.grace_ends_at),
        a.blocked_reasons.join('; '),
        a.grants.join('; '),
      ],
    ),
  };
}

export function numbersTable(db: Knex, tenantId: string): ExportTable {
  const store = new ExportStore(db);
  return {
    name: 'numbers',
    header: ['id', 'number', 'kind', 'country', 'status', 'origin', 'user', 'quarantine_until'],
    rows: paged(
      (after) => store.numbers(tenantId, after, PAGE),
      (n) => [n.id, n.e164, n.kind, n.country, n.status, n.origin, n.user_name, iso(n.quarantine_until)],
    ),
  };
}

export function auditLogTable(db: Knex, tenantId: string, filter: EventPageFilter): ExportTable {
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  return {
    name: 'audit-log',
    header: [
      'id',
      'occurred_at',
      'actor_type',
      'actor_id',
      'import_id',
      'action',
      'entity_type',
      'entity_id',
      'before',
      'after',
    ],
    rows: paged(
      (after) => eventPage(db, tenantId, after, PAGE, filter),
      (e) => [
        e.id,
        iso(e.occurred_at),
        e.actor_type,
        e.actor_id,
        e.import_id,
        e.action,
        e.entity_type,
        e.entity_id,
        json(e.before),
        json(e.after),
      ],
      '0',
    ),
  };
}
