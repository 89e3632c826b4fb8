import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort, seatsync, type SeatsyncProcess } from './seatsync-process.js';

/** `seatsync worker` with WORKER_HEALTH_PORT: what an orchestrator's health check asks a worker. */
const running: SeatsyncProcess[] = [];
let dataDir = '';
afterAll(async () => {
  for (const p of running)
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(running.map((p) => p.exit));
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function get(port: number, route: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}${route}`);
  return { status: response.status, body: await response.json() };
}

it(
  'answers /healthz at once, /readyz once its job runner runs, nothing else; SIGTERM exits 0',
  { timeout: 180_000 },
  async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'seatsync-worker-health-'));
    const port = await freePort();
    const worker = seatsync(['worker'], {
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      WORKER_HEALTH_PORT: String(port),
    });
    running.push(worker);
    await worker.waitForOutput('worker health port is listening');
    expect(await get(port, '/healthz')).toEqual({ status: 200, body: { status: 'ok', role: 'worker' } });

    let ready = await get(port, '/readyz');
    while (ready.status !== 200) {
      expect(ready.status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 100));
      ready = await get(port, '/readyz');
    }
    expect(ready.body).toEqual({ status: 'ready', role: 'worker', database: 'embedded' });
    // The port serves health only: not the SCIM or admin routes of `serve`.
    expect((await get(port, '/scim/v2/Users')).status).toBe(404);

    worker.child.kill('SIGTERM');
    expect((await worker.exit).code).toBe(0);
  },
);
