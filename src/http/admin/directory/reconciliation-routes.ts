import { z } from 'zod';
import type {
  ListedConflict,
  ReconciliationRun,
} from '../../../features/directory/reconciliation-run-store.js';
import { contactReconciliationJob } from '../../../jobs/connection-jobs.js';
import { resourceErrors } from '../admin-problem.js';
import { ANY_ROLE, OWNER_ONLY } from '../admin-roles.js';
import { component, IdParams } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';
import { pageOf, pageQuery, toPage } from '../pagination.js';
import { DIRECTORY_TAGS, RunsQuery } from './directory-schemas.js';

const connectionErrors = resourceErrors('directory_connection');
const reconciliationErrors = resourceErrors('contact_reconciliation');

const ReconciliationSchema = component(
  z.object({
    id: z.string(),
    connectionId: z.string(),
    trigger: z.enum(['schedule', 'cli', 'api', 'test']),
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    checked: z
      .number()
      .int()
      .describe('Active users linked to the connection whose contact fields were compared'),
    fixed: z
      .number()
      .int()
      .describe(
        "Users whose directory-owned contact fields had drifted and were set back to the directory's",
      ),
    conflicts: z
      .number()
      .int()
      .describe(
        "Directory phone numbers that do not fit the tenant's number pool (see the conflicts endpoint)",
      ),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
  }),
  'ContactReconciliation',
  'One contact reconciliation run of a directory connection',
);

const ConflictSchema = component(
  z.object({
    id: z.string(),
    userId: z.string().nullable(),
    userName: z.string().nullable().describe("The user's userName now (null once the user is gone)"),
    displayName: z.string().nullable().describe("The user's display name now"),
    objectId: z.string().describe('The directory object id of the user'),
    attribute: z.string().describe('The profile attribute the number is mapped to, e.g. phoneNumbers.mobile'),
    number: z.string().describe('The number as the directory has it'),
    e164: z.string().nullable(),
    code: z.enum(['number.not_owned', 'number.assigned_to_other_user', 'number.not_international']),
    message: z.string(),
    createdAt: z.string(),
  }),
  'ContactConflict',
  "A directory phone number that is not one of the tenant's numbers, or is another user's",
);

const ConflictPageSchema = pageOf(ConflictSchema, 'ContactConflictPage');

const toReconciliationBody = (run: ReconciliationRun) => {
  const { tenantId: _tenant, ...rest } = run;
  return {
    ...rest,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
};

const toConflictBody = (conflict: ListedConflict) => {
  const { runId: _run, ...rest } = conflict;
  return { ...rest, createdAt: conflict.createdAt.toISOString() };
};

/** Contact reconciliation of a connection: start one now, list and read runs, page through a run's conflicts. */
export const reconciliationRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'post',
    path: '/directory/connections/:id/reconcile',
    operationId: 'startContactReconciliation',
    summary: 'Reconcile the contact fields of a connection now',
    description:
      'Compares the directory-owned contact fields of every active user the connection feeds with the directory, sets drifted ' +
      'ones back and reports directory phone numbers the tenant does not own. Queued for a worker; 409 while one runs.',
    tags: DIRECTORY_TAGS,
    roles: OWNER_ONLY,
    errors: connectionErrors,
    problems: ['contact_reconciliation.already_running'],
    params: IdParams,
    response: {
      status: 202,
      headers: ['Location'],
      description: 'The run started',
      schema: z.object({ runId: z.string() }),
    },
    async handler({ params, tenantId, container, db, afterCommit, setHeader }) {
      const runId = await container.directory.reconciliation.request(db, tenantId, params.id, 'api');
      // Queued once the run's record has committed: a worker runs it, whatever happens to this process.
      afterCommit(() =>
        container.jobs
          .now(contactReconciliationJob.name, { connectionId: params.id, runId })
          .catch(async (error) => {
            await container.directory.reconciliation.giveUp(params.id, runId);
            throw error;
          }),
      );
      setHeader('Location', `/api/v1/directory/reconciliations/${runId}`);
      return { runId };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/directory/connections/:id/reconciliations',
    operationId: 'listContactReconciliations',
    sort: 'newest first (by start time, then id)',
    summary: 'List the contact reconciliation runs of a connection, newest first',
    tags: DIRECTORY_TAGS,
    roles: ANY_ROLE,
    errors: connectionErrors,
    params: IdParams,
    query: RunsQuery,
    response: {
      status: 200,
      description: 'The runs',
      schema: z.object({ items: z.array(ReconciliationSchema) }),
    },
    async handler({ params, query, tenantId, container, db }) {
      await container.directory.connections(db).get(tenantId, params.id);
      return {
        items: (await container.directory.reconciliation.listRuns(tenantId, params.id, query.limit)).map(
          toReconciliationBody,
        ),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/directory/reconciliations/:id',
    operationId: 'getContactReconciliation',
    summary: 'Read a contact reconciliation run',
    tags: DIRECTORY_TAGS,
    roles: ANY_ROLE,
    errors: reconciliationErrors,
    params: IdParams,
    response: { status: 200, description: 'The run', schema: ReconciliationSchema },
    async handler({ params, tenantId, container }) {
      return toReconciliationBody(await container.directory.reconciliation.getRun(tenantId, params.id));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/directory/reconciliations/:id/conflicts',
    operationId: 'listContactConflicts',
    sort: 'in the order the run found them',
    summary: 'List the phone number conflicts a reconciliation run found',
    tags: DIRECTORY_TAGS,
    roles: ANY_ROLE,
    errors: reconciliationErrors,
    params: IdParams,
    query: z.object(pageQuery),
    response: {
      status: 200,
      description: 'A page of conflicts, in the order they were found',
      schema: ConflictPageSchema,
    },
    async handler({ params, query, tenantId, container }) {
      // One row more than the page: it only tells whether there is a next page.
      const conflicts = await container.directory.reconciliation.listConflicts(
        tenantId,
        params.id,
        query.limit + 1,
        query.cursor,
      );
      return toPage(
        conflicts,
        query.limit,
        (c) => ({ createdAt: c.createdAt.toISOString(), id: c.id }),
        toConflictBody,
      );
    },
  }),
];
