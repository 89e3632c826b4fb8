// PATCH operation paths (RFC 7644 §3.5.2): `attrPath / valuePath [subAttr]`.

import { FilterError } from './filter-error.js';
import type { FilterNode } from './filter-node.js';
import { FilterParser } from './filter-parser.js';

export interface PatchPath {
  schema?: string;
  attr: string;
  sub?: string;
  /** Selects elements of a multi-valued `attr`, e.g. `members[value eq "2819c223"]`. */
  filter?: FilterNode;
}

export function parsePatchPath(text: string): PatchPath {
  const parser = new FilterParser(text, 'invalidPath');
  const { schema, attr, sub } = parser.attrPath();
  const head = { ...(schema === undefined ? {} : { schema }), attr };
  if (!parser.atBracket()) {
    parser.end();
    return sub === undefined ? head : { ...head, sub };
  }
  if (sub !== undefined) {
    throw new FilterError(`A value path cannot follow a sub-attribute ("${attr}.${sub}")`, 'invalidPath');
  }
  let filter: FilterNode;
  try {
    filter = parser.bracketFilter();
  } catch (error) {
    // What is wrong is the value filter, not the attribute path: RFC 7644 §3.12 calls that invalidFilter.
    if (error instanceof FilterError) throw new FilterError(error.message, 'invalidFilter', error.position);
    throw error;
  }
  const valueSub = parser.subAttr();
  parser.end();
  return { ...head, ...(valueSub === undefined ? {} : { sub: valueSub }), filter };
}
