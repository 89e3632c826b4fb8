import { useCallback, useState } from 'react';

/**
 * Cursor paging for the API's lists (`nextCursor`): a stack of the cursors that led to the pages seen, so
 * "Previous" goes back without the API needing backward cursors. `reset` starts over (a filter changed).
 */
export function useCursorPages() {
  const [stack, setStack] = useState<Array<string | undefined>>([undefined]);
  const cursor = stack[stack.length - 1];
  return {
    cursor,
    page: stack.length,
    next: useCallback((nextCursor: string) => setStack((s) => [...s, nextCursor]), []),
    previous: useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []),
    reset: useCallback(() => setStack([undefined]), []),
  };
}
