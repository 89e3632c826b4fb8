import type { AssignmentService } from '../assignments/assignment-service.js';
import type { Actor } from '../events/event-log.js';
import type { GroupService } from '../groups/group-service.js';
import type { NumberService } from '../numbers/number-service.js';
import type { UserService } from '../users/user-service.js';
import { planProfile } from './import-profile.js';
import type { ImportRowInput, RowOutcome } from './import-row.js';

/** The services the rows of a batch are applied with, bound to the batch's transaction. */
export interface RowServices {
  users: UserService;
  numbers: NumberService;
  groups: GroupService;
  assignments: AssignmentService;
}

/**
 * Applies one planned row through the services the admin API uses (so the same events, reactions and rules follow):
 * the user created or updated, the pool numbers assigned, the groups joined (rules react in the same transaction),
 * the products assigned or scheduled with an `import` grant. Returns the outcome with what actually happened.
 */
export async function applyRow(
  services: RowServices,
  tenantId: string,
  input: ImportRowInput,
  planned: RowOutcome,
  groupIds: ReadonlyMap<string, string>,
  defaults: { country: string; language: string },
  actor: Actor,
): Promise<RowOutcome> {
  const outcome: RowOutcome = structuredClone(planned);
  let userId = planned.user?.id ?? null;
  if (!userId) {
    const user = await services.users.create(
      tenantId,
      { userName: input.email, active: true, profile: planProfile(input, null, defaults).next },
      'import',
      actor,
    );
    userId = user.id;
    if (input.sendOnboardingEmail) await services.users.requestOnboardingEmail(user, input.email, actor);
  } else if (planned.user?.action === 'update') {
    await services.users.modify(
      tenantId,
      userId,
      (current) => ({
        userName: current.userName,
        externalId: current.externalId,
        active: current.active,
        profile: planProfile(input, current.profile, defaults).next,
      }),
      actor,
      undefined,
    );
  }
  outcome.user = {
    action: planned.user?.action ?? 'create',
    id: userId,
    changed: planned.user?.changed ?? [],
  };
  for (const number of planned.numbers)
    if (number.action === 'assign') await services.numbers.assign(tenantId, number.number, userId, actor);
  for (const group of planned.groups) {
    const id = groupIds.get(group.group.toLowerCase());
    if (group.action === 'join' && id)
      await services.groups.modify(
        tenantId,
        id,
        [{ kind: 'addMembers', members: [{ userId }] }],
        actor,
        undefined,
      );
  }
  outcome.licenses = [];
  for (const license of planned.licenses) {
    if (license.action === 'unchanged') {
      outcome.licenses.push(license);
      continue;
    }
    const [result] = await services.assignments.assign(
      tenantId,
      {
        userIds: [userId],
        product: license.product,
        effectiveAt: license.effectiveAt ? new Date(license.effectiveAt) : null,
        grant: { kind: 'import' },
      },
      actor,
    );
    const state = result?.assignment.state;
    outcome.licenses.push({
      ...license,
      state:
        state === 'active'
          ? 'active'
          : state === 'blocked'
            ? 'blocked'
            : state === 'scheduled'
              ? 'scheduled'
              : 'held',
      conflicts: (result?.conflicts ?? []).map(({ reason, message }) => ({ reason, message })),
    });
  }
  outcome.status = 'applied';
  return outcome;
}
