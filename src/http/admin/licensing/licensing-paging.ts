import { z } from 'zod';
import { pageQuery, toPage, type Cursor } from '../pagination.js';

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

// The number pool reads best in number order, and a number is unique, so its cursor is the last number shown:
// a number released or ported away meanwhile still marks the place.
const encodeNumberCursor = (e164: string) => Buffer.from(JSON.stringify(['n', e164])).toString('base64url');

function decodeNumberCursor(text: string): string | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return Array.isArray(value) && value[0] === 'n' && typeof value[1] === 'string' ? value[1] : null;
  } catch {
    return null;
  }
}

/** The paging parameters of the number pool: `pageQuery`'s limit, and a cursor by number. */
export const numberPageQuery = {
  limit: pageQuery.limit,
  cursor: z
    .string()
    .max(500)
    .optional()
    .describe("The previous page's nextCursor; omit for the first page")
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const e164 = decodeNumberCursor(text);
      if (e164 === null) ctx.addIssue({ code: 'custom', message: 'is not a cursor this API returned' });
      return e164 ?? undefined;
    }),
};

export function pageOfNumbers<Row extends { e164: string }, Item>(
  rows: readonly Row[],
  query: { limit: number; cursor?: string | undefined },
  render: (row: Row) => Item,
) {
  const after = query.cursor;
  const sorted = [...rows]
    .sort((a, b) => (a.e164 < b.e164 ? -1 : a.e164 > b.e164 ? 1 : 0))
    .filter((row) => after === undefined || row.e164 > after);
  const page = sorted.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(render),
    nextCursor: sorted.length > query.limit && last ? encodeNumberCursor(last.e164) : null,
  };
}
