/**
 * An import worker process for import-restart.test.ts, on DATABASE_URL: the apply-imports job's batches, each in
 * its own transaction as Agenda runs them (BATCH_SIZE rows each).
 * - HOLD_AFTER=n: commits n batches, then applies the next one and stops before its commit, printing
 *   `{"holding":rows,"committed":rows}`: the test kills it there, mid-batch, with its rows locked.
 * - Otherwise: runs batches until none is left, prints `{"processed":rows}` and exits.
 */
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { applyImportsJob } from '../../src/jobs/apply-imports-job.js';
import { runLicensingJob } from '../../src/jobs/licensing-job.js';
import { createLogger } from '../../src/logger.js';

const batchSize = Number(process.env.BATCH_SIZE ?? 50);
const holdAfter = process.env.HOLD_AFTER === undefined ? null : Number(process.env.HOLD_AFTER);
const config = loadConfig({
  DATABASE_URL: process.env.DATABASE_URL,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DB_POOL_MAX: '2',
});
const container = await createContainer(config, createLogger(config.LOG_LEVEL));

if (holdAfter === null) {
  const processed = await runLicensingJob(applyImportsJob, container, { batchSize });
  process.stdout.write(`${JSON.stringify({ processed })}\n`);
  await container.close();
} else {
  let committed = 0;
  for (let i = 0; i < holdAfter; i += 1)
    committed += await applyImportsJob.runBatch(container, { batchSize }, new Date());
  await container.transaction(async (s) => {
    const holding = await s.imports.applyBatch(batchSize);
    process.stdout.write(`${JSON.stringify({ holding, committed })}\n`);
    // The commit never comes: the process waits here, transaction open, until it is killed.
    await new Promise<never>(() => setInterval(() => undefined, 60_000));
  });
}
