import type { Services } from '../../../container.js';
import { DomainError } from '../../../domain-error.js';
import { isRunning } from '../../../features/assignments/assignment-states.js';
import { fieldError, RequestValidationError, resourceErrors } from '../admin-problem.js';
import { ANY_ROLE, LICENSE_WRITERS } from '../admin-roles.js';
import { IdParams } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';
import { toPage } from '../pagination.js';
import { referenced } from '../referenced.js';
import { toAdminAssignment, toAdminAssignResult, toAdminEvent, toAdminOrder } from './assignment-mappers.js';
import {
  AssignmentDetailsSchema,
  AssignmentPageSchema,
  AssignmentSchema,
  AssignRequest,
  AssignResponseSchema,
  AssignResultListSchema,
  AssignResultSchema,
  ChangeAssignmentRequest,
  ListAssignmentsQuery,
  RemoveAssignmentRequest,
  RescheduleRequest,
} from './assignment-schemas.js';

const TAGS = ['Assignments'];
const errors = resourceErrors('assignment');
const ASSIGN_PROBLEMS = [
  'assignment.already_scheduled',
  'product.not_sellable',
  'seat.unavailable',
  'requirement.unmet',
  'number.invalid',
  'number.unavailable',
  'number.invalid_state',
];

type NumbersInput = { fixed?: string | undefined; mobile?: string | undefined; pickFromPool: boolean };

/** Every user of the request must exist (one query), so a typo is a 400 on the field, not a half-done batch. */
async function checkUsers(services: Services, tenantId: string, userIds: readonly string[]): Promise<void> {
  const ids = [...new Set(userIds)];
  const users = await services.users.page(tenantId, {
    where: { sql: `u.id IN (${ids.map(() => '?').join(', ')})`, bindings: ids },
    offset: 0,
    limit: ids.length,
    withGroups: false,
  });
  const found = new Set(users.map((u) => u.id));
  const missing = userIds.map((id, index) => ({ id, index })).filter((u) => !found.has(u.id));
  if (missing.length > 0) {
    throw new RequestValidationError(
      missing.map((m) => fieldError('body', ['userIds', m.index], `User ${m.id} not found`)),
    );
  }
}

/**
 * Numbers named in the request must be in the tenant's pool, and name one user's numbers; the service checks their
 * kind and state.
 */
async function checkNumbers(
  services: Services,
  tenantId: string,
  numbers: NumbersInput | undefined,
  users: number,
) {
  for (const kind of ['fixed', 'mobile'] as const) {
    const given = numbers?.[kind];
    if (!given) continue;
    if (users > 1)
      throw new RequestValidationError([
        {
          in: 'body',
          field: `numbers.${kind}`,
          path: ['numbers', kind],
          message: "names one user's number: for many users, use pickFromPool",
        },
      ]);
    await referenced('body', `numbers.${kind}`, () => services.numbers.get(tenantId, given));
  }
}

const numbersOf = (numbers: NumbersInput | undefined) =>
  numbers
    ? {
        numbers: {
          pickFromPool: numbers.pickFromPool,
          ...(numbers.fixed ? { fixed: numbers.fixed } : {}),
          ...(numbers.mobile ? { mobile: numbers.mobile } : {}),
        },
      }
    : {};

export const assignmentRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'post',
    path: '/assignments',
    operationId: 'assignLicense',
    summary: 'Assign a product to one or many users, now or on a date',
    description:
      'Each user gets one assignment of the product (assigning again adds a grant to it). Now: it activates at once ' +
      'if a seat is free and every requirement holds, else it is kept `blocked` with its conflicts and activates by ' +
      'itself when the cause goes away (with `strict`, refused instead). On a date: `scheduled`, with the conflicts ' +
      "found on the user's projected state on that date. In an exclusive track the user's current license is swapped " +
      'out when the new one activates. `numbers` gives the numbers the product needs, named (one user) or picked ' +
      "from the pool per user in the user's country; they are the users' from this request on, also for a later " +
      'date. A user who already has the product scheduled or blocked: 409 assignment.already_scheduled naming its ' +
      'date, or with `reschedule: true` it moves to this date. After a cancellation or removal, assigning again ' +
      'creates a new assignment; the ended one keeps its history. `purchase` buys the seats the assignment lacks on ' +
      'its date first, with the terms accepted, and answers the order with its price in `order`.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors,
    problems: [...ASSIGN_PROBLEMS, 'terms.not_accepted'],
    body: AssignRequest,
    response: {
      status: 201,
      headers: ['Location'],
      description:
        'One result per user, and the order when seats were bought; for one user, Location is the assignment',
      schema: AssignResponseSchema,
    },
    async handler({ body, tenantId, actor, services, setHeader }) {
      const product = await referenced('body', 'product', () =>
        services.catalog.getProduct(tenantId, body.product),
      );
      await checkUsers(services, tenantId, body.userIds);
      await checkNumbers(services, tenantId, body.numbers, new Set(body.userIds).size);
      const order = body.purchase
        ? await services.assignments.buyMissingSeats(
            tenantId,
            {
              userIds: body.userIds,
              product: product.id,
              effectiveAt: body.effectiveAt ?? null,
              bindingMonths: body.purchase.bindingMonths,
              termsAccepted: body.purchase.termsAccepted === true,
            },
            actor,
          )
        : null;
      const results = await services.assignments.assign(
        tenantId,
        {
          userIds: body.userIds,
          product: product.id,
          effectiveAt: body.effectiveAt ?? null,
          strict: body.strict,
          ifScheduled: body.reschedule ? 'redate' : 'refuse',
          ...numbersOf(body.numbers),
        },
        actor,
      );
      const [only] = results;
      if (only && results.length === 1) setHeader('Location', `/api/v1/assignments/${only.assignment.id}`);
      return { results: results.map(toAdminAssignResult), order: order ? toAdminOrder(order) : null };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/assignments',
    operationId: 'listAssignments',
    sort: 'by effective date (scheduled assignments in the order they are due), then id',
    summary: 'List assignments',
    description: 'Optionally of one product or in one state; a page at a time, each with its grants.',
    tags: TAGS,
    roles: ANY_ROLE,
    query: ListAssignmentsQuery,
    response: { status: 200, description: 'A page of assignments', schema: AssignmentPageSchema },
    async handler({ query, tenantId, services }) {
      const productId = query.product
        ? (
            await referenced('query', 'product', () =>
              services.catalog.getProduct(tenantId, query.product ?? ''),
            )
          ).id
        : undefined;
      const rows = await services.assignments.list(tenantId, {
        ...(productId ? { productId } : {}),
        ...(query.state ? { state: query.state } : {}),
        ...(query.userId ? { userId: query.userId } : {}),
        ...(query.cursor ? { after: { id: query.cursor.id, effectiveAt: query.cursor.createdAt } } : {}),
        limit: query.limit + 1,
      });
      return toPage(
        rows,
        query.limit,
        // The page's position: the last assignment's effective date (the list's order) and id.
        (a) => ({ createdAt: a.effectiveAt.toISOString(), id: a.id }),
        toAdminAssignment,
      );
    },
  }),

  defineRoute({
    method: 'get',
    path: '/assignments/:id',
    operationId: 'getAssignment',
    summary: 'Get an assignment with its grants and history',
    tags: TAGS,
    roles: ANY_ROLE,
    errors,
    params: IdParams,
    response: { status: 200, description: 'The assignment', schema: AssignmentDetailsSchema },
    async handler({ params, tenantId, services }) {
      const assignment = await services.assignments.get(tenantId, params.id);
      const history = await services.assignments.history(tenantId, assignment.id);
      return { ...toAdminAssignment(assignment), history: history.map(toAdminEvent) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/assignments/:id/change',
    operationId: 'changeLicense',
    summary: 'Change the license to another product of its exclusive track',
    description:
      'One atomic swap, now or on a date: the new license activates and the current one ends in the same ' +
      'transaction, so the user is never without (or with two) licenses of the track.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors,
    problems: ['assignment.invalid_state', ...ASSIGN_PROBLEMS],
    params: IdParams,
    body: ChangeAssignmentRequest,
    response: {
      status: 201,
      headers: ['Location'],
      description: 'The new assignment',
      schema: AssignResultSchema,
    },
    async handler({ params, body, tenantId, actor, services, setHeader }) {
      const current = await services.assignments.get(tenantId, params.id);
      const product = await referenced('body', 'product', () =>
        services.catalog.getProduct(tenantId, body.product),
      );
      const track = await services.catalog.getTrack(tenantId, current.trackKey);
      if (!track.exclusive || product.trackKey !== track.key || product.id === current.productId) {
        throw new RequestValidationError([
          fieldError(
            'body',
            ['product'],
            track.exclusive
              ? `must be another product of the ${track.name} track`
              : `${track.name} is not an exclusive track: assign the product besides this one`,
          ),
        ]);
      }
      if (!isRunning(current.state)) {
        throw new DomainError(
          'assignment.invalid_state',
          `The assignment is ${current.state}; only a running license can be changed (assign the product instead)`,
        );
      }
      await checkNumbers(services, tenantId, body.numbers, 1);
      const [result] = await services.assignments.assign(
        tenantId,
        {
          userIds: [current.userId],
          product: product.id,
          effectiveAt: body.effectiveAt ?? null,
          ifScheduled: body.reschedule ? 'redate' : 'refuse',
          ...numbersOf(body.numbers),
        },
        actor,
      );
      if (!result) throw new Error('assign returned no result for one user');
      setHeader('Location', `/api/v1/assignments/${result.assignment.id}`);
      return toAdminAssignResult(result);
    },
  }),

  defineRoute({
    method: 'post',
    path: '/assignments/:id/remove',
    operationId: 'removeLicense',
    summary: 'Remove a license',
    description:
      "Removal deletes the user's call history, call forwarding, voicemail and device activation, so it needs " +
      '`confirmDataLoss: true` (else 422 confirmation.required). The license goes to grace (now, or on `at`: ' +
      'removal_scheduled until then); the seat is freed when grace ends. A scheduled or blocked one is cancelled. ' +
      'When other running licenses of the user require it (Unlimited 5G needs an active Voice license), the ' +
      'removal is refused with 409 requirement.dependents listing them in `details.dependents`, unless ' +
      '`removeDependents: true`: then they stop with it (same date, through grace, cause requirement_lost).',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors,
    problems: ['confirmation.required', 'assignment.invalid_state', 'requirement.dependents'],
    params: IdParams,
    body: RemoveAssignmentRequest,
    response: { status: 200, description: 'The assignment as it now is', schema: AssignmentSchema },
    async handler({ params, body, tenantId, actor, services }) {
      const removed = await services.assignments.remove(
        tenantId,
        params.id,
        {
          ...(body.confirmDataLoss !== undefined ? { confirmDataLoss: body.confirmDataLoss } : {}),
          ...(body.at ? { at: body.at } : {}),
          ...(body.removeDependents !== undefined ? { removeDependents: body.removeDependents } : {}),
          ...(body.freeSeatNow !== undefined ? { freeSeatNow: body.freeSeatNow } : {}),
        },
        actor,
      );
      return toAdminAssignment(await services.assignments.get(tenantId, removed.id));
    },
  }),

  defineRoute({
    method: 'post',
    path: '/assignments/:id/cancel',
    operationId: 'cancelAssignment',
    summary: 'Cancel a scheduled or blocked assignment',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors,
    problems: ['assignment.invalid_state'],
    params: IdParams,
    response: { status: 200, description: 'The cancelled assignment', schema: AssignmentSchema },
    async handler({ params, tenantId, actor, services }) {
      const cancelled = await services.assignments.cancel(tenantId, params.id, actor);
      return toAdminAssignment(await services.assignments.get(tenantId, cancelled.id));
    },
  }),

  defineRoute({
    method: 'post',
    path: '/assignments/:id/reschedule',
    operationId: 'rescheduleAssignment',
    summary: 'Re-date a scheduled or blocked assignment',
    description:
      'A date now or past activates it at once if it can be; a future one reports its projected conflicts.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors,
    problems: ['assignment.invalid_state'],
    params: IdParams,
    body: RescheduleRequest,
    response: { status: 200, description: 'The assignment and its conflicts', schema: AssignResultSchema },
    async handler({ params, body, tenantId, actor, services }) {
      const result = await services.assignments.reschedule(tenantId, params.id, body.effectiveAt, actor);
      return toAdminAssignResult({
        ...result,
        assignment: await services.assignments.get(tenantId, result.assignment.id),
      });
    },
  }),

  defineRoute({
    method: 'post',
    path: '/users/:id/activation-date',
    operationId: 'setActivationDate',
    summary: "Set the activation date of all of a user's scheduled assignments",
    description:
      'Every scheduled or blocked assignment of the user moves to the date (now or past: activates them).',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: resourceErrors('user'),
    params: IdParams,
    body: RescheduleRequest,
    response: { status: 200, description: 'One result per assignment moved', schema: AssignResultListSchema },
    async handler({ params, body, tenantId, actor, services }) {
      const user = await services.users.get(tenantId, params.id, false);
      const results = await services.assignments.setActivationDate(
        tenantId,
        user.id,
        body.effectiveAt,
        actor,
      );
      return { results: results.map(toAdminAssignResult) };
    },
  }),
];
