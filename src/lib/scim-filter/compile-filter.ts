// Compiles a filter AST to a PostgreSQL boolean expression with knex `?` placeholders. Values only ever
// travel as bindings. SQL three-valued logic is handled explicitly: an absent attribute never makes a
// `not (…)` or `ne` silently drop a row.

import type {
  AttributeResolver,
  AttributeTarget,
  MultiValuedTarget,
  ScalarTarget,
} from './attribute-resolver.js';
import { FilterError } from './filter-error.js';
import type { AttrPath, Comparator, FilterNode, FilterValue } from './filter-node.js';
import { FilterParser } from './filter-parser.js';
import { toBoolean, toDate, toNumber } from './filter-value.js';

export type SqlBinding = string | number | boolean;

export interface SqlFragment {
  sql: string;
  bindings: SqlBinding[];
}

const ORDERING: Partial<Record<Comparator, string>> = { gt: '>', ge: '>=', lt: '<', le: '<=' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function compileFilter(ast: FilterNode, resolve: AttributeResolver): SqlFragment {
  const compiler = new FilterCompiler();
  const sql = compiler.node(ast, resolve);
  return { sql, bindings: compiler.bindings };
}

/** An ORDER BY expression for a `sortBy` attribute path (direction and NULLS placement are the caller's). */
export function compileSort(path: string, resolve: AttributeResolver): SqlFragment {
  const parser = new FilterParser(path, 'invalidFilter');
  const attrPath = parser.attrPath();
  parser.end();
  const target = resolveTarget(resolve, attrPath);
  if (target.kind === 'scalar') return { sql: sortExpression(target), bindings: [] };
  // RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else by its first element.
  const alias = 'sf_sort';
  const value = subTarget(target, attrPath.sub ?? 'value', alias);
  const primary = target.subAttribute('primary', alias);
  const order = [
    ...(primary?.type === 'boolean' ? [`${trusted(primary.sql)} IS TRUE DESC`] : []),
    ...(target.order ? [trusted(target.order(alias))] : []),
  ];
  const orderBy = order.length > 0 ? ` ORDER BY ${order.join(', ')}` : '';
  return {
    sql: `(SELECT ${sortExpression(value)} FROM ${elements(target, alias)}${orderBy} LIMIT 1)`,
    bindings: [],
  };
}

class FilterCompiler {
  readonly bindings: SqlBinding[] = [];
  private aliases = 0;

  node(node: FilterNode, resolve: AttributeResolver): string {
    switch (node.op) {
      case 'and':
      case 'or': {
        // Flattened, so a long `a or b or c …` chain doesn't become deeply nested SQL.
        const parts = flatten(node, node.op).map((n) => this.node(n, resolve));
        return `(${parts.join(node.op === 'and' ? ' AND ' : ' OR ')})`;
      }
      case 'not':
        return `NOT COALESCE(${this.node(node.expr, resolve)}, false)`;
      case 'present':
        return this.present(resolveTarget(resolve, node.path), node.path);
      case 'compare':
        return this.compare(resolveTarget(resolve, node.path), node.path, node.comparator, node.value);
      case 'valuePath': {
        const target = resolveTarget(resolve, node.path);
        if (target.kind !== 'multiValued') throw notMultiValued(node.path);
        const alias = this.alias();
        const inElement: AttributeResolver = (p) =>
          p.schema === undefined && p.sub === undefined ? target.subAttribute(p.attr, alias) : undefined;
        return exists(target, alias, this.node(node.filter, inElement));
      }
    }
  }

  private present(target: AttributeTarget, path: AttrPath): string {
    if (target.kind === 'scalar') return presentScalar(target);
    const alias = this.alias();
    if (path.sub === undefined) return exists(target, alias);
    return exists(target, alias, presentScalar(subTarget(target, path.sub, alias)));
  }

  private compare(
    target: AttributeTarget,
    path: AttrPath,
    comparator: Comparator,
    value: FilterValue,
  ): string {
    // SCIM treats null and unassigned alike (RFC 7643 §2.5), so `eq null` means "not present".
    if (value === null && (comparator === 'eq' || comparator === 'ne')) {
      const present = this.present(target, path);
      return comparator === 'ne' ? present : `NOT COALESCE(${present}, false)`;
    }
    if (value === null) throw new FilterError(`"${comparator}" cannot compare with null`);
    if (target.kind === 'scalar') return this.compareScalar(target, comparator, value);
    const alias = this.alias();
    const element = subTarget(target, path.sub ?? 'value', alias);
    // `emails ne "x"` means no email is "x" (so users without e-mails match), not "some e-mail is not x".
    if (comparator === 'ne') return `NOT ${exists(target, alias, this.compareScalar(element, 'eq', value))}`;
    return exists(target, alias, this.compareScalar(element, comparator, value));
  }

  private compareScalar(
    target: ScalarTarget,
    comparator: Comparator,
    value: string | number | boolean,
  ): string {
    const sql = trusted(target.sql);
    const ordering = ORDERING[comparator];
    const equality = comparator === 'eq' ? '=' : comparator === 'ne' ? 'IS DISTINCT FROM' : undefined;
    switch (target.type) {
      case 'boolean': {
        const b = toBoolean(value);
        if (equality === undefined)
          throw new FilterError(`"${comparator}" is not allowed on boolean attributes`);
        if (b === undefined) throw new FilterError(`${JSON.stringify(value)} is not a boolean`);
        return `${sql} ${equality} ${this.bind(b)}`;
      }
      case 'integer':
      case 'decimal': {
        const n = toNumber(value);
        const op = equality ?? ordering;
        if (op === undefined) throw new FilterError(`"${comparator}" is not allowed on numeric attributes`);
        if (n === undefined) throw new FilterError(`${JSON.stringify(value)} is not a number`);
        return `(${sql})::numeric ${op} ${this.bind(n)}`;
      }
      case 'dateTime': {
        const date = toDate(value);
        const op = equality ?? ordering;
        if (op === undefined) throw new FilterError(`"${comparator}" is not allowed on dateTime attributes`);
        if (date === undefined) throw new FilterError(`${JSON.stringify(value)} is not a dateTime`);
        return `(${sql})::timestamptz ${op} ${this.bind(date.toISOString())}::timestamptz`;
      }
      case 'string':
      case 'reference':
      case 'binary': {
        if (target.type === 'binary' && ordering !== undefined) {
          throw new FilterError(`"${comparator}" is not allowed on binary attributes`);
        }
        // Non-string values against a string attribute compare as their text (`userName eq 5`).
        let text = String(value);
        if (target.uuid && equality !== undefined) {
          // A malformed id can't equal any uuid; casting it in SQL would raise instead of matching nothing.
          if (!UUID.test(text)) return comparator === 'eq' ? 'false' : 'true';
          return `${sql} ${equality} ${this.bind(text.toLowerCase())}::uuid`;
        }
        let expr = target.uuid ? `${sql}::text` : sql;
        if (!target.caseExact) {
          // Lower-cased here rather than `lower(?)` so `lower(col) = ?` matches an index on lower(col).
          expr = `lower(${expr})`;
          text = text.toLowerCase();
        }
        if (equality !== undefined) return `${expr} ${equality} ${this.bind(text)}`;
        if (ordering !== undefined) return `${expr} ${ordering} ${this.bind(text)}`;
        const escaped = text.replace(/[\\%_]/g, '\\$&');
        const pattern =
          comparator === 'co' ? `%${escaped}%` : comparator === 'sw' ? `${escaped}%` : `%${escaped}`;
        return `${expr} LIKE ${this.bind(pattern)} ESCAPE '\\'`;
      }
    }
  }

  private bind(value: SqlBinding): string {
    this.bindings.push(value);
    return '?';
  }

  private alias(): string {
    return `sf_e${++this.aliases}`;
  }
}

function resolveTarget(resolve: AttributeResolver, path: AttrPath): AttributeTarget {
  const target = resolve(path);
  if (target === undefined) throw new FilterError(`Unknown attribute "${formatPath(path)}"`);
  return target;
}

function subTarget(target: MultiValuedTarget, name: string, alias: string): ScalarTarget {
  const sub = target.subAttribute(name, alias);
  if (sub === undefined) throw new FilterError(`Unknown sub-attribute "${name}"`);
  return sub;
}

function exists(target: MultiValuedTarget, alias: string, condition?: string): string {
  const where = [target.where ? `(${trusted(target.where(alias))})` : undefined, condition].filter(
    (c): c is string => c !== undefined,
  );
  return `EXISTS (SELECT 1 FROM ${elements(target, alias)}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''})`;
}

function elements(target: MultiValuedTarget, alias: string): string {
  return trusted(target.from(alias));
}

function presentScalar(target: ScalarTarget): string {
  const sql = trusted(target.sql);
  const textual =
    !target.uuid && (target.type === 'string' || target.type === 'reference' || target.type === 'binary');
  return textual ? `(${sql} IS NOT NULL AND ${sql} <> '')` : `${sql} IS NOT NULL`;
}

function sortExpression(target: ScalarTarget): string {
  const sql = trusted(target.sql);
  if (target.type === 'dateTime') return `(${sql})::timestamptz`;
  if (target.type === 'integer' || target.type === 'decimal') return `(${sql})::numeric`;
  const textual = !target.uuid && target.type !== 'boolean';
  return textual && !target.caseExact ? `lower(${sql})` : sql;
}

function flatten(node: FilterNode, op: 'and' | 'or'): FilterNode[] {
  return node.op === op ? [...flatten(node.left, op), ...flatten(node.right, op)] : [node];
}

/** Resolver SQL is code, but a stray `?` in it would silently shift every binding after it. */
function trusted(sql: string): string {
  if (sql.includes('?')) throw new Error(`Resolver SQL must not contain "?": ${sql}`);
  return sql;
}

function notMultiValued(path: AttrPath): FilterError {
  return new FilterError(`"${formatPath(path)}" is not a multi-valued attribute`);
}

function formatPath(path: AttrPath): string {
  return `${path.schema === undefined ? '' : `${path.schema}:`}${path.attr}${path.sub === undefined ? '' : `.${path.sub}`}`;
}
