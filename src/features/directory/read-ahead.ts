/**
 * Iterates `source` one item ahead: the next item is being fetched while the caller works on the current one, so
 * fetching the next delta page overlaps committing this one. Items still arrive one at a time and in order; an
 * error of the item fetched ahead surfaces when the caller asks for it, as without read-ahead.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = iterator.next();
      // Observed here so that a caller who stops early (its own error) leaves no unhandled rejection behind.
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    await iterator.return?.();
  }
}
