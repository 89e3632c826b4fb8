import { DomainError } from '../../domain-error.js';
import { fieldError, RequestValidationError, type RequestPart } from './admin-problem.js';

/**
 * Looks up something a request refers to in its body or query (a product, a user). Missing, it is a field of
 * the request that is wrong — 400 naming the field — not the route's own resource: `POST /assignments` with an
 * unknown product must not answer `assignment.not_found`.
 */
export async function referenced<T>(part: RequestPart, field: string, lookup: () => Promise<T>): Promise<T> {
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') {
      throw new RequestValidationError([fieldError(part, field.split('.'), error.message)]);
    }
    throw error;
  }
}
