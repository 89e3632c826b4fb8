import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';
import { problem } from './admin/admin-problem.js';
import { scimError } from './scim/scim-error.js';

const RETRY_AFTER_SECONDS = 5;

/** Response methods an abandoned handler may still call; after the deadline they do nothing. */
const WRITERS = [
  'status',
  'set',
  'header',
  'setHeader',
  'type',
  'json',
  'send',
  'end',
  'location',
  'write',
  'writeHead',
];

/**
 * Every request is answered within `timeoutMs`: when the handler has not answered by then (a database that stopped
 * answering, a pool whose connections are all waiting), a 503 with Retry-After goes out — a SCIM error under
 * /scim, problem+json elsewhere — and what the handler writes later is dropped. Without this a request could wait
 * for a pool connection and then for its queries, each up to the query timeout, and take twice as long or more.
 * The handler's transaction is not cancelled: it commits or rolls back on its own, so a client that gets this 503
 * does not know whether a write happened, as with any timeout, and retries (a repeated create answers 409).
 */
export function requestDeadline(timeoutMs: number, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      const detail = `No answer within ${timeoutMs} ms: the service is overloaded or cannot reach its database; try again shortly`;
      res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS));
      if (req.originalUrl.startsWith('/scim/'))
        res.type('application/scim+json').send(JSON.stringify(scimError(503, detail)));
      else res.type('application/problem+json').send(JSON.stringify(problem('service.unavailable', detail)));
      logger.warn(
        { requestId: req.id, method: req.method, path: req.path, timeoutMs },
        'request deadline reached',
      );
      const writable = res as unknown as Record<string, unknown>;
      for (const name of WRITERS) writable[name] = () => res;
    }, timeoutMs);
    const clear = () => clearTimeout(timer);
    res.once('finish', clear);
    res.once('close', clear);
    next();
  };
}
