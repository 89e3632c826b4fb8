import type { Knex } from 'knex';
import { decodeSecretKey, type Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import { SecretBox } from '../directory/secret-box.js';
import type { EventLog } from '../events/event-log.js';
import { Mailer } from '../mail/mailer.js';
import { WebhookSender } from '../webhooks/webhook-sender.js';
import { WebhookService } from '../webhooks/webhook-service.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import { OutboxStore } from './outbox-store.js';

/** Messages out (webhooks, e-mail) as the container exposes them. */
export interface MessagesFeature {
  /** Endpoints, secrets, deliveries and replays on a connection or transaction. */
  webhooks(db: Knex): WebhookService;
  outbox(db: Knex): OutboxStore;
  /** Whether SMTP is configured; without it e-mails wait in the outbox. */
  mailEnabled: boolean;
  /** The delivery loop of a worker process, named `worker` in leases and the attempt log. */
  dispatcher(worker: string): OutboxDispatcher;
  close(): void;
}

export interface MessagesFeatureDeps {
  knex: Knex;
  config: Config;
  logger: Logger;
  eventsOn: (db: Knex) => EventLog;
}

export function createMessagesFeature(deps: MessagesFeatureDeps): MessagesFeature {
  const { config } = deps;
  const secrets = new SecretBox(config.SECRET_KEY ? decodeSecretKey(config.SECRET_KEY) : null);
  const sender = new WebhookSender({
    policy: config.WEBHOOK_ALLOW_TARGETS,
    timeoutMs: config.WEBHOOK_TIMEOUT_SECONDS * 1000,
  });
  const mailer = config.SMTP_URL ? new Mailer(config.SMTP_URL, config.MAIL_FROM) : null;
  return {
    webhooks: (db) =>
      new WebhookService(db, secrets, deps.eventsOn(db), config.WEBHOOK_ALLOW_TARGETS, sender),
    outbox: (db) => new OutboxStore(db),
    mailEnabled: mailer !== null,
    dispatcher: (worker) =>
      new OutboxDispatcher({
        knex: deps.knex,
        logger: deps.logger.child({ component: 'outbox' }),
        settings: {
          batchSize: config.OUTBOX_BATCH_SIZE,
          leaseSeconds: config.OUTBOX_LEASE_SECONDS,
          maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
          retry: {
            baseSeconds: config.OUTBOX_RETRY_BASE_SECONDS,
            maxSeconds: config.OUTBOX_RETRY_MAX_SECONDS,
          },
          endpointFailureLimit: config.WEBHOOK_FAILURE_LIMIT,
          pollMs: config.OUTBOX_POLL_MS,
        },
        secrets,
        webhooks: sender,
        mailer,
        eventsOn: deps.eventsOn,
        worker,
      }),
    close() {
      sender.close();
      mailer?.close();
    },
  };
}
