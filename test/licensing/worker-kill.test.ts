import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, licensingFixture, type LicensingFixture } from './licensing-fixture.js';

// Worker processes need a database server: the embedded PGlite lives inside one process and cannot be shared.
const serverUrl = process.env.TEST_DATABASE_URL;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ASSIGNMENTS = 240;
const BATCH = 40;

interface WorkerProcess {
  child: ChildProcess;
  /** The worker's first JSON line. */
  report: Promise<Record<string, number>>;
  exit: Promise<NodeJS.Signals | number | null>;
}

function startWorker(databaseUrl: string, env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/licensing/activation-worker.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, BATCH_SIZE: String(BATCH), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const report = new Promise<Record<string, number>>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const complete = output.split('\n').slice(0, -1);
      const line = complete.find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Record<string, number>);
    });
    child.on('exit', (code, signal) =>
      reject(new Error(`worker exited (${signal ?? code}) before reporting: ${output}`)),
    );
  });
  const exit = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, report, exit };
}

let f: LicensingFixture | undefined;
const workers: WorkerProcess[] = [];
afterAll(async () => {
  for (const w of workers)
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  await f?.close();
});

describe.skipIf(!serverUrl)(
  'a worker process killed with SIGKILL mid-batch (runs only with TEST_DATABASE_URL: a second process cannot open the embedded database)',
  () => {
    it(
      'loses and doubles no activation: the open batch rolls back and the other worker activates it, each exactly once',
      { timeout: 120_000 },
      async () => {
        f = await licensingFixture();
        const t = f;
        const knex = t.app.container.database.knex;
        const databaseUrl = t.app.container.config.DATABASE_URL as string;
        await t.buy('cc-pro', ASSIGNMENTS);
        const userIds = await t.tx(async (s) => {
          const ids: string[] = [];
          for (let i = 0; i < ASSIGNMENTS; i += 1) {
            const user = await s.users.create(
              t.tenantId,
              { userName: `killed-batch-${i}@example.com`, active: true, profile: { country: 'SE' } },
              'admin',
              admin,
            );
            ids.push(user.id);
          }
          return ids;
        });
        const dueAt = new Date(Date.now() + 1000);
        await t.tx((s) =>
          s.assignments.assign(t.tenantId, { userIds, product: 'cc-pro', effectiveAt: dueAt }, admin),
        );
        await sleep(Math.max(0, dueAt.getTime() - Date.now()) + 50);

        const count = async (sql: string) =>
          Number(((await knex.raw(sql, [t.tenantId])) as { rows: Array<{ n: string }> }).rows[0]?.n ?? 0);
        const activeRows = () =>
          count("SELECT count(*) AS n FROM license_assignments WHERE tenant_id = ? AND state = 'active'");

        // Worker A commits two batches, then holds the third open: claimed, activated, events written, not committed.
        const a = startWorker(databaseUrl, { HOLD_AFTER: '2' });
        workers.push(a);
        const holding = await a.report;
        expect(holding).toEqual({ committed: 2 * BATCH, holding: BATCH });
        expect(await activeRows()).toBe(2 * BATCH);

        // Worker B claims around A's locked rows and then waits for the seat-inventory lock A holds.
        const b = startWorker(databaseUrl, {});
        workers.push(b);
        const databaseName = new URL(databaseUrl).pathname.slice(1);
        for (let waited = 0; ; waited += 100) {
          const waiting = await knex.raw(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'",
            [databaseName],
          );
          if (Number((waiting as { rows: Array<{ n: string }> }).rows[0]?.n) > 0) break;
          if (waited > 30_000) throw new Error('worker B never waited for worker A');
          await sleep(100);
        }

        a.child.kill('SIGKILL');
        expect(await a.exit).toBe('SIGKILL');
        // A's open batch rolled back whole, so B activates it too: everything A had not committed.
        const { processed } = await b.report;
        expect(await b.exit).toBe(0);
        expect(processed).toBe(ASSIGNMENTS - 2 * BATCH);

        // Every assignment active, each with exactly one activation event, and the seats held are the active rows.
        expect(await activeRows()).toBe(ASSIGNMENTS);
        const perAssignment = (await knex.raw(
          `SELECT a.id, count(e.id) AS n FROM license_assignments a
       LEFT JOIN events e ON e.tenant_id = a.tenant_id AND e.entity_id = a.id AND e.action = 'assignment.activated'
       WHERE a.tenant_id = ? GROUP BY a.id`,
          [t.tenantId],
        )) as { rows: Array<{ id: string; n: string }> };
        expect(perAssignment.rows).toHaveLength(ASSIGNMENTS);
        expect(perAssignment.rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
        const [inventory] = await t.app.container.services.seats.inventory(t.tenantId, {
          productId: (await t.app.container.services.catalog.getProduct(t.tenantId, 'cc-pro')).id,
        });
        expect(inventory).toMatchObject({ held: ASSIGNMENTS, active: ASSIGNMENTS, availableNow: 0 });
      },
    );
  },
);
