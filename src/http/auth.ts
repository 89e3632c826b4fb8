import type { NextFunction, Request, Response } from 'express';
import type { Container } from '../container.js';
import type { TokenIdentity, TokenKind } from '../features/tokens/token-service.js';
import { RateLimiter } from './rate-limiter.js';

export interface Authenticated {
  identity: TokenIdentity;
}

type Reject = (res: Response, status: number, detail: string, headers?: Record<string, string>) => void;

/**
 * Another way to authenticate a request that carries no bearer token (the console's session cookie): it applies
 * when the request carries its credential, and answers the identity, or undefined once it has answered the
 * request itself.
 */
export interface AlternativeAuthentication {
  applies(req: Request): boolean;
  authenticate(req: Request, res: Response): Promise<TokenIdentity | undefined>;
}

/**
 * Bearer-token authentication and the per-token rate limit. The tenant comes from the token alone; each edge
 * (SCIM, admin API) passes its own way of writing an error body. A request without a bearer token may be
 * authenticated by `alternative` (the admin API's console sessions); it is rate-limited as its token.
 */
export function requireToken(
  container: Container,
  kind: TokenKind,
  reject: Reject,
  alternative?: AlternativeAuthentication,
) {
  const limiter = new RateLimiter(container.config.RATE_LIMIT_PER_SECOND, container.config.RATE_LIMIT_BURST);
  const admit = (identity: TokenIdentity, res: Response, next: NextFunction) => {
    const waitSeconds = limiter.take(identity.tokenId);
    if (waitSeconds > 0) {
      reject(res, 429, 'Too many requests for this token; slow down', { 'Retry-After': String(waitSeconds) });
      return;
    }
    (res.locals as Authenticated).identity = identity;
    next();
  };
  return async (req: Request, res: Response, next: NextFunction) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1] && req.headers.authorization === undefined && alternative?.applies(req)) {
      try {
        const identity = await alternative.authenticate(req, res);
        if (identity) admit(identity, res, next);
      } catch (error) {
        next(error);
      }
      return;
    }
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
    admit(identity, res, next);
  };
}
