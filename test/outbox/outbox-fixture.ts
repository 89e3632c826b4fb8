import { randomBytes } from 'node:crypto';
import type { OutboxDispatcher } from '../../src/features/outbox/outbox-dispatcher.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** Settings for delivering to local receivers at once: private targets allowed, retries due immediately. */
export const OUTBOX_TEST_CONFIG = {
  SECRET_KEY: randomBytes(32).toString('base64'),
  WEBHOOK_ALLOW_TARGETS: 'private',
  OUTBOX_RETRY_BASE_SECONDS: '0',
  WEBHOOK_TIMEOUT_SECONDS: '5',
};

export async function outboxApp(config: Record<string, string> = {}): Promise<TestApp> {
  return buildTestApp({ ...OUTBOX_TEST_CONFIG, ...config });
}

/** Runs delivery rounds until nothing is due; returns how many attempts were made. */
export async function drain(dispatcher: OutboxDispatcher, maxRounds = 200): Promise<number> {
  let attempts = 0;
  for (let round = 0; round < maxRounds; round += 1) {
    const n = await dispatcher.runOnce();
    if (n === 0) return attempts;
    attempts += n;
  }
  throw new Error(`the outbox still had due messages after ${maxRounds} rounds`);
}
