import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { z } from 'zod';
import type { Container } from '../../container.js';
import type { TokenIdentity } from '../../features/tokens/token-service.js';
import {
  csrfTokenMatches,
  type ConsoleSession,
  type SessionService,
} from '../../features/sessions/session-service.js';
import { rejectHostileInput } from '../hostile-input.js';
import { deadlineOf } from '../request-deadline.js';
import { problem, toProblem, type MappedProblem, type Problem } from './admin-problem.js';

/** The cookie that carries a console session's secret. */
export const SESSION_COOKIE = 'seatsync_session';
/** The header a cookie-authorised request that changes something must carry (the session's CSRF token). */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const SignInBody = z.strictObject({ token: z.string().min(1).max(200) });

const SessionInfo = z.object({
  tenant: z.object({ id: z.string(), name: z.string() }),
  role: z.enum(['owner', 'license_admin', 'read_only', 'operator']).nullable(),
  tokenId: z.string(),
  tokenLabel: z.string().nullable(),
  session: z
    .object({
      id: z.string(),
      csrfToken: z.string().describe('Send it in X-CSRF-Token with every request other than GET'),
      idleExpiresAt: z.string(),
      absoluteExpiresAt: z.string(),
    })
    .nullable()
    .describe('null when the request was made with a bearer token'),
});

export interface SessionLocals {
  /** Set when the request was authorised by a console session rather than a bearer token. */
  session?: ConsoleSession;
}

type SendProblem = (res: Response, mapped: MappedProblem) => void;

/**
 * Console sign-in, mounted before the bearer-token check: `POST /session` exchanges an admin token for a session
 * cookie (httpOnly, SameSite=Strict, Secure behind https). The token never reaches the browser's storage: the
 * console sends it once and holds only the cookie, which scripts cannot read.
 */
export function sessionSignIn(container: Container, publicUrl: string, send: SendProblem): Router {
  const router = Router();
  router.post(
    '/session',
    express.json({ limit: '4kb', type: ['application/json', 'application/*+json'] }),
    rejectHostileInput,
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        // A form posted from another site cannot send JSON without a preflight: sign-in takes JSON only.
        if (!req.is(['application/json', 'application/*+json'])) {
          send(
            res,
            known(problem('request.unsupported_media_type', 'Sign in with a JSON body: {"token": "…"}')),
          );
          return;
        }
        const body = SignInBody.safeParse(req.body);
        if (!body.success) {
          send(res, toProblem(body.error));
          return;
        }
        const identity = await container.tokenVerifier.verify(body.data.token);
        if (!identity || identity.kind !== 'admin') {
          send(
            res,
            known(problem('auth.unauthorized', 'The token is unknown, revoked or not an admin token')),
          );
          return;
        }
        const { secret, session } = await container.transaction(
          (_s, db) => container.sessions(db).start(identity),
          { deadline: deadlineOf(res) },
        );
        res
          .status(201)
          .set('Set-Cookie', sessionCookie(secret, publicUrl, session.absoluteExpiresAt))
          .json(await describeSession(container, identity, session));
      } catch (error) {
        next(error);
      }
    },
  );
  router.use('/session', (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const mapped = toProblem(error);
    if (mapped.internal) req.log.error({ err: error }, 'console sign-in failed');
    send(res, mapped);
  });
  return router;
}

/**
 * The cookie half of admin authentication: finds the session, ends it when it has expired or its token was
 * revoked, requires the CSRF header on every state-changing request, and moves the idle expiry on. Answers the
 * identity the request acts as, or undefined once it has answered the request itself.
 */
export function sessionAuthentication(container: Container, publicUrl: string, send: SendProblem) {
  let pooled: SessionService | undefined;
  return {
    applies: (req: Request) => sessionSecret(req) !== undefined,
    async authenticate(req: Request, res: Response): Promise<TokenIdentity | undefined> {
      pooled ??= container.sessions(container.database.knex);
      const found = await pooled.lookup(sessionSecret(req) ?? '');
      if (found.state !== 'running') {
        if (found.state === 'ended' && !found.alreadyEnded) {
          await container.transaction((_s, db) => container.sessions(db).end(found.sessionId, found.reason), {
            deadline: deadlineOf(res),
          });
        }
        const why = found.state === 'ended' ? ENDED[found.reason] : 'The session is unknown';
        res.set('Set-Cookie', clearedCookie(publicUrl));
        send(res, known(problem('auth.session_ended', `${why}; sign in again`)));
        return undefined;
      }
      const { session } = found;
      if (!SAFE_METHODS.has(req.method) && !csrfTokenMatches(session, req.get(CSRF_HEADER))) {
        send(
          res,
          known(
            problem(
              'auth.csrf_failed',
              `A ${req.method} with the session cookie must carry the session's CSRF token in ${CSRF_HEADER}`,
            ),
          ),
        );
        return undefined;
      }
      if (found.touch) await pooled.touch(session.id);
      (res.locals as SessionLocals).session = session;
      return session.identity;
    },
  };
}

/** `GET /session` and `DELETE /session`, mounted after authentication: who is signed in, and sign-out. */
export function sessionRoutes(container: Container, publicUrl: string, send: SendProblem): Router {
  const router = Router();
  router.get('/session', async (_req, res, next) => {
    try {
      const { identity, session } = res.locals as SessionLocals & { identity: TokenIdentity };
      res.json(await describeSession(container, identity, session));
    } catch (error) {
      next(error);
    }
  });
  router.delete('/session', async (_req, res, next) => {
    try {
      const { session } = res.locals as SessionLocals;
      if (!session) {
        send(
          res,
          known(problem('validation.failed', 'Only a console session can sign out; revoke a token instead')),
        );
        return;
      }
      await container.transaction((_s, db) => container.sessions(db).end(session.id, 'signed_out'), {
        deadline: deadlineOf(res),
      });
      res.status(204).set('Set-Cookie', clearedCookie(publicUrl)).end();
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/** What the console shows of who is signed in; the CSRF token only to the session's own browser. */
async function describeSession(
  container: Container,
  identity: TokenIdentity,
  session: ConsoleSession | undefined,
) {
  const [tenant, token] = await Promise.all([
    container.services.tenants.get(identity.tenantId),
    container.services.tokens.get(identity.tenantId, identity.tokenId),
  ]);
  return {
    tenant: { id: tenant.id, name: tenant.name },
    role: identity.role,
    tokenId: identity.tokenId,
    tokenLabel: token.label,
    session: session
      ? {
          id: session.id,
          csrfToken: session.csrfToken,
          idleExpiresAt: session.idleExpiresAt.toISOString(),
          absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
        }
      : null,
  };
}

const ENDED = {
  signed_out: 'The session was signed out',
  idle: 'The session ended after a time without activity',
  expired: 'The session reached its maximum length',
  revoked: 'The token the session was opened with was revoked',
} as const;

const known = (p: Problem): MappedProblem => ({ problem: p, headers: {}, internal: false });

function sessionSecret(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const value = parseCookies(header)[SESSION_COOKIE];
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
}

function sessionCookie(secret: string, publicUrl: string, expires: Date): string {
  return serializeCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure: publicUrl.startsWith('https://'),
    path: '/',
    expires,
  });
}

function clearedCookie(publicUrl: string): string {
  return serializeCookie(SESSION_COOKIE, '', {
    httpOnly: true,
    sameSite: 'strict',
    secure: publicUrl.startsWith('https://'),
    path: '/',
    expires: new Date(0),
  });
}

/** The session endpoints in the OpenAPI document (they sit outside the route definitions: sign-in has no token). */
export function sessionPaths(): Record<string, Record<string, unknown>> {
  const problemResponse = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  });
  const info = {
    description: 'Who is signed in',
    content: { 'application/json': { schema: z.toJSONSchema(SessionInfo, { io: 'output' }) } },
  };
  return {
    '/session': {
      post: {
        operationId: 'signIn',
        summary: 'Sign in to the console with an admin token',
        description:
          'Answers with a session cookie (httpOnly, SameSite=Strict; Secure behind https) that authorises later ' +
          'requests; the answer carries the CSRF token those requests must send in X-CSRF-Token.',
        tags: ['Session'],
        security: [],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: z.toJSONSchema(SignInBody, { io: 'input' }) } },
        },
        responses: {
          '201': info,
          '400': problemResponse('Invalid body'),
          '401': problemResponse('Unknown token'),
        },
      },
      get: {
        operationId: 'getSession',
        summary: 'Who is signed in: tenant, role, token and the session’s expiries',
        tags: ['Session'],
        responses: { '200': info, '401': problemResponse('Not signed in, or the session ended') },
      },
      delete: {
        operationId: 'signOut',
        summary: 'Sign out: ends the session and clears its cookie',
        tags: ['Session'],
        responses: {
          '204': { description: 'Signed out' },
          '401': problemResponse('Not signed in, or the session ended'),
        },
      },
    },
  };
}
