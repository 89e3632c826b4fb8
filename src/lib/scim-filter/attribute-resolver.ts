// How a caller tells the compiler where each SCIM attribute lives in SQL. The compiler knows filter
// semantics; the resolver knows the schema. SQL given here is trusted code, never request input.

import type { AttrPath } from './filter-node.js';

export type AttributeType =
  'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'reference' | 'binary';

export interface ScalarTarget {
  kind: 'scalar';
  /**
   * An SQL expression over the caller's row alias. Its SQL type must suit `type`: text for string,
   * reference and binary; text or timestamptz for dateTime; text or numeric for integer and decimal;
   * boolean for boolean. It must not contain `?`, which knex reads as a placeholder (so no jsonb `?` ops).
   */
  sql: string;
  type: AttributeType;
  caseExact: boolean;
  /** The expression is a uuid column: eq/ne compare it as a uuid so an index on it is used. */
  uuid?: boolean;
}

export interface MultiValuedTarget {
  kind: 'multiValued';
  /** A FROM item yielding one row per element under `alias`, e.g. a set-returning function or a table. */
  from: (alias: string) => string;
  /** Ties the elements to the outer row when `from` is a table, e.g. `gm.group_id = g.id`. */
  where?: (alias: string) => string;
  /** Element order, so "the first element" is well defined when sorting. */
  order?: (alias: string) => string;
  /** A sub-attribute of element `alias`; `name` is as written and should be matched case-insensitively. */
  subAttribute: (name: string, alias: string) => ScalarTarget | undefined;
}

export type AttributeTarget = ScalarTarget | MultiValuedTarget;

/**
 * Maps a path to its target, or undefined when the attribute is unknown. For a multi-valued attribute it
 * returns the MultiValuedTarget whether or not `path.sub` is set; the compiler resolves the sub-attribute.
 */
export type AttributeResolver = (path: AttrPath) => AttributeTarget | undefined;

export interface SubAttributeSpec {
  type: AttributeType;
  caseExact?: boolean;
}

// Keys are spliced into SQL string literals, so only plain attribute names are accepted.
const JSON_KEY = /^[A-Za-z$][A-Za-z0-9_$-]*$/;

/** A text (or, for booleans, boolean) expression for `doc #>> keys`, a JSONB document's nested field. */
export function jsonbField(docSql: string, keys: readonly string[], spec: SubAttributeSpec): ScalarTarget {
  for (const key of keys) if (!JSON_KEY.test(key)) throw new Error(`Unsafe JSON key "${key}"`);
  const text = `(${docSql} #>> '{${keys.join(',')}}')`;
  // A stray non-boolean in stored JSON must read as unknown, not abort every query with a cast error.
  const sql =
    spec.type === 'boolean'
      ? `(CASE lower(${text}) WHEN 'true' THEN true WHEN 'false' THEN false END)`
      : text;
  return { kind: 'scalar', sql, type: spec.type, caseExact: spec.caseExact ?? false };
}

/** A multi-valued complex attribute stored as a JSONB array of objects, e.g. `u.profile -> 'emails'`. */
export function jsonbArrayTarget(
  arraySql: string,
  subs: Readonly<Record<string, SubAttributeSpec>>,
): MultiValuedTarget {
  const byName = new Map(Object.entries(subs).map(([name, spec]) => [name.toLowerCase(), { name, spec }]));
  return {
    kind: 'multiValued',
    // jsonb_array_elements raises on a non-array, which one malformed document must not turn into a 500.
    from: (alias) =>
      `jsonb_array_elements(CASE WHEN jsonb_typeof(${arraySql}) = 'array' THEN ${arraySql} ELSE '[]'::jsonb END)` +
      ` WITH ORDINALITY AS ${alias}(elem, ord)`,
    order: (alias) => `${alias}.ord`,
    subAttribute: (name, alias) => {
      const sub = byName.get(name.toLowerCase());
      return sub === undefined ? undefined : jsonbField(`${alias}.elem`, [sub.name], sub.spec);
    },
  };
}

/**
 * A resolver over a table of targets keyed by `attr`, `attr.sub` or `schemaUrn:attr[.sub]`, matched
 * case-insensitively. Paths qualified by one of `coreSchemas` are looked up without their URN.
 */
export function mapResolver(
  targets: Readonly<Record<string, AttributeTarget>>,
  coreSchemas: readonly string[] = [],
): AttributeResolver {
  const byKey = new Map(Object.entries(targets).map(([key, target]) => [key.toLowerCase(), target]));
  const core = new Set(coreSchemas.map((s) => s.toLowerCase()));
  return (path) => {
    const schema = path.schema?.toLowerCase();
    const attr = `${schema === undefined || core.has(schema) ? '' : `${schema}:`}${path.attr.toLowerCase()}`;
    if (path.sub === undefined) return byKey.get(attr);
    const exact = byKey.get(`${attr}.${path.sub.toLowerCase()}`);
    if (exact !== undefined) return exact;
    const parent = byKey.get(attr);
    return parent?.kind === 'multiValued' ? parent : undefined;
  };
}
