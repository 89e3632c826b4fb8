// The filter AST shared by the parser, the SQL compiler and the in-memory matcher (RFC 7644 §3.4.2.2).

export type Comparator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export type FilterValue = string | number | boolean | null;

/** An attribute reference. Names are kept as written; their meaning is case-insensitive. */
export interface AttrPath {
  /** Schema URN as written, e.g. `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`. */
  schema?: string;
  attr: string;
  sub?: string;
}

export type FilterNode =
  | { op: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { op: 'not'; expr: FilterNode }
  | { op: 'compare'; path: AttrPath; comparator: Comparator; value: FilterValue }
  | { op: 'present'; path: AttrPath }
  /**
   * Some element of the multi-valued attribute `path` satisfies `filter`, whose paths name sub-attributes
   * of that element. `emails[type eq "work"].value eq "a@x.com"` is represented as a valuePath whose filter
   * is `type eq "work" and value eq "a@x.com"`, so both conditions hold on the same element.
   */
  | { op: 'valuePath'; path: AttrPath; filter: FilterNode };
