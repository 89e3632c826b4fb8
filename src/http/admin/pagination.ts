import { z } from 'zod';
import { isUuid } from '../../lib/uuid.js';
import { component } from './admin-schemas.js';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/**
 * Where the previous page ended, in the list's order (created_at, id). Keyset, not offset: a page costs the
 * same at the millionth row, and rows created or deleted meanwhile neither repeat nor vanish between pages.
 */
export interface Cursor {
  createdAt: string;
  id: string;
}

// Every cursor is opaque to clients (base64url JSON of an array), so its contents can change without breaking
// them. Each kind of cursor is a tuple of its own shape; decoding returns null for anything else.
const encodeTuple = (values: readonly unknown[]): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

function decodeTuple(text: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

export const encodeCursor = (cursor: Cursor): string => encodeTuple([cursor.createdAt, cursor.id]);

function decodeCursor(text: string): Cursor | null {
  const value = decodeTuple(text);
  if (!value || value.length !== 2) return null;
  const [createdAt, id] = value;
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || !isUuid(id)) return null;
  return { createdAt, id };
}

// The number pool reads best in number order, and a number is unique, so its cursor is the last number shown:
// a number released or ported away meanwhile still marks the place.
export const encodeNumberCursor = (e164: string): string => encodeTuple(['n', e164]);

function decodeNumberCursor(text: string): string | null {
  const value = decodeTuple(text);
  return value && value[0] === 'n' && typeof value[1] === 'string' ? value[1] : null;
}

/** The `cursor` query parameter: a cursor this API returned, decoded; anything else is a 400. */
function cursorParameter<T>(decode: (text: string) => T | null) {
  return z
    .string()
    .max(500)
    .optional()
    .describe("The previous page's nextCursor; omit for the first page")
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const cursor = decode(text);
      if (cursor === null) ctx.addIssue({ code: 'custom', message: 'is not a cursor this API returned' });
      return cursor ?? undefined;
    });
}

/** Query parameters every list route accepts; spread into the route's query schema. */
export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Items per page, 1-${MAX_PAGE_SIZE}`),
  cursor: cursorParameter(decodeCursor),
};

/** The paging parameters of the number pool: `pageQuery`'s limit, and a cursor by number. */
export const numberPageQuery = {
  limit: pageQuery.limit,
  cursor: cursorParameter(decodeNumberCursor),
};

/** `{items, nextCursor}` around an item schema, registered as `<name>` in the OpenAPI components. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return component(
    z.object({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .describe('Pass as `cursor` to get the next page; null on the last page'),
    }),
    name,
  );
}

/** A page of `rows` fetched with `limit + 1`: the extra row only proves that another page exists. */
function pageWith<Row, Item>(
  rows: readonly Row[],
  limit: number,
  cursorText: (row: Row) => string,
  render: (row: Row) => Item,
) {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(render),
    nextCursor: rows.length > limit && last ? cursorText(last) : null,
  };
}

/** Builds a page from rows fetched with `limit + 1` in (created_at, id) order. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => Cursor,
  render: (row: Row) => Item,
) {
  return pageWith(rows, limit, (row) => encodeCursor(cursorOf(row)), render);
}

const compareCursor = (a: Cursor, b: Cursor): number => {
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return byTime !== 0 ? byTime : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/**
 * A page of a list the service returns whole (a tenant's subscriptions or port orders: tens, not millions),
 * with the same (createdAt, id) cursors as the keyset pages. Sorted here at millisecond precision, the precision
 * the cursor carries, so a page never repeats or skips a row whatever order the database returned.
 */
export function pageOfList<Row, Item>(
  rows: readonly Row[],
  query: { limit: number; cursor?: Cursor | undefined },
  cursorOf: (row: Row) => Cursor,
  render: (row: Row) => Item,
) {
  const after = query.cursor;
  const sorted = [...rows]
    .sort((a, b) => compareCursor(cursorOf(a), cursorOf(b)))
    .filter((row) => !after || compareCursor(cursorOf(row), after) > 0);
  return toPage(sorted.slice(0, query.limit + 1), query.limit, cursorOf, render);
}

/** A page of the number pool fetched with `limit + 1` in number order; its cursor is the last number shown. */
export function toNumberPage<Row extends { e164: string }, Item>(
  rows: readonly Row[],
  limit: number,
  render: (row: Row) => Item,
) {
  return pageWith(rows, limit, (row) => encodeNumberCursor(row.e164), render);
}
