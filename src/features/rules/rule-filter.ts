import { DomainError } from '../../domain-error.js';
import { compileFilter, FilterError, parseFilter, type SqlFragment } from '../../lib/scim-filter/index.js';
// The SCIM attribute map is the one the SCIM server filters with, so a rule filter means exactly what the
// same filter means on GET /Users (over the users row aliased `u`).
import { userFilterResolver } from '../../lib/scim-schema/filter-attributes.js';

const compiled = new Map<string, SqlFragment>();

/** A rule's filter as SQL over `users u`; an invalid filter is a `rule.invalid` naming the problem. */
export function compileRuleFilter(filter: string): SqlFragment {
  const cached = compiled.get(filter);
  if (cached) return cached;
  try {
    const fragment = compileFilter(parseFilter(filter), userFilterResolver());
    if (compiled.size > 1000) compiled.clear();
    compiled.set(filter, fragment);
    return fragment;
  } catch (error) {
    if (error instanceof FilterError) {
      throw new DomainError('rule.invalid', `filter: ${error.message}`, undefined, [
        { path: ['filter'], message: error.message },
      ]);
    }
    throw error;
  }
}
