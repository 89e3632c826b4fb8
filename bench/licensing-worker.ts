/**
 * One activation worker of `npm run bench:licensing`, run as a child process: the activate-due-assignments job
 * of src/jobs run the way Agenda runs it (runLicensingJob: batches in their own transactions until one comes back
 * short), but started every POLL_MS instead of Agenda's one-minute schedule, so the figure measures the job's
 * throughput across workers rather than where in its minute the schedule happened to be.
 *
 * Env: DATABASE_URL, BATCH_SIZE (default 200), POLL_MS (default 200), DB_POOL_MAX (default 4).
 * Prints `ready`, then on SIGTERM one JSON line with what it handled, and exits.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config.js';
import { createContainer } from '../src/container.js';
import { activateDueAssignmentsJob } from '../src/jobs/activate-due-assignments-job.js';
import { runLicensingJob } from '../src/jobs/licensing-job.js';
import { createLogger } from '../src/logger.js';

const batchSize = Number(process.env.BATCH_SIZE ?? 200);
const pollMs = Number(process.env.POLL_MS ?? 200);
const config = loadConfig({
  DATABASE_URL: process.env.DATABASE_URL,
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  DB_POOL_MAX: process.env.DB_POOL_MAX ?? '4',
});
const container = await createContainer(config, createLogger(config.LOG_LEVEL));

let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

let processed = 0;
let runs = 0;
let firstAt: number | null = null;
let lastAt: number | null = null;
console.log('ready');
while (!stopping) {
  const handled = await runLicensingJob(activateDueAssignmentsJob, container, { batchSize });
  runs += 1;
  if (handled > 0) {
    processed += handled;
    firstAt ??= Date.now();
    lastAt = Date.now();
  } else {
    await sleep(pollMs);
  }
}
await container.close();
console.log(JSON.stringify({ pid: process.pid, processed, runs, firstAt, lastAt }));
process.exit(0);
