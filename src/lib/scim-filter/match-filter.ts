// Evaluates a filter against one element of a multi-valued attribute in memory, for PATCH paths such as
// `emails[type eq "work"]` or `members[value eq "x"]`. Elements carry no schema, so the type of the stored
// value decides how it compares, with the same rules the SQL compiler applies.

import { FilterError } from './filter-error.js';
import type { AttrPath, Comparator, FilterNode, FilterValue } from './filter-node.js';
import { toBoolean, toDate, toNumber } from './filter-value.js';

/** Whether string comparisons on `attr` (as written in the filter, `attr.sub` when nested) are case-exact. */
export type CaseExact = (attr: string) => boolean;

export function matchesFilter(
  ast: FilterNode,
  element: Record<string, unknown>,
  caseExact: CaseExact = () => false,
): boolean {
  switch (ast.op) {
    case 'and':
      return matchesFilter(ast.left, element, caseExact) && matchesFilter(ast.right, element, caseExact);
    case 'or':
      return matchesFilter(ast.left, element, caseExact) || matchesFilter(ast.right, element, caseExact);
    case 'not':
      return !matchesFilter(ast.expr, element, caseExact);
    case 'present':
      return values(element, ast.path).some(isPresent);
    case 'compare': {
      const found = values(element, ast.path);
      const exact = caseExact(
        ast.path.sub === undefined ? ast.path.attr : `${ast.path.attr}.${ast.path.sub}`,
      );
      if (ast.value === null && (ast.comparator === 'eq' || ast.comparator === 'ne')) {
        return found.some(isPresent) === (ast.comparator === 'ne');
      }
      // As in SQL: `ne` holds when no value equals, so an absent attribute is "not equal".
      if (ast.comparator === 'ne') return !found.some((v) => compare(v, 'eq', ast.value, exact));
      return found.some((v) => compare(v, ast.comparator, ast.value, exact));
    }
    case 'valuePath':
      return values(element, ast.path).some(
        (v) => isRecord(v) && matchesFilter(ast.filter, v, (attr) => caseExact(`${ast.path.attr}.${attr}`)),
      );
  }
}

/** The values at `path`, flattening arrays so a multi-valued attribute matches when any value does. */
function values(element: Record<string, unknown>, path: AttrPath): unknown[] {
  const top = [get(element, path.attr)].flat();
  if (path.sub === undefined) return top;
  const sub = path.sub;
  return top.flatMap((v) => (isRecord(v) ? [get(v, sub)].flat() : []));
}

function get(record: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function compare(
  actual: unknown,
  comparator: Comparator,
  expected: FilterValue,
  caseExact: boolean,
): boolean {
  if (actual === undefined || actual === null || expected === null) return false;
  if (typeof actual === 'boolean') {
    if (comparator !== 'eq') throw new FilterError(`"${comparator}" is not allowed on boolean attributes`);
    const b = toBoolean(expected);
    if (b === undefined) throw new FilterError(`${JSON.stringify(expected)} is not a boolean`);
    return actual === b;
  }
  if (typeof actual === 'number') {
    const n = toNumber(expected);
    if (n !== undefined && comparator !== 'co' && comparator !== 'sw' && comparator !== 'ew') {
      return order(comparator, actual - n);
    }
  }
  if (typeof actual !== 'string' && typeof actual !== 'number') return false;
  const a = toDate(actual);
  const e = toDate(expected);
  if (a !== undefined && e !== undefined && (comparator === 'eq' || ORDER_OPS.has(comparator))) {
    return order(comparator, a.getTime() - e.getTime());
  }
  if (comparator === 'eq' || ORDER_OPS.has(comparator)) {
    // Plain code-unit order, not locale order: the same in every process, close enough to SQL's for ASCII.
    const [x, y] = normalise(String(actual), String(expected), caseExact);
    return order(comparator, x < y ? -1 : x > y ? 1 : 0);
  }
  const [x, y] = normalise(String(actual), String(expected), caseExact);
  return comparator === 'co' ? x.includes(y) : comparator === 'sw' ? x.startsWith(y) : x.endsWith(y);
}

const ORDER_OPS: ReadonlySet<Comparator> = new Set(['gt', 'ge', 'lt', 'le']);

function order(comparator: Comparator, sign: number): boolean {
  switch (comparator) {
    case 'gt':
      return sign > 0;
    case 'ge':
      return sign >= 0;
    case 'lt':
      return sign < 0;
    case 'le':
      return sign <= 0;
    default:
      return sign === 0;
  }
}

function normalise(a: string, b: string, caseExact: boolean): [string, string] {
  return caseExact ? [a, b] : [a.toLowerCase(), b.toLowerCase()];
}

function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
