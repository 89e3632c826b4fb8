// Public API of the SCIM filter module (RFC 7644 §3.4.2.2 filters, §3.5.2 PATCH paths).

export { FilterError, type FilterErrorCode } from './filter-error.js';
export type { AttrPath, Comparator, FilterNode, FilterValue } from './filter-node.js';
export { parseFilter } from './parse-filter.js';
export { parsePatchPath, type PatchPath } from './parse-path.js';
export { compileFilter, compileSort, type SqlBinding, type SqlFragment } from './compile-filter.js';
export {
  jsonbArrayTarget,
  jsonbField,
  mapResolver,
  type AttributeResolver,
  type AttributeTarget,
  type AttributeType,
  type MultiValuedTarget,
  type ScalarTarget,
  type SubAttributeSpec,
} from './attribute-resolver.js';
export { matchesFilter, type CaseExact } from './match-filter.js';
