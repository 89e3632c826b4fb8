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

// Opaque to clients (base64url JSON), so its contents can change without breaking them.
export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');

export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, id] = value as unknown[];
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)) || !isUuid(id)) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
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
  cursor: z
    .string()
    .max(500)
    .optional()
    .describe("The previous page's nextCursor; omit for the first page")
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const cursor = decodeCursor(text);
      if (!cursor) ctx.addIssue({ code: 'custom', message: 'is not a cursor this API returned' });
      return cursor ?? undefined;
    }),
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

/**
 * Builds a page from rows fetched with `limit + 1`: the extra row only proves that another page exists.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => Cursor,
  render: (row: Row) => Item,
) {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(render),
    nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null,
  };
}
