import type { ImportService } from '../../../features/imports/import-service.js';

export const RESULT_HEADER = [
  'line',
  'email',
  'status',
  'user',
  'user_id',
  'numbers',
  'licenses',
  'groups',
  'rule_licenses',
  'errors',
];

const PAGE = 1000;

/** The rows of an import in file order, a page at a time (constant memory however long the file). */
export async function* importResultRows(imports: ImportService, importId: string): AsyncIterable<string[]> {
  let after = 0;
  for (;;) {
    const page = await imports.rows(importId, after, PAGE);
    for (const { outcome: o } of page)
      yield [
        String(o.line),
        o.email ?? '',
        o.status,
        o.user?.action ?? '',
        o.user?.id ?? '',
        o.numbers.map((n) => `${n.number} (${n.kind}): ${n.action}`).join('; '),
        o.licenses
          .map(
            (l) =>
              `${l.product}: ${l.action}, ${l.state}${l.conflicts.length ? ` (${l.conflicts.map((c) => c.message).join(', ')})` : ''}`,
          )
          .join('; '),
        o.groups.map((g) => `${g.group}: ${g.action}`).join('; '),
        o.ruleLicenses.map((r) => `${r.product} by ${r.ruleName}`).join('; '),
        o.errors.map((e) => `${e.column ?? 'row'}: ${e.message}`).join('; '),
      ];
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.line;
  }
}
