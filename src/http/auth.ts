import type { NextFunction, Request, Response } from 'express';
import type { Container } from '../container.js';
import type { TokenIdentity, TokenKind } from '../features/tokens/token-service.js';
import { RateLimiter } from './rate-limiter.js';

export interface Authenticated {
  identity: TokenIdentity;
}

type Reject = (res: Response, status: number, detail: string, headers?: Record<string, string>) => void;

/**
 * Bearer-token authentication and the per-token rate limit. The tenant comes from the token alone; each edge
 * (SCIM, admin API) passes its own way of writing an error body.
 */
export function requireToken(container: Container, kind: TokenKind, reject: Reject) {
  const limiter = new RateLimiter(container.config.RATE_LIMIT_PER_SECOND, container.config.RATE_LIMIT_BURST);
  return async (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1]) {
      reject(res, 401, 'Authentication required: send Authorization: Bearer <token>', {
        'WWW-Authenticate': 'Bearer',
      });
      return;
    }
    const identity = await container.tokenVerifier.verify(match[1]);
    if (!identity || identity.kind !== kind) {
      const detail = identity ? `This is not a ${kind} token` : 'The token is unknown or revoked';
      reject(res, 401, detail, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return;
    }
    const waitSeconds = limiter.take(identity.tokenId);
    if (waitSeconds > 0) {
      reject(res, 429, 'Too many requests for this token; slow down', { 'Retry-After': String(waitSeconds) });
      return;
    }
    (res.locals as Authenticated).identity = identity;
    next();
  };
}
