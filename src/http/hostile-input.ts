import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../domain-error.js';

/** Deeper JSON than any SCIM resource or admin request needs (a SCIM user is 4 levels deep). */
export const MAX_JSON_DEPTH = 32;

/**
 * Why a parsed JSON value cannot be stored, or null. PostgreSQL refuses U+0000 in text and jsonb and refuses
 * unpaired UTF-16 surrogates in jsonb, so either would come back as a 500 from deep inside a write; and code that
 * walks a value recursively (validation, scimmy's PatchOp, JSON.stringify of a projection) would overflow the
 * stack on thousands of levels. The walk is iterative, so the check itself cannot.
 */
export function jsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return problem;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return `JSON is nested deeper than ${maxDepth} levels`;
    if (Array.isArray(current)) {
      for (const item of current) stack.push([item, depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      const problem = textProblem(key);
      if (problem) return `${problem} (in a key)`;
      stack.push([item, depth + 1]);
    }
  }
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text cannot be stored, or null: a NUL character or an unpaired UTF-16 surrogate. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'text must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'text must not contain an unpaired UTF-16 surrogate';
  return null;
}

/**
 * Refuses, before any route runs, a request whose path, query string or JSON body carries what `jsonProblem`
 * describes: a 400 through the router's own error mapper (invalidValue in SCIM, validation.failed in the admin
 * API). Mounted after the body parser of each router.
 */
export function rejectHostileInput(req: Request, _res: Response, next: NextFunction): void {
  const inQuery = located('Query string', req.query);
  // `%00` anywhere else in the raw URL: a path segment.
  const inUrl =
    /%00/.test(req.originalUrl) || req.originalUrl.includes('\u0000')
      ? new DomainError('invalid_value', 'The URL must not contain the NUL character (%00)')
      : null;
  next(inQuery ?? inUrl ?? located('Request body', req.body) ?? undefined);
}

/** The error for a problem in a query or body; one in a SCIM `filter` (query or .search body) is a filter error. */
function located(where: string, value: unknown): DomainError | null {
  if (value === undefined) return null;
  const filter = (value as { filter?: unknown } | null)?.filter;
  const inFilter = typeof filter === 'string' ? textProblem(filter) : null;
  if (inFilter) return new DomainError('invalid_filter', `${where}: filter: ${inFilter}`);
  const problem = jsonProblem(value);
  return problem ? new DomainError('invalid_value', `${where}: ${problem}`) : null;
}
