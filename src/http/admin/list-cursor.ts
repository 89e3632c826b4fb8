import { fieldError, type FieldError } from './admin-problem.js';

/**
 * Every list's cursor, as clients see it: base64url JSON `[list, key]`, where `list` names the list that issued it
 * (its operationId) and `key` is whatever that list pages by (a (createdAt, id) pair, a number, a row id). One
 * scheme for every list, wrapped and unwrapped by defineRoute, so a list cannot forget it: a cursor from one list
 * is refused by another instead of paging it from a meaningless place.
 */
export const wrapCursor = (list: string, key: string): string =>
  Buffer.from(JSON.stringify([list, key])).toString('base64url');

/** The list's own key inside a cursor this list issued, or the field error that refuses it. */
export function unwrapCursor(list: string, text: string): { key: string } | { error: FieldError } {
  const refuse = (message: string) => ({ error: fieldError('query', ['cursor'], message) });
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return refuse('is not a cursor this API returned');
  }
  if (!Array.isArray(value) || value.length !== 2) return refuse('is not a cursor this API returned');
  const [issuer, key] = value as unknown[];
  if (typeof issuer !== 'string' || typeof key !== 'string')
    return refuse('is not a cursor this API returned');
  if (issuer !== list) return refuse(`is a cursor of another list (${issuer}); pass it to that list only`);
  return { key };
}

/** A response's `nextCursor`, wrapped for the list that produced it; any other body is returned as it is. */
export function wrapNextCursor(list: string, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('nextCursor' in body)) return body;
  const { nextCursor } = body as { nextCursor: unknown };
  return typeof nextCursor === 'string' ? { ...body, nextCursor: wrapCursor(list, nextCursor) } : body;
}
