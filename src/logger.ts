import { pino, type Logger } from 'pino';

export type { Logger };

// JSON logs on stdout. Authorization headers and bodies never reach the logger: request logs carry ids only.
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'seatsync' },
    redact: { paths: ['req.headers.authorization', '*.token', '*.secret', '*.clientSecret'], remove: true },
  });
}
