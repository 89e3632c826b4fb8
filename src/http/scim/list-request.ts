import { DomainError } from '../../domain-error.js';
import type { PageQuery } from '../../features/users/user-store.js';
import {
  compileFilter,
  compileSort,
  parseFilter,
  type AttributeResolver,
  type SqlFragment,
} from '../../lib/scim-filter/index.js';
import { parseAttributeList, type Projection } from './projection.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../lib/scim-schema/scim-schemas.js';

/** A list or search request (query string of GET, or the body of POST /.search), ready for SQL. */
export interface ListRequest {
  where?: SqlFragment;
  orderBy?: SqlFragment;
  descending: boolean;
  /** 1-based, as SCIM counts. */
  startIndex: number;
  count: number;
  projection: Projection;
}

/** RFC 7644 §3.4.2: parameters are case-sensitive names, but IdPs vary; look them up case-insensitively. */
function param(source: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(source).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : source[key];
  return Array.isArray(value) ? value[0] : value;
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(n)) throw new DomainError('invalid_value', `${name} must be an integer`);
  return n;
}

export function parseListRequest(source: Record<string, unknown>, resolve: AttributeResolver): ListRequest {
  const filterText = param(source, 'filter');
  let where: SqlFragment | undefined;
  if (filterText !== undefined && filterText !== '') {
    if (typeof filterText !== 'string') throw new DomainError('invalid_filter', 'filter must be a string');
    where = compileFilter(parseFilter(filterText), resolve);
  }
  const sortBy = param(source, 'sortBy');
  const sortOrder = param(source, 'sortOrder');
  if (sortOrder !== undefined && !/^(ascending|descending)$/i.test(String(sortOrder))) {
    throw new DomainError('invalid_value', 'sortOrder is "ascending" or "descending"');
  }
  // RFC 7644 §3.4.2.4: startIndex below 1 is read as 1, a negative count as 0; large counts are capped. A
  // startIndex past 2^53 (beyond 64-bit even) is read as the largest exact one: the page is empty either way, and
  // the SQL offset stays a bigint.
  const startIndex = Math.min(
    Number.MAX_SAFE_INTEGER,
    Math.max(1, integer(param(source, 'startIndex'), 'startIndex') ?? 1),
  );
  const count = Math.min(
    MAX_PAGE_SIZE,
    Math.max(0, integer(param(source, 'count'), 'count') ?? DEFAULT_PAGE_SIZE),
  );
  const attributes = parseAttributeList(param(source, 'attributes'));
  const excludedAttributes = parseAttributeList(param(source, 'excludedAttributes'));
  return {
    ...(where ? { where } : {}),
    ...(typeof sortBy === 'string' && sortBy !== '' ? { orderBy: compileSort(sortBy, resolve) } : {}),
    descending: String(sortOrder ?? '').toLowerCase() === 'descending',
    startIndex,
    count,
    projection: {
      ...(attributes ? { attributes } : {}),
      ...(excludedAttributes ? { excludedAttributes } : {}),
    },
  };
}

/** The SQL page a list request asks for (SCIM counts from 1, SQL offsets from 0). */
export function pageQuery(request: ListRequest): PageQuery {
  return {
    ...(request.where ? { where: request.where } : {}),
    ...(request.orderBy ? { orderBy: request.orderBy } : {}),
    descending: request.descending,
    offset: request.startIndex - 1,
    limit: request.count,
  };
}
