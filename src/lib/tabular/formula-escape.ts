/**
 * Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection): `=`, `+`, `-`, `@`,
 * and the tab and carriage return that some of them skip before looking.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A value written to a file an admin opens in a spreadsheet: a leading `'` makes a would-be formula plain text. */
export const escapeFormula = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

/** Reading our own export back: the `'` added by escapeFormula is taken off again (`'+46…` → `+46…`). */
export const unescapeFormula = (value: string): string =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
