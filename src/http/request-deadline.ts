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
 * The deadline is kept for the handler (`deadlineOf`): its transaction runs bounded by it, so the work stops and
 * rolls back when the 503 goes out instead of holding rows after it (db/deadline-bound-transaction.ts).
 */
export function requestDeadline(timeoutMs: number, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.deadline = Date.now() + timeoutMs;
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

/** When the request's answer is due (epoch ms): pass it to `Container.transaction` for the request's work. */
export function deadlineOf(res: Response): number | undefined {
  const { deadline } = res.locals as { deadline?: number };
  return deadline;
}
