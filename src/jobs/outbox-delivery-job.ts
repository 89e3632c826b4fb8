import { hostname } from 'node:os';
import type { Container } from '../container.js';

/**
 * Outbox delivery in a worker process. Not an Agenda job: Agenda polls every few seconds, and messages should
 * leave within a second of their commit, so the dispatcher runs its own loop (claims are row leases, so any
 * number of workers share the outbox). OUTBOX_DISPATCH=off leaves it to other workers.
 */
export function startOutboxDelivery(container: Container): () => Promise<void> {
  if (container.config.OUTBOX_DISPATCH === 'off') return async () => undefined;
  const dispatcher = container.messages.dispatcher(`${hostname()}:${process.pid}`);
  dispatcher.start();
  container.logger.info({ mail: container.messages.mailEnabled }, 'outbox delivery started');
  return () => dispatcher.stop();
}
