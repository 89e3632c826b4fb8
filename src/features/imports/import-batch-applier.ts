import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain-error.js';
import type { Product } from '../catalog/catalog.js';
import type { Actor } from '../events/event-log.js';
import type { User } from '../users/user.js';
import { PROFILE_TYPE } from '../numbers/contact-number-ownership.js';
import { planProfile } from './import-profile.js';
import { licenseState, type ImportRowInput, type LicensePlan, type RowOutcome } from './import-row.js';
import type { RowServices } from './import-row-applier.js';

export interface PlannedRow {
  input: ImportRowInput;
  planned: RowOutcome;
}

/**
 * Applies a batch of planned rows set-based, through the same services as the admin API, so the same events,
 * reactions and rules follow: the new users created in one statement (with the pool numbers they get already in
 * their contact details), the updated ones changed with one, every number assigned with one, the memberships
 * joined with one (the rules react per group), and each product assigned to all its rows' users at once (one
 * intent per user, seats and requirements decided together, as POST /assignments with many users does). Steps run
 * in the order of one row's (user, numbers, groups, licenses), so rules and requirements see what they would.
 *
 * The rows were planned against the tenant just before: a write that still finds a conflict (a userName or a
 * number taken by a concurrent request) throws, and the caller applies the rows one by one instead.
 */
export async function applyRows(
  services: RowServices,
  tenantId: string,
  rows: readonly PlannedRow[],
  groupIds: ReadonlyMap<string, string>,
  products: ReadonlyMap<string, Product>,
  defaults: { country: string; language: string },
  actor: Actor,
): Promise<RowOutcome[]> {
  const outcomes = rows.map((r) => structuredClone(r.planned));
  const userIds = rows.map((r) => r.planned.user?.id ?? null);

  const creates = rows.flatMap((r, i) => (r.planned.user?.action === 'create' ? [{ r, i }] : []));
  const created = creates.map(({ r, i }) => {
    const id = randomUUID();
    userIds[i] = id;
    const profile = planProfile(r.input, null, defaults).next;
    const numbers = r.planned.numbers.filter((n) => n.action === 'assign');
    if (numbers.length > 0)
      profile.phoneNumbers = numbers.map((n) => ({ value: n.number, type: PROFILE_TYPE[n.kind] }));
    return { id, userName: r.input.email, profile, onboarding: r.input.sendOnboardingEmail };
  });
  const inserted = await services.users.createMany(tenantId, created, 'import', actor);
  if (inserted.length < created.length)
    throw new DomainError('uniqueness', 'A userName of the batch was taken meanwhile');
  const onboarding = created.filter((c) => c.onboarding);
  if (onboarding.length > 0) {
    const users = new Map(
      (
        await services.users.findMany(
          tenantId,
          onboarding.map((c) => c.id),
        )
      ).map((u) => [u.id, u]),
    );
    for (const c of onboarding) {
      const user = users.get(c.id);
      if (user) await services.users.requestOnboardingEmail(user, c.userName, actor);
    }
  }

  await services.users.modifyMany(
    tenantId,
    rows.flatMap((r, i) =>
      r.planned.user?.action === 'update'
        ? [
            {
              id: userIds[i]!,
              change: (current: User) => ({
                userName: current.userName,
                externalId: current.externalId,
                active: current.active,
                profile: planProfile(r.input, current.profile, defaults).next,
              }),
            },
          ]
        : [],
    ),
    actor,
  );

  await services.numbers.assignMany(
    tenantId,
    rows.flatMap((r, i) =>
      r.planned.numbers
        .filter((n) => n.action === 'assign')
        .map((n) => ({ number: n.number, userId: userIds[i]! })),
    ),
    actor,
  );

  const joins = rows.flatMap((r, i) =>
    r.planned.groups.flatMap((g) => {
      const groupId = groupIds.get(g.group.toLowerCase());
      return g.action === 'join' && groupId ? [{ groupId, userId: userIds[i]! }] : [];
    }),
  );
  if (joins.length > 0) {
    await services.groups.lockMany(tenantId, [...new Set(joins.map((j) => j.groupId))].sort());
    await services.groups.applyMembershipBatch(tenantId, [], joins, actor);
  }

  // One assign per product and date, products that need another track's license after the ones that give it.
  const requests = new Map<string, { product: Product; effectiveAt: string | null; rows: number[] }>();
  rows.forEach((r, i) => {
    for (const license of r.planned.licenses) {
      if (license.action === 'unchanged') continue;
      // The plan named a product of the catalog it read.
      const product = products.get(license.product.toLowerCase())!;
      const key = `${product.id}|${license.effectiveAt ?? 'now'}`;
      const request = requests.get(key) ?? { product, effectiveAt: license.effectiveAt, rows: [] };
      request.rows.push(i);
      requests.set(key, request);
    }
  });
  const results = new Map<string, LicensePlan>();
  const ordered = [...requests.values()].sort((a, b) => needsTrack(a.product) - needsTrack(b.product));
  for (const request of ordered) {
    for (let start = 0; start < request.rows.length; start += ASSIGN_LIMIT) {
      const chunk = request.rows.slice(start, start + ASSIGN_LIMIT);
      const assigned = await services.assignments.assign(
        tenantId,
        {
          userIds: chunk.map((i) => userIds[i]!),
          product: request.product.key,
          effectiveAt: request.effectiveAt ? new Date(request.effectiveAt) : null,
          grant: { kind: 'import' },
        },
        actor,
      );
      chunk.forEach((i, n) => {
        const result = assigned[n];
        const planned = rows[i]!.planned.licenses.find((l) => l.product === request.product.key)!;
        results.set(`${i}|${request.product.key}`, {
          ...planned,
          state: licenseState(result?.assignment.state),
          conflicts: (result?.conflicts ?? []).map(({ reason, message }) => ({ reason, message })),
        });
      });
    }
  }

  return outcomes.map((outcome, i) => ({
    ...outcome,
    status: 'applied',
    user: { action: outcome.user?.action ?? 'create', id: userIds[i]!, changed: outcome.user?.changed ?? [] },
    licenses: outcome.licenses.map((l) => results.get(`${i}|${l.product}`) ?? l),
  }));
}

/** The most users POST /assignments takes at once. */
const ASSIGN_LIMIT = 1000;

const needsTrack = (product: Product) =>
  product.requirements.some((r) => r.kind === 'active_license_in_track') ? 1 : 0;
