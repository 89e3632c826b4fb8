import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request } from 'node:http';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, seatsync, type SeatsyncProcess } from './seatsync-process.js';

/**
 * Real `seatsync` processes: start-up traps, the embedded data directory's lock and the SIGTERM drain. Each
 * process boots the TypeScript sources, which takes seconds on a busy machine: the timeouts wait for output, not
 * for a guessed duration.
 */
const running: SeatsyncProcess[] = [];
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'seatsync-process-'));
  dirs.push(dir);
  return dir;
};
const run = (args: string[], env: Record<string, string>) => {
  const p = seatsync(args, env);
  running.push(p);
  return p;
};
afterAll(async () => {
  for (const p of running)
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(running.map((p) => p.exit));
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const PROCESS_TEST = { timeout: 180_000 };
// Six seatsync processes one after the other (an owner, three refused, two CLI runs): at a load average near 20
// each boot (tsx compiling the app) took about 30 s, and the one-process guard above was taken for a hang.
const SIX_PROCESSES_TEST = { timeout: 600_000 };

describe('start-up traps', () => {
  it('DATABASE_URL=notaurl names the setting and exits 1', PROCESS_TEST, async () => {
    const p = run(['migrate'], { DATABASE_URL: 'notaurl' });
    expect((await p.exit).code).toBe(1);
    expect(p.stderr()).toMatch(/Invalid configuration: DATABASE_URL: must be a PostgreSQL URL/);
    expect(p.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('migrate reports what it applied, then that nothing is left', PROCESS_TEST, async () => {
    const dataDir = await tempDir();
    const first = run(['migrate'], { DATA_DIR: dataDir });
    expect((await first.exit).code).toBe(0);
    expect(first.stdout()).toMatch(/^Applied: 2026\d+_tenants_and_tokens/m);
    const second = run(['migrate'], { DATA_DIR: dataDir });
    expect((await second.exit).code).toBe(0);
    expect(second.stdout()).toMatch(/Database is up to date/);
  });

  describe('a port already in use', () => {
    let blocker: Server;
    let port: number;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      port = (blocker.address() as { port: number }).port;
    });
    afterAll(() => new Promise((resolve) => blocker.close(resolve)));

    it('stops `start` with a clear message and exit 1, releasing DATA_DIR', PROCESS_TEST, async () => {
      const dataDir = await tempDir();
      const p = run(['start'], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
      expect((await p.exit).code).toBe(1);
      expect(p.stderr()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(p.stdout()).not.toContain('seatsync is listening');
      expect(existsSync(path.join(dataDir, 'seatsync.lock'))).toBe(false);
    });
  });
});

describe('operator commands', () => {
  it(
    'give owner tokens a contact e-mail (other roles are refused one: test/outbox/mail.test.ts)',
    PROCESS_TEST,
    async () => {
      const dataDir = await tempDir();
      const tenant = run(['tenant', 'create', 'acme', '--email', 'first.owner@example.com', '--json'], {
        DATA_DIR: dataDir,
      });
      expect((await tenant.exit).code, tenant.stderr()).toBe(0);
      const owner = run(
        [
          'token',
          'create',
          '--tenant',
          'acme',
          '--kind',
          'admin',
          '--email',
          'ops.lead@example.com',
          '--json',
        ],
        { DATA_DIR: dataDir },
      );
      expect((await owner.exit).code, owner.stderr()).toBe(0);
      expect(JSON.parse(owner.stdout())).toMatchObject({ role: 'owner', email: 'ops.lead@example.com' });
    },
  );
});

describe('one process per embedded DATA_DIR', () => {
  it(
    "a second start, serve or worker refuses; the CLI goes through the owner's socket; SIGTERM releases it",
    SIX_PROCESSES_TEST,
    async () => {
      const dataDir = await tempDir();
      const port = await freePort();
      const owner = run(['start'], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
      await owner.waitForOutput('seatsync is listening');
      for (const role of ['start', 'serve', 'worker']) {
        const second = run([role], { DATA_DIR: dataDir, PORT: String(await freePort()), HOST: '127.0.0.1' });
        expect((await second.exit).code, role).toBe(1);
        expect(second.stderr()).toContain(`is in use by seatsync process ${owner.child.pid}`);
      }
      const cli = run(['tenant', 'create', 'through-socket', '--json'], { DATA_DIR: dataDir });
      expect((await cli.exit).code).toBe(0);
      expect(JSON.parse(cli.stdout())).toMatchObject({ tenantId: expect.any(String) });

      owner.child.kill('SIGTERM');
      expect((await owner.exit).code).toBe(0);
      expect(existsSync(path.join(dataDir, 'seatsync.lock'))).toBe(false);
      // The next owner finds what the first one acknowledged.
      const next = run(['tenant', 'create', 'through-socket', '--json'], { DATA_DIR: dataDir });
      expect((await next.exit).code).toBe(1);
      expect(next.stderr()).toMatch(/already exists|taken|exists/i);
    },
  );
});

describe('SIGTERM drains', () => {
  it('answers every request it has received, queued ones included, then exits 0', PROCESS_TEST, async () => {
    const dataDir = await tempDir();
    const port = await freePort();
    const p = run(['start'], {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_SECOND: '0',
    });
    await p.waitForOutput('SCIM token (Secret Token):');
    const token = /SCIM token \(Secret Token\):\s+(\S+)/.exec(p.stdout())?.[1] as string;
    const agent = new Agent({ keepAlive: true, maxSockets: 40 });
    const post = (i: number) =>
      new Promise<number>((resolve, reject) => {
        const body = JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: `drain-${i}@example.com`,
        });
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path: '/scim/v2/Users',
            method: 'POST',
            agent,
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const first = post(0);
    const rest = Array.from({ length: 39 }, (_, i) => post(i + 1));
    // Once one answer is back the others are in flight or waiting for the (single) embedded connection.
    expect(await first).toBe(201);
    p.child.kill('SIGTERM');
    const statuses = await Promise.all(rest);
    expect(statuses).toEqual(Array.from({ length: 39 }, () => 201));
    expect((await p.exit).code).toBe(0);
    agent.destroy();
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  'serve on a database nobody migrated (TEST_DATABASE_URL only)',
  () => {
    const server = process.env.TEST_DATABASE_URL as string;
    const name = `seatsync_unmigrated_${Math.random().toString(36).slice(2, 10)}`;
    const admin = knexFactory({ client: 'pg', connection: server, pool: { min: 0, max: 1 } });
    beforeAll(() => admin.raw(`CREATE DATABASE ${name}`));
    afterAll(async () => {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    });

    it(
      'answers /healthz 200 and /readyz 503 naming the pending migrations instead of crashing',
      PROCESS_TEST,
      async () => {
        const url = new URL(server);
        url.pathname = `/${name}`;
        const port = await freePort();
        const p = run(['serve'], { DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1' });
        await p.waitForOutput('seatsync is listening');
        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(health.status).toBe(200);
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect(ready.status).toBe(503);
        expect(await ready.json()).toMatchObject({
          reason: expect.stringContaining('migrations are pending'),
        });
        p.child.kill('SIGTERM');
        expect((await p.exit).code).toBe(0);
      },
    );
  },
);
