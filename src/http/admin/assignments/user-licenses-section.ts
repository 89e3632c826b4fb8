import { z } from 'zod';
import type { Services } from '../../../container.js';
import type { Assignment } from '../../../features/assignments/assignment.js';
import type { User } from '../../../features/users/user.js';
import { userDetailSection } from '../users/user-detail-section.js';
import { toAdminAssignment } from './assignment-mappers.js';
import { toAdminNumber } from '../numbers/number-mappers.js';
import { ConflictSchema, UserLicensesSchema } from './assignment-schemas.js';

type AdminConflict = z.output<typeof ConflictSchema>;

// Ended licenses are history (GET /assignments/:id); the user's view shows what they have or will have.
const ENDED: ReadonlySet<Assignment['state']> = new Set(['removed', 'cancelled']);

const NUMBER_CONFLICT = {
  pool: 'In the number pool but not assigned to this user: assign it to count it',
  other_user: 'Assigned to another user',
  not_tenant: "Not one of the tenant's numbers",
} as const;

const recordedConflicts = z.object({ conflicts: z.array(ConflictSchema) });

/**
 * Why a blocked (or failed) assignment is not active, as the activation that blocked it explained it: the
 * `assignment.blocked` event carries the messages, the row only the reason codes.
 */
async function conflictsOf(services: Services, assignment: Assignment): Promise<AdminConflict[]> {
  const lost = assignment.state === 'grace' && assignment.removalCause === 'requirement_lost';
  if (assignment.state !== 'blocked' && assignment.state !== 'failed' && !lost) return [];
  const history = await services.assignments.history(assignment.tenantId, assignment.id);
  // A license that stopped because a requirement was lost says why in its grace event.
  const action = lost ? 'assignment.grace' : 'assignment.blocked';
  const blocked = history.filter((e) => e.action === action).pop();
  const recorded = recordedConflicts.safeParse(blocked?.after);
  if (recorded.success && recorded.data.conflicts.length > 0) return recorded.data.conflicts;
  return assignment.blockedReasons.map((reason) => ({ reason, message: reason.replace(/_/g, ' ') }));
}

/** `licenses` of the single-user responses: assignments with their conflicts, and the user's numbers. */
export const userLicensesSection = userDetailSection({
  key: 'licenses',
  schema: UserLicensesSchema,
  async load(services: Services, user: User) {
    const assignments = (await services.assignments.listForUser(user.tenantId, user.id)).filter(
      (a) => !ENDED.has(a.state),
    );
    const withConflicts = [];
    for (const a of assignments)
      withConflicts.push({ ...toAdminAssignment(a), conflicts: await conflictsOf(services, a) });
    const numbers = await services.numbers.list(user.tenantId, { userId: user.id, status: 'assigned' });
    const numberConflicts = await services.numbers.contactConflicts(
      user.tenantId,
      user.id,
      user.profile.phoneNumbers ?? [],
    );
    return {
      assignments: withConflicts,
      numbers: numbers.map(toAdminNumber),
      conflicts: withConflicts.flatMap((a) =>
        a.conflicts.map((c) => ({ ...c, assignmentId: a.id, product: a.product })),
      ),
      numberConflicts: numberConflicts.map((c) => ({ ...c, message: NUMBER_CONFLICT[c.holder] })),
    };
  },
});
