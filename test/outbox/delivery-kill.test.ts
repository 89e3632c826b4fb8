import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { newUser, type TestApp } from '../helpers/test-app.js';
import { outboxApp, OUTBOX_TEST_CONFIG } from './outbox-fixture.js';
import { startWebhookReceiver } from './receivers.js';

// Worker processes need a database server: the embedded PGlite lives inside one process and cannot be shared.
const serverUrl = process.env.TEST_DATABASE_URL;
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const USERS = 60;
const BATCH = 15;

function startWorker(databaseUrl: string, name: string) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/outbox/delivery-worker.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...OUTBOX_TEST_CONFIG,
      DATABASE_URL: databaseUrl,
      DB_POOL_MAX: '2',
      LOG_LEVEL: 'silent',
      WORKER_NAME: name,
      OUTBOX_BATCH_SIZE: String(BATCH),
      OUTBOX_LEASE_SECONDS: '5',
      OUTBOX_POLL_MS: '100',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"ready":true')) resolve();
    });
    child.on('exit', (code, signal) =>
      reject(new Error(`worker ${name} exited (${signal ?? code}) before it was ready`)),
    );
  });
  const exit = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, ready, exit };
}

let t: TestApp | undefined;
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await t?.close();
});

describe.skipIf(!serverUrl)(
  'a delivery worker killed with SIGKILL mid-send (runs only with TEST_DATABASE_URL: a second process cannot open the embedded database)',
  () => {
    it(
      "loses nothing: the other worker takes over the dead one's leases; repeats are only what was in flight, by webhook-id",
      { timeout: 120_000 },
      async () => {
        t = await outboxApp();
        const app = t;
        const databaseUrl = app.container.config.DATABASE_URL as string;
        let releaseHeld: () => void = () => undefined;
        const held = new Promise<void>((resolve) => {
          releaseHeld = resolve;
        });
        const secrets: string[] = [];
        // The first batch gets no answer: worker A dies while those requests are in flight.
        const receiver = await startWebhookReceiver({
          secrets: () => secrets,
          answer: (_r, index) => (index < BATCH ? { status: 204, hold: held } : { status: 204 }),
        });
        const created = await app.admin.post('/webhooks/endpoints', {
          url: receiver.url,
          eventTypes: ['user.created'],
          enabled: false,
        });
        secrets.push(created.body.secret);
        for (let i = 0; i < USERS; i += 1)
          expect((await app.scim.post('/Users', newUser(`killed-send-${i}@example.com`))).status).toBe(201);
        // Events of a disabled endpoint are not queued for it; replay puts them in the outbox in one go.
        await app.admin.patch(`/webhooks/endpoints/${created.body.id}`, { enabled: true });
        expect(
          (await app.admin.post(`/webhooks/endpoints/${created.body.id}/replay`, { fromEventId: '1' })).body,
        ).toEqual({
          queued: USERS,
        });

        const a = startWorker(databaseUrl, 'worker-a');
        children.push(a.child);
        await a.ready;
        await receiver.waitFor(BATCH);
        const inFlight = new Set(receiver.received.slice(0, BATCH).map((r) => r.id));
        a.child.kill('SIGKILL');
        expect(await a.exit).toBe('SIGKILL');
        releaseHeld();

        const b = startWorker(databaseUrl, 'worker-b');
        children.push(b.child);
        await b.ready;
        // B delivers the rest at once and A's batch once its leases (5 s) run out.
        await receiver.waitFor(USERS + BATCH);
        b.child.kill('SIGTERM');
        expect(await b.exit).toBe(0);

        const knex = app.container.database.knex;
        const eventIds = (
          await knex('events').where({ tenant_id: app.tenant.tenantId, action: 'user.created' }).pluck('id')
        ).map((id) => `evt_${id}`);
        const ids = receiver.received.map((r) => r.id);
        expect(receiver.received.every((r) => r.verified)).toBe(true);
        expect(new Set(ids)).toEqual(new Set(eventIds));
        const counts = new Map<string, number>();
        for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
        const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
        expect(new Set(repeated)).toEqual(inFlight);
        expect([...counts.values()].every((n) => n <= 2)).toBe(true);

        const rows = await knex('outbox').where({ endpoint_id: created.body.id });
        expect(rows.filter((r) => r.status === 'delivered')).toHaveLength(USERS);
        // A's attempts were counted when it claimed them; only B could log an outcome.
        const log = await knex('outbox_attempts').whereIn(
          'message_id',
          rows.map((r) => r.id),
        );
        expect(log.every((l) => l.worker === 'worker-b' && l.outcome === 'delivered')).toBe(true);
        expect(log.filter((l) => l.attempt === 2)).toHaveLength(BATCH);
        await receiver.close();
      },
    );
  },
);
