// Entry point for `filter=` query parameters: text in, AST out, FilterError for anything malformed.

import type { FilterNode } from './filter-node.js';
import { FilterParser } from './filter-parser.js';

export function parseFilter(text: string): FilterNode {
  return new FilterParser(text, 'invalidFilter').filter();
}
