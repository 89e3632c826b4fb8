import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';
import type { Authenticated } from './auth.js';
import type { HttpMetrics } from './metrics.js';

declare module 'express-serve-static-core' {
  interface Request {
    id: string;
    log: Logger;
  }
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it is sane), a child logger carrying it, and one
 * log line when it ends: method, path, status, time. Never the query string, headers or body — filters carry
 * e-mail addresses and headers carry tokens.
 */
export function requestLogging(logger: Logger, metrics: HttpMetrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    // The child logger is made on first use (most requests at LOG_LEVEL=warn log nothing), and carries the
    // tenant and token ids once authentication has put them in res.locals.
    let child: Logger | undefined;
    Object.defineProperty(req, 'log', {
      configurable: true,
      get: () => (child ??= logger.child({ requestId: req.id, ...identityOf(res) })),
    });
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      metrics.observe(req.method, route, res.statusCode, seconds);
      const level = res.statusCode >= 500 ? 'error' : 'info';
      if (logger.isLevelEnabled(level))
        req.log[level](
          { method: req.method, path: req.path, status: res.statusCode, ms: Math.round(seconds * 1000) },
          'request',
        );
    });
    next();
  };
}

function identityOf(res: Response): { tenantId?: string; tokenId?: string } {
  const identity = (res.locals as Partial<Authenticated>).identity;
  return identity ? { tenantId: identity.tenantId, tokenId: identity.tokenId } : {};
}

/**
 * The route label for metrics: the matched route's template (`/scim/v2/Users/:id`), so ids and made-up paths
 * never create series. A request no route matched (404s, a refused token) is `unmatched`.
 */
function routeOf(req: Request): string {
  const template = (req.route as { path?: unknown } | undefined)?.path;
  return typeof template === 'string' ? `${req.baseUrl}${template}` : 'unmatched';
}
