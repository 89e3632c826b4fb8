import { z } from 'zod';
import { StartupError } from './startup-error.js';

// The only reader of process.env. Parsed once at start-up; a bad value stops the process with a clear message.
const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  /**
   * `seatsync worker` only: a port answering /healthz and /readyz for the orchestrator (workers serve no other
   * HTTP). Unset: no port. `serve` and `start` answer both on PORT.
   */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Where clients reach this service; used for SCIM `meta.location`. Defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** A PostgreSQL server. Without it seatsync runs on an embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: z
    .string()
    .min(1)
    .refine((value) => /^postgres(ql)?:$/.test(urlProtocol(value)), {
      message: 'must be a PostgreSQL URL, postgres://user:password@host:5432/database',
    })
    .optional(),
  DATA_DIR: z.string().default('./data'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Client-side statement timeout; keeps a request from hanging on a stuck database. */
  DB_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /**
   * Every HTTP request is answered within this (a 503 with Retry-After when the work is not done); defaults to
   * DB_QUERY_TIMEOUT_MS.
   */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  /**
   * On SIGTERM: how long in-flight and queued requests get to finish (and jobs to stop) before open connections
   * are cut. Below the orchestrator's kill grace period (Kubernetes: 30 s).
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(25_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Requests per second allowed per token (token bucket); 0 turns rate limiting off. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(200),
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(400),
  /** Seconds a verified token stays cached in a process; revocations are checked for once a second regardless. */
  TOKEN_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  /** Console sessions: ended after this many minutes without a request… */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** …and this many hours after sign-in, whatever the activity. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Largest accepted request body. */
  BODY_LIMIT: z.string().default('1mb'),
  /**
   * Development and tests only: host names (comma-separated, e.g. `127.0.0.1,localhost`) a directory connection's
   * `authorityHost`/`graphBaseUrl` may name besides Microsoft's identity and Graph hosts, over http or https on
   * any port — for the local fake directory. Empty by default: secrets and tokens go to Microsoft only.
   */
  ENTRA_EXTRA_HOSTS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
  /**
   * 32 bytes, base64 or hex (`openssl rand -base64 32`): the AES-256-GCM key for secrets stored at rest (Entra
   * client secrets). Without it seatsync refuses to store such secrets rather than invent a key.
   */
  SECRET_KEY: z
    .string()
    .optional()
    .refine((value) => value === undefined || decodeSecretKey(value) !== null, {
      message: 'must be 32 bytes as base64 (44 characters) or hex (64 characters)',
    }),
  /**
   * Outgoing e-mail over SMTP (`smtp://user:pass@host:587`, `smtps://…` for TLS from the start). Without it
   * e-mail is off: messages wait in the outbox and the admin API says mail is not configured.
   */
  SMTP_URL: z.string().min(1).optional(),
  /** The From address of seatsync's e-mail. */
  MAIL_FROM: z.string().default('seatsync <no-reply@localhost>'),
  /**
   * Webhook targets allowed besides public https addresses: `none` (the default), or `private` to also allow
   * http and loopback or private addresses — for a local receiver in development and tests only.
   */
  WEBHOOK_ALLOW_TARGETS: z.enum(['none', 'private']).default('none'),
  /** A webhook endpoint is disabled after this many failed attempts in a row (no success between). */
  WEBHOOK_FAILURE_LIMIT: z.coerce.number().int().min(1).default(20),
  /** Seconds a webhook request may take before it counts as failed. */
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(15),
  /** Attempts of one outbox message before it is marked failed. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(12),
  /** First retry delay; each further one doubles (with jitter) up to OUTBOX_RETRY_MAX_SECONDS. */
  OUTBOX_RETRY_BASE_SECONDS: z.coerce.number().min(0).default(30),
  OUTBOX_RETRY_MAX_SECONDS: z.coerce
    .number()
    .min(0)
    .default(6 * 3600),
  /** How often an idle worker looks for outbox messages. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).default(1000),
  /** Messages a worker claims and sends at once. */
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  /** How long a claimed message is reserved for its worker; after that another worker takes it over. */
  OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(5).default(60),
  /** Turns the outbox dispatcher off in a worker (e.g. to run dedicated delivery workers). */
  OUTBOX_DISPATCH: z.enum(['on', 'off']).default('on'),
});

function urlProtocol(value: string): string {
  try {
    return new URL(value).protocol;
  } catch {
    return '';
  }
}

/** The 32 key bytes of SECRET_KEY, or null when it is neither 64 hex digits nor base64 of 32 bytes. */
export function decodeSecretKey(value: string): Buffer | null {
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64');
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new StartupError(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

export function publicUrl(config: Config): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
}
