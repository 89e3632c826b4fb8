import { randomBytes } from 'node:crypto';
import type supertest from 'supertest';
import { expect, vi } from 'vitest';
import { startEntraTestFixture, type EntraTestFixture } from '../../connectors/entra/entra-test-fixture.js';
import { FakeDirectory } from '../../connectors/fake-graph/fake-directory.js';
import type { FakeGraphOptions } from '../../connectors/fake-graph/fake-graph.js';
import { createContainer, type Container } from '../../src/container.js';
import type {
  ConnectionInput,
  DirectoryConnection,
} from '../../src/features/directory/directory-connection.js';
import type { SyncRun } from '../../src/features/directory/sync-run-store.js';
import { createLogger } from '../../src/logger.js';
import { createTenant } from '../../src/operator.js';
import { createTestDatabase } from '../helpers/test-db.js';
import { TEST_TIMEOUT_MS } from '../helpers/test-timeouts.js';
import { defineConnectionJob } from '../../src/jobs/connection-job.js';
import { connectionJobs } from '../../src/jobs/connection-jobs.js';

export const TEST_SECRET_KEY = randomBytes(32).toString('base64');

/** One database and container for a test file; Graph fakes and tenants are made per test. */
export interface DirectoryTestContext {
  container: Container;
  /** Waits the Graph retry layer asked for, in milliseconds (tests never sleep). */
  sleeps: number[];
  close(): Promise<void>;
}

export async function startDirectoryTests(
  config: Record<string, string> = {},
): Promise<DirectoryTestContext> {
  const { database, config: parsed } = await createTestDatabase({ SECRET_KEY: TEST_SECRET_KEY, ...config });
  const sleeps: number[] = [];
  const container = await createContainer(parsed, createLogger(parsed.LOG_LEVEL), {
    database,
    entraClientOptions: {
      pageSize: 50,
      retry: {
        maxAttempts: 3,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
    },
  });
  return { container, sleeps, close: () => container.close() };
}

export interface SyncScenario {
  tenantId: string;
  tenantName: string;
  /** An owner token of the tenant for the admin API. */
  adminToken: string;
  graph: EntraTestFixture;
  connection: DirectoryConnection;
  /** Runs a sync now and returns its record (fails the test when the connection is busy). */
  sync(touch?: () => Promise<void>): Promise<SyncRun>;
  close(): Promise<void>;
}

/** A tenant, a fake Graph with the given directory, and a connection pointing at it. */
export async function startScenario(
  ctx: DirectoryTestContext,
  graphOptions: FakeGraphOptions,
  connection: Partial<ConnectionInput> = {},
): Promise<SyncScenario> {
  const graph = await startEntraTestFixture(graphOptions);
  const tenantName = `t-${randomBytes(4).toString('hex')}`;
  const tenant = await createTenant(ctx.container, tenantName);
  const created = await ctx.container.database.knex.transaction((trx) =>
    ctx.container.directory.connections(trx).create(
      tenant.tenantId,
      {
        name: 'Contoso Entra',
        entraTenantId: graph.config.tenantId,
        clientId: graph.config.clientId,
        clientSecret: graph.config.clientSecret,
        authorityHost: graph.url,
        graphBaseUrl: graph.url,
        ...connection,
      },
      { type: 'cli' },
    ),
  );
  return {
    tenantId: tenant.tenantId,
    tenantName,
    adminToken: tenant.adminToken,
    graph,
    connection: created,
    async sync(touch) {
      const outcome = await ctx.container.directory.sync.run(created.id, {
        trigger: 'test',
        ...(touch ? { touch } : {}),
      });
      if (outcome.status !== 'done') throw new Error('connection busy');
      return outcome.run;
    },
    close: () => graph.close(),
  };
}

/** Five people, two groups: Sales (ada, bo, cy) and Support (di); eve is in no group. */
export function smallDirectory() {
  const directory = new FakeDirectory();
  const add = (login: string, extra: Record<string, unknown> = {}) =>
    directory.addUser({
      userPrincipalName: `${login}@contoso.example`,
      mail: `${login}@contoso.example`,
      givenName: login[0]?.toUpperCase() + login.slice(1),
      surname: 'Tester',
      displayName: `${login} Tester`,
      jobTitle: 'Agent',
      businessPhones: ['+46 8 555 00 00'],
      ...extra,
    });
  const ada = add('ada');
  const bo = add('bo', { mobilePhone: '+46 70 111 11 11' });
  const cy = add('cy');
  const di = add('di');
  const eve = add('eve');
  const sales = directory.createGroup({ displayName: 'Sales' }, [ada.id, bo.id, cy.id]);
  const support = directory.createGroup({ displayName: 'Support' }, [di.id]);
  return { directory, ada, bo, cy, di, eve, sales, support };
}

/**
 * A job worker in this process for the per-connection jobs only (what the admin API queues), on the container's job
 * queue. Stopped by the test; other jobs are not defined, so nothing else runs meanwhile.
 */
export async function startConnectionWorker(container: Container): Promise<{ stop(): Promise<void> }> {
  for (const job of connectionJobs) defineConnectionJob(container.jobs.agenda, container, job);
  await container.jobs.start();
  return { stop: () => container.jobs.close() };
}

/** Polls a run (sync or reconciliation) through the admin API until it is no longer running; returns its body. */
export async function waitForRun(
  api: supertest.Agent | ReturnType<typeof supertest>,
  auth: Record<string, string>,
  path: string,
): Promise<{ id: string; status: string } & Record<string, unknown>> {
  return vi.waitFor(
    async () => {
      const res = await api.get(path).set(auth);
      expect(res.status).toBe(200);
      expect(res.body.status).not.toBe('running');
      return res.body as { id: string; status: string } & Record<string, unknown>;
    },
    // A run ends by itself (success, failure or give-up); only a hung one meets the guard.
    { timeout: TEST_TIMEOUT_MS, interval: 50 },
  );
}
