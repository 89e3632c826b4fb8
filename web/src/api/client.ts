import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

/** An answer of the API that is not a success: the problem document, for forms to show field by field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem> & { code?: string; detail?: string },
  ) {
    super(problem.detail ?? problem.title ?? `The request failed (${status})`);
  }

  /** The message of the field at `path` (dot-separated, e.g. `body.numbers.0`), if the API blamed one. */
  fieldError(field: string): string | undefined {
    const errors = (this.problem as { errors?: Array<{ field?: string; message?: string }> }).errors ?? [];
    return errors.find((e) => e.field === field)?.message;
  }
}

let csrfToken: string | null = null;
let sessionEnded: () => void = () => {};

/** The session's CSRF token, sent with every request that changes something. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** What to do when the API says the session is over (401): the session provider shows the sign-in page. */
export function onSessionEnded(handler: () => void): void {
  sessionEnded = handler;
}

const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/api/v1/session')) sessionEnded();
    return response;
  },
};

/** The typed admin API client: paths, parameters and bodies come from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '/api/v1', credentials: 'same-origin' });
api.use(session);

/** The data of an openapi-fetch result, or an ApiError with the problem document. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new ApiError(result.response.status, (result.error ?? {}) as ApiError['problem']);
}
