import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Container } from '../../container.js';
import { requireToken, type Authenticated } from '../auth.js';
import { rejectHostileInput } from '../hostile-input.js';
import { deadlineOf } from '../request-deadline.js';
import { problem, toProblem, type MappedProblem, type Problem } from './admin-problem.js';
import { adminRoutes } from './admin-routes.js';
import { sessionAuthentication, sessionRoutes, sessionSignIn } from './console-session.js';
import { ambiguousPaths } from './ambiguous-paths.js';
import type { AdminRoute, FileDownload } from './define-route.js';
import { openApiDocument } from './openapi-document.js';

const PROBLEM_JSON = 'application/problem+json';

/**
 * The admin REST API, mounted at `/api/v1`. Every route comes from a definition in `adminRoutes` (see
 * define-route.ts); this file only wires them into express: body parsing, the admin token, the error mapper.
 */
export function adminRouter(
  container: Container,
  baseUrl: string,
  routes: readonly AdminRoute[] = adminRoutes,
): Router {
  const router = Router();
  assertUniqueRoutes(routes);

  // The document describes the API, not the tenant: served without a token so tools can fetch it.
  let document: Record<string, unknown> | undefined;
  router.get('/openapi.json', (_req, res) => {
    document ??= openApiDocument(routes, `${baseUrl}/api/v1`);
    res.json(document);
  });

  // Console sign-in takes an admin token in its body; every other route takes a bearer token or the session.
  router.use(sessionSignIn(container, baseUrl, sendProblem));
  router.use(
    requireToken(
      container,
      'admin',
      (res, status, detail, headers) => {
        sendProblem(res, {
          problem: problem(status === 429 ? 'rate_limit.exceeded' : 'auth.unauthorized', detail),
          headers: headers ?? {},
          internal: false,
        });
      },
      sessionAuthentication(container, baseUrl, sendProblem),
    ),
  );
  router.use(sessionRoutes(container, baseUrl, sendProblem));
  router.use(
    express.json({ limit: container.config.BODY_LIMIT, type: ['application/json', 'application/*+json'] }),
  );
  router.use(rejectHostileInput);

  for (const route of routes) {
    router[route.method](route.path, ...bodyParsers(route), async (req: Request, res: Response) => {
      try {
        const { identity } = res.locals as Authenticated;
        const result = await route.invoke(
          {
            params: req.params,
            query: req.query,
            headers: req.headers,
            body: req.body,
            deadline: deadlineOf(res),
          },
          container,
          identity,
        );
        if (route.response.file) return sendFile(req, res, result.status, result.body as FileDownload);
        res.status(result.status).set(result.headers).json(result.body);
      } catch (error) {
        const mapped = toProblem(error, route.errors);
        if (mapped.internal)
          req.log.error({ err: error, operationId: route.operationId }, 'admin API request failed');
        sendProblem(res, mapped);
      }
    });
  }

  router.use((req: Request, res: Response) => {
    sendProblem(res, {
      problem: problem('route.not_found', `No admin API endpoint ${req.method} ${req.baseUrl}${req.path}`),
      headers: {},
      internal: false,
    });
  });
  // Errors before a route runs: a body that is not JSON or is too large.
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const mapped = toProblem(error);
    if (mapped.internal) req.log.error({ err: error }, 'admin API request failed');
    sendProblem(res, mapped);
  });
  return router;
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * A route's body: an upload route takes the raw bytes of the media types it lists (up to its limit); a JSON route
 * refuses a body of another type with 415 instead of reading it as missing.
 */
function bodyParsers(route: AdminRoute) {
  const accepted = route.upload?.mediaTypes ?? JSON_TYPES;
  const check = (req: Request, res: Response, next: NextFunction) => {
    if (!route.schemas.body || !requestHasBody(req) || req.is([...accepted])) return next();
    sendProblem(res, {
      problem: problem(
        'request.unsupported_media_type',
        `This endpoint takes ${accepted.join(', ')}, not ${req.get('content-type') ?? 'a body without a Content-Type'}`,
      ),
      headers: {},
      internal: false,
    });
  };
  if (!route.upload) return [check];
  return [check, express.raw({ type: [...route.upload.mediaTypes], limit: route.upload.maxBytes })];
}

const requestHasBody = (req: Request) =>
  req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;

/** Streams a download; a failure after the headers went out can only cut the response short. */
function sendFile(req: Request, res: Response, status: number, file: FileDownload): void {
  res.status(status).set({
    'Content-Type': file.contentType,
    'Content-Disposition': `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, '_')}"`,
  });
  file.stream.on('error', (error) => {
    req.log.error({ err: error }, 'download failed while streaming');
    res.destroy(error);
  });
  file.stream.pipe(res);
}

function sendProblem(res: Response, mapped: MappedProblem): void {
  const body: Problem = mapped.problem;
  res.status(body.status).set(mapped.headers).type(PROBLEM_JSON).send(JSON.stringify(body));
}

/** Refuses at start-up what would make the API (and clients generated from its document) ambiguous. */
function assertUniqueRoutes(routes: readonly AdminRoute[]): void {
  const seen = new Set<string>();
  for (const key of routes.flatMap((r) => [`${r.method} ${r.path}`, r.operationId])) {
    if (seen.has(key)) throw new Error(`Admin API route declared twice: ${key}`);
    seen.add(key);
  }
  const [ambiguous] = ambiguousPaths([...new Set(routes.map((r) => r.path.replace(/:(\w+)/g, '{$1}')))]);
  if (ambiguous) throw new Error(`Admin API paths are ambiguous: ${ambiguous.join(' and ')}`);
}
