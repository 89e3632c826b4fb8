import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '../../src/container.js';
import { applyImportsJob } from '../../src/jobs/apply-imports-job.js';
import { runLicensingJob } from '../../src/jobs/licensing-job.js';
import { createLogger } from '../../src/logger.js';
import { adminClient } from '../helpers/test-app.js';
import { licensingFixture, type LicensingFixture } from '../licensing/licensing-fixture.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ROWS = 60;
const BATCH = 10;

let f: LicensingFixture;
let api: ReturnType<typeof adminClient>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  f = await licensingFixture();
  api = adminClient(f.app.app, f.app.tenant.adminToken);
  await f.buy('cc-pro', 2 * ROWS);
});
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await f.close();
});

/** Uploads and queues an import of ROWS new users with a cc-pro license each. */
async function queuedImport(prefix: string): Promise<string> {
  const csv = [
    'email,first_name,products',
    ...Array.from({ length: ROWS }, (_v, i) => `${prefix}-${i}@restart.example,U${i},cc-pro`),
  ];
  const dry = await api.post('/imports', Buffer.from(csv.join('\n')), { 'Content-Type': 'text/csv' });
  expect(dry.body.import.summary.valid).toBe(ROWS);
  expect((await api.post(`/imports/${dry.body.import.id}/apply`)).status).toBe(202);
  return dry.body.import.id as string;
}

/** Each row applied exactly once: one user, one creation event and one active license per row. */
async function expectAppliedOnce(importId: string, prefix: string) {
  const knex = f.app.container.database.knex;
  const users = await knex('users')
    .where({ tenant_id: f.tenantId })
    .where('user_name', 'like', `${prefix}-%`)
    .count();
  expect(Number(users[0]!.count)).toBe(ROWS);
  const created = await knex('events')
    .where({ tenant_id: f.tenantId, import_id: importId, action: 'user.created' })
    .count();
  expect(Number(created[0]!.count)).toBe(ROWS);
  const active = await knex('license_assignments as a')
    .join('users as u', 'u.id', 'a.user_id')
    .where('u.user_name', 'like', `${prefix}-%`)
    .where('a.state', 'active')
    .count();
  expect(Number(active[0]!.count)).toBe(ROWS);
  const done = (await api.get(`/imports/${importId}`)).body;
  expect(done).toMatchObject({ status: 'completed', progress: { total: ROWS, done: ROWS, failed: 0 } });
}

describe('an import survives a worker restart mid-import', () => {
  it(
    'a batch that dies before its commit is applied by the restarted worker, each row once',
    { timeout: 120_000 },
    async () => {
      const second = await queuedImport('restarted');
      await applyImportsJob.runBatch(f.app.container, { batchSize: BATCH }, new Date());
      // The worker dies with its second batch applied but not committed: everything in it rolls back.
      await expect(
        f.app.container.transaction(async (s) => {
          expect(await s.imports.applyBatch(BATCH)).toBe(BATCH);
          throw new Error('worker killed');
        }),
      ).rejects.toThrow('worker killed');
      expect((await api.get(`/imports/${second}`)).body.progress.done).toBe(BATCH);
      // A new worker (a new container on the same database) picks up from the first pending row.
      const restarted = await createContainer(f.app.container.config, createLogger('silent'), {
        database: f.app.container.database,
      });
      const processed = await runLicensingJob(applyImportsJob, restarted, { batchSize: BATCH });
      expect(processed).toBe(ROWS - BATCH);
      await expectAppliedOnce(second, 'restarted');
    },
  );

  it.skipIf(!serverUrl)(
    'a worker process killed with SIGKILL mid-batch loses and doubles no row (server database only)',
    { timeout: 120_000 },
    async () => {
      const importId = await queuedImport('killed');
      const databaseUrl = f.app.container.config.DATABASE_URL as string;
      const start = (env: Record<string, string>) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'test/files/import-worker.ts'], {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: databaseUrl, BATCH_SIZE: String(BATCH), ...env },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        children.push(child);
        const report = new Promise<Record<string, number>>((resolve, reject) => {
          let out = '';
          child.stdout?.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            const line = out.split('\n').find((l) => l.startsWith('{') && out.includes('}\n'));
            if (line) resolve(JSON.parse(line) as Record<string, number>);
          });
          child.on('exit', (code, signal) => reject(new Error(`worker exited (${signal ?? code}): ${out}`)));
        });
        const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
        return { child, report, exit };
      };
      const a = start({ HOLD_AFTER: '2' });
      expect(await a.report).toEqual({ committed: 2 * BATCH, holding: BATCH });
      a.child.kill('SIGKILL');
      expect(await a.exit).toBe('SIGKILL');
      const b = start({});
      expect(await b.report).toEqual({ processed: ROWS - 2 * BATCH });
      expect(await b.exit).toBe(0);
      await expectAppliedOnce(importId, 'killed');
    },
  );
});
