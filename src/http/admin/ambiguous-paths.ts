/**
 * Pairs of OpenAPI paths a request could match both ways, as the OpenAPI specification defines ambiguity: the
 * same number of segments, each pair of segments equal or one of them templated, and each path concrete where
 * the other is templated somewhere (`/rules/holds/{id}` and `/rules/{id}/retire` both match
 * `/rules/holds/retire`). A concrete path beside a templated one (`/rules/conflicts`, `/rules/{id}`) is not
 * ambiguous: the concrete one matches first.
 */
export function ambiguousPaths(paths: readonly string[]): Array<[string, string]> {
  const templated = (segment: string) => segment.startsWith('{');
  const found: Array<[string, string]> = [];
  for (const [i, a] of paths.entries()) {
    for (const b of paths.slice(i + 1)) {
      const sa = a.split('/');
      const sb = b.split('/');
      if (sa.length !== sb.length) continue;
      let aConcreter = false;
      let bConcreter = false;
      let compatible = true;
      for (const [k, x] of sa.entries()) {
        const y = sb[k] ?? '';
        if (templated(x) && templated(y)) continue;
        if (templated(x)) bConcreter = true;
        else if (templated(y)) aConcreter = true;
        else if (x !== y) compatible = false;
      }
      if (compatible && aConcreter && bConcreter) found.push([a, b]);
    }
  }
  return found;
}
