/**
 * A delivery worker process on DATABASE_URL for delivery-kill.test.ts and `npm run bench:webhooks`: the outbox
 * dispatcher as `seatsync worker` runs it (settings from the environment), without the Agenda jobs. Prints
 * `{"ready":true,"worker":…}` once it runs; on SIGTERM finishes its round, prints `{"stopped":true}` and exits.
 */
import { loadConfig } from '../../src/config.js';
import { createContainer } from '../../src/container.js';
import { createLogger } from '../../src/logger.js';

const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
const container = await createContainer(config, createLogger(config.LOG_LEVEL));
const worker = process.env.WORKER_NAME ?? `worker-${process.pid}`;
const dispatcher = container.messages.dispatcher(worker);
dispatcher.start();
process.stdout.write(`${JSON.stringify({ ready: true, worker })}\n`);
process.on('SIGTERM', () => {
  void (async () => {
    await dispatcher.stop();
    await container.close();
    process.stdout.write(`${JSON.stringify({ stopped: true })}\n`);
    process.exit(0);
  })();
});
