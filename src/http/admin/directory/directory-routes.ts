import { z } from 'zod';
import {
  COMPOSITE_TARGETS,
  connectionInputSchema,
  connectionUpdateSchema,
  CONTACT_TARGETS,
  DEFAULT_ATTRIBUTE_MAPPING,
  SOURCE_ATTRIBUTES,
  type DirectoryConnection,
} from '../../../features/directory/directory-connection.js';
import type { SyncRun } from '../../../features/directory/sync-run-store.js';
import { entraSyncJob } from '../../../jobs/connection-jobs.js';
import { resourceErrors } from '../admin-problem.js';
import { ANY_ROLE, OWNER_ONLY } from '../admin-roles.js';
import { component, IdParams } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';
import { DIRECTORY_TAGS, RunsQuery } from './directory-schemas.js';
import { reconciliationRoutes } from './reconciliation-routes.js';

const connectionErrors = resourceErrors('directory_connection');
const runErrors = resourceErrors('directory_sync_run');

const ConnectionSchema = component(
  z.object({
    id: z.string(),
    kind: z.literal('entra'),
    name: z.string(),
    entraTenantId: z.string(),
    clientId: z.string(),
    clientSecretSet: z.boolean().describe('The secret is write-only: stored encrypted, never returned'),
    authorityHost: z.string().nullable(),
    graphBaseUrl: z.string().nullable(),
    scopedGroupIds: z.array(z.string()),
    attributeMapping: z.record(z.string(), z.enum(SOURCE_ATTRIBUTES).nullable()),
    directoryOwned: z.array(z.string()).nullable(),
    syncInterval: z.string(),
    reconcileInterval: z.string().describe('How often contact reconciliation runs'),
    enabled: z.boolean(),
    version: z.number().int(),
    nextRun: z.enum(['incremental', 'full', 'resume']),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  'DirectoryConnection',
  'An Entra ID pull connection',
);

const RunSchema = component(
  z.object({
    id: z.string(),
    connectionId: z.string(),
    trigger: z.enum(['schedule', 'cli', 'api', 'test']),
    mode: z.enum(['full', 'incremental']),
    status: z.enum(['running', 'succeeded', 'failed', 'held', 'approved', 'rejected']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    pages: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    suspended: z.number().int(),
    reactivated: z.number().int(),
    groups: z.number().int(),
    membershipsAdded: z.number().int(),
    membershipsRemoved: z.number().int(),
    plannedSuspensions: z
      .array(z.string())
      .nullable()
      .describe('Users a held run would suspend, waiting for approval'),
    problems: z.array(z.object({ objectId: z.string(), code: z.string(), message: z.string() })),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
  }),
  'DirectorySyncRun',
  'One sync run of a directory connection',
);

const DirectoryGroupSchema = component(
  z.object({
    objectId: z.string().describe('The directory object id, as scopedGroupIds takes it'),
    displayName: z.string().nullable(),
    description: z.string().nullable(),
  }),
  'DirectoryGroup',
  "A group of the connection's directory, as its last sync saw it",
);

const AttributeMappingSchema = component(
  z.object({
    defaults: z
      .record(z.string(), z.enum(SOURCE_ATTRIBUTES))
      .describe("Profile attribute ← directory property, before a connection's attributeMapping overrides"),
    sources: z.array(z.enum(SOURCE_ATTRIBUTES)).describe('Directory properties a mapping can read'),
    compositeTargets: z
      .array(z.string())
      .describe('Targets inside a structured attribute; any other target is a plain attribute name'),
    contactTargets: z.array(z.string()).describe('The targets contact reconciliation compares when owned'),
  }),
  'DirectoryAttributeMapping',
  'What an attribute mapping can name, and the mapping in force without overrides',
);

const toConnectionBody = (c: DirectoryConnection) => ({
  ...c,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const toRunBody = (run: SyncRun) => {
  const { tenantId: _tenant, ...rest } = run;
  return {
    ...rest,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    decidedAt: run.decidedAt?.toISOString() ?? null,
  };
};

/**
 * Directory connections and their syncs. The connection and sync services are the container's directory feature
 * (they hold the secret box and the directory sources), bound to the route's transaction with `db`. A sync asked for
 * now is recorded in the route's transaction and run by the entra-sync job on a worker.
 */
export const directoryRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/directory/connections',
    operationId: 'listDirectoryConnections',
    sort: 'oldest first (by creation time)',
    summary: 'List Entra ID connections',
    tags: DIRECTORY_TAGS,
    roles: ANY_ROLE,
    errors: connectionErrors,
    response: {
      status: 200,
      description: 'The connections',
      schema: z.object({ items: z.array(ConnectionSchema) }),
    },
    async handler({ tenantId, container, db }) {
      return {
        items: (await container.directory.connections(db).list(tenantId)).map(toConnectionBody),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/directory/connections',
    operationId: 'createDirectoryConnection',
    summary: 'Connect an Entra ID tenant',
    description:
      'The client secret is stored encrypted and never returned. Syncs start at the next schedule, or now with the sync endpoint.',
    tags: DIRECTORY_TAGS,
    roles: OWNER_ONLY,
    errors: connectionErrors,
    body: connectionInputSchema,
    response: {
      status: 201,
      headers: ['Location'],
      description: 'The new connection',
      schema: ConnectionSchema,
    },
    async handler({ body, tenantId, actor, container, db, setHeader }) {
      const created = await container.directory.connections(db).create(tenantId, body, actor);
      setHeader('Location', `/api/v1/directory/connections/${created.id}`);
      return toConnectionBody(created);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/directory/attribute-mapping',
    operationId: 'getDirectoryAttributeMapping',
    summary: 'The default attribute mapping and what a mapping can name',
    description:
      "A connection's attributeMapping overrides these defaults (null turns one off); directoryOwned names the targets each sync overwrites.",
    tags: DIRECTORY_TAGS,
    roles: ANY_ROLE,
    errors: connectionErrors,
    response: { status: 200, description: 'The mapping vocabulary', schema: AttributeMappingSchema },
    async handler() {
      return {
        defaults: { ...DEFAULT_ATTRIBUTE_MAPPING },
        sources: [...SOURCE_ATTRIBUTES],
        compositeTargets: [...COMPOSITE_TARGETS],
        contactTargets: [...CONTACT_TARGETS],
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/directory/connections/:id',
    operationId: 'getDirectoryConnection',
    summary: 'Read an Entra ID connection',
    tags: DIRECTORY_TAGS,
    roles: ANY_ROLE,
    errors: connectionErrors,
    params: IdParams,
    response: { status: 200, description: 'The connection', schema: ConnectionSchema },
    async handler({ params, tenantId, container, db }) {
      return toConnectionBody(await container.directory.connections(db).get(tenantId, params.id));
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/directory/connections/:id',
    operationId: 'updateDirectoryConnection',
    summary: 'Change an Entra ID connection',
    description:
      'Only the fields sent change. Changing the scoped groups or the Entra tenant makes the next sync a full one that judges every directory user again by the new scope; 409 while a sync is in progress or a run is held for approval.',
    tags: DIRECTORY_TAGS,
    roles: OWNER_ONLY,
    errors: connectionErrors,
    problems: ['directory_sync.already_running', 'directory_sync.held_run_pending'],
    params: IdParams,
    body: connectionUpdateSchema,
    response: { status: 200, description: 'The connection', schema: ConnectionSchema },
    async handler({ params, body, tenantId, actor, container, db }) {
      return toConnectionBody(
        await container.directory.connections(db).update(tenantId, params.id, body, actor),
      );
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/directory/connections/:id',
    operationId: 'deleteDirectoryConnection',
    summary: 'Remove an Entra ID connection',
    description: 'Users and groups it created stay; they are no longer synced.',
    tags: DIRECTORY_TAGS,
    roles: OWNER_ONLY,
    errors: connectionErrors,
    params: IdParams,
    response: {
      status: 200,
      description: 'Removed',
      schema: z.object({ id: z.string(), deleted: z.literal(true) }),
    },
    async handler({ params, tenantId, actor, container, db }) {
      await container.directory.connections(db).delete(tenantId, params.id, actor);
      return { id: params.id, deleted: true as const };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/directory/connections/:id/groups',
    operationId: 'listDirectoryGroups',
    sort: 'by display name, then object id',
    summary: "List the directory's groups, to choose the connection's scope",
    description:
      'Every group the last syncs saw, scoped or not (a sync enumerates all groups and mirrors members of scoped ones only). Empty before the first sync.',
    tags: DIRECTORY_TAGS,
    roles: ANY_ROLE,
    errors: connectionErrors,
    params: IdParams,
    query: z.object({
      search: z.string().trim().max(200).optional().describe('Part of the display name, any case'),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    response: {
      status: 200,
      description: 'The groups',
      schema: z.object({ items: z.array(DirectoryGroupSchema) }),
    },
    async handler({ params, query, tenantId, container, db }) {
      return {
        items: await container.directory.connections(db).directoryGroups(tenantId, params.id, {
          limit: query.limit,
          ...(query.search ? { search: query.search } : {}),
        }),
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/directory/connections/:id/test',
    operationId: 'testDirectoryConnection',
    summary: 'Test an Entra ID connection',
    description:
      'Gets a token and reads one user and one group; on failure says what is wrong (auth.invalid_secret, auth.unknown_tenant, graph.permission_denied, …).',
    tags: DIRECTORY_TAGS,
    roles: OWNER_ONLY,
    errors: connectionErrors,
    // It only reads the connection, then waits on the directory: no transaction is held open across the network.
    transactional: false,
    params: IdParams,
    response: {
      status: 200,
      description: 'The outcome',
      schema: z.object({
        ok: z.boolean(),
        code: z.string().optional(),
        message: z.string().optional(),
        retryable: z.boolean().optional(),
      }),
    },
    async handler({ params, tenantId, container, db }) {
      return container.directory.connections(db).test(tenantId, params.id);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/directory/connections/:id/sync',
    operationId: 'startDirectorySync',
    summary: 'Sync an Entra ID connection now',
    description:
      'Records a run and queues it for a worker; answers with its id at once. Follow it with the runs endpoints. 409 while a run is in progress.',
    tags: DIRECTORY_TAGS,
    roles: OWNER_ONLY,
    errors: connectionErrors,
    problems: ['directory_sync.already_running'],
    params: IdParams,
    response: {
      status: 202,
      headers: ['Location'],
      description: 'The run started',
      schema: z.object({ runId: z.string() }),
    },
    async handler({ params, tenantId, container, db, afterCommit, setHeader }) {
      const runId = await container.directory.sync.request(db, tenantId, params.id, 'api');
      // Queued once the run's record has committed: a worker runs it, whatever happens to this process.
      afterCommit(() =>
        container.jobs.now(entraSyncJob.name, { connectionId: params.id, runId }).catch(async (error) => {
          await container.directory.sync.giveUp(params.id, runId);
          throw error;
        }),
      );
      setHeader('Location', `/api/v1/directory/runs/${runId}`);
      return { runId };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/directory/connections/:id/runs',
    operationId: 'listDirectorySyncRuns',
    sort: 'newest first (by start time, then id)',
    summary: 'List the sync runs of a connection, newest first',
    tags: DIRECTORY_TAGS,
    roles: ANY_ROLE,
    errors: connectionErrors,
    params: IdParams,
    query: RunsQuery,
    response: { status: 200, description: 'The runs', schema: z.object({ items: z.array(RunSchema) }) },
    async handler({ params, query, tenantId, container, db }) {
      await container.directory.connections(db).get(tenantId, params.id);
      return {
        items: (await container.directory.sync.listRuns(tenantId, params.id, query.limit)).map(toRunBody),
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/directory/runs/:id',
    operationId: 'getDirectorySyncRun',
    summary: 'Read a sync run',
    tags: DIRECTORY_TAGS,
    roles: ANY_ROLE,
    errors: runErrors,
    params: IdParams,
    response: { status: 200, description: 'The run', schema: RunSchema },
    async handler({ params, tenantId, container }) {
      return toRunBody(await container.directory.sync.getRun(tenantId, params.id));
    },
  }),
  ...(['approve', 'reject'] as const).map((decision) =>
    defineRoute({
      method: 'post',
      path: `/directory/runs/:id/${decision}`,
      operationId: decision === 'approve' ? 'approveDirectorySyncRun' : 'rejectDirectorySyncRun',
      summary:
        decision === 'approve'
          ? 'Apply the suspensions a held run planned'
          : 'Drop the suspensions a held run planned',
      description:
        decision === 'approve'
          ? 'Suspends each planned user the directory still says should be suspended. Only for runs held by mass-change protection.'
          : 'The users stay as they are until the directory changes them again.',
      tags: DIRECTORY_TAGS,
      roles: OWNER_ONLY,
      errors: runErrors,
      problems: ['directory_sync_run.invalid_state', 'directory_sync.already_running'],
      params: IdParams,
      response: { status: 200, description: 'The run after the decision', schema: RunSchema },
      async handler({ params, tenantId, actor, container, db }) {
        const sync = container.directory.sync;
        return toRunBody(
          decision === 'approve'
            ? await sync.approve(tenantId, params.id, actor, db)
            : await sync.reject(tenantId, params.id, actor, db),
        );
      },
    }),
  ),
  ...reconciliationRoutes,
];
