// Value coercions shared by the SQL compiler and the in-memory matcher, so both read a filter the same way.

import type { FilterValue } from './filter-node.js';

/** `true`/`false`, or the strings `"True"`/`"False"` in any case, which Microsoft Entra ID sends. */
export function toBoolean(value: FilterValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

// xsd:dateTime as SCIM uses it (RFC 7643 §2.3.5), plus a bare date, which IdPs send for hire dates.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

/** Parses an ISO 8601 date-time; one without an offset is read as UTC rather than the server's zone. */
export function toDate(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DATE_TIME.exec(value);
  if (m === null) return undefined;
  const withZone = value.includes('T') && m[1] === undefined ? `${value}Z` : value;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A number, or a string holding one (some clients quote numbers). */
export function toNumber(value: FilterValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(value)) return Number(value);
  return undefined;
}
