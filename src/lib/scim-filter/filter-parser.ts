// A recursive-descent parser for the RFC 7644 §3.4.2.2 filter grammar, working on characters rather than a
// token stream because attribute paths, URNs and keywords share one character set and only position tells
// them apart. Shared by parseFilter and parsePatchPath; not part of the public API.

import { FilterError, type FilterErrorCode } from './filter-error.js';
import type { AttrPath, Comparator, FilterNode, FilterValue } from './filter-node.js';

/** Hostile input must fail fast, not exhaust the stack or the CPU. */
export const MAX_FILTER_LENGTH = 4096;
export const MAX_FILTER_DEPTH = 50;

const COMPARATORS: ReadonlySet<string> = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const WORD_CHAR = /[A-Za-z0-9_$:.-]/;
// RFC 7643 ATTRNAME, plus a leading `$` for `$ref`.
const ATTR_NAME = /^[A-Za-z$][A-Za-z0-9_-]*$/;
const URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]*:\S+$/i;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

export class FilterParser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly code: FilterErrorCode,
  ) {
    if (text.length > MAX_FILTER_LENGTH) {
      throw new FilterError(`Filter is longer than ${MAX_FILTER_LENGTH} characters`, code);
    }
    if (text.trim() === '') throw new FilterError('Filter is empty', code, 0);
  }

  /** A whole filter, up to the end of the text. */
  filter(): FilterNode {
    const node = this.or(false);
    this.end();
    return node;
  }

  /** `attrPath` (with optional schema URN and sub-attribute), no surrounding whitespace allowed. */
  attrPath(): AttrPath {
    const start = this.pos;
    const raw = this.word();
    if (raw === '') this.fail(`Expected an attribute path, found ${this.found()}`);
    let schema: string | undefined;
    let rest = raw;
    if (/^urn:/i.test(raw)) {
      // The URN itself contains dots (`2.0`), so the attribute starts after the last colon.
      const colon = raw.lastIndexOf(':');
      schema = raw.slice(0, colon);
      rest = raw.slice(colon + 1);
      if (!URN.test(schema)) this.fail(`Invalid schema URN "${schema}"`, start);
    }
    const parts = rest.split('.');
    const [attr, sub] = parts;
    if (
      parts.length > 2 ||
      attr === undefined ||
      !ATTR_NAME.test(attr) ||
      (sub !== undefined && !ATTR_NAME.test(sub))
    ) {
      this.fail(`Invalid attribute path "${raw}"`, start);
    }
    return { ...(schema === undefined ? {} : { schema }), attr, ...(sub === undefined ? {} : { sub }) };
  }

  /** Whether a `[` follows immediately. */
  atBracket(): boolean {
    return this.text[this.pos] === '[';
  }

  /** `[ valFilter ]` — the filter of a value path. Nested value paths are not allowed by the grammar. */
  bracketFilter(): FilterNode {
    this.expect('[');
    this.enter();
    const node = this.or(true);
    this.skipSpace();
    this.expect(']');
    this.depth--;
    return node;
  }

  /** `.subAttr` immediately after a value path's `]`, if present. */
  subAttr(): string | undefined {
    if (this.text[this.pos] !== '.') return undefined;
    this.pos++;
    const start = this.pos;
    const name = this.word();
    if (!ATTR_NAME.test(name)) this.fail(`Invalid sub-attribute name "${name}"`, start);
    return name;
  }

  end(): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`Unexpected ${this.found()}`);
  }

  private or(inBrackets: boolean): FilterNode {
    let left = this.and(inBrackets);
    while (this.keyword('or')) left = { op: 'or', left, right: this.and(inBrackets) };
    return left;
  }

  private and(inBrackets: boolean): FilterNode {
    let left = this.unary(inBrackets);
    while (this.keyword('and')) left = { op: 'and', left, right: this.unary(inBrackets) };
    return left;
  }

  private unary(inBrackets: boolean): FilterNode {
    this.skipSpace();
    if (this.text[this.pos] === '(') return this.group(inBrackets);
    if (this.keyword('not')) {
      this.skipSpace();
      if (this.text[this.pos] !== '(') this.fail(`Expected "(" after "not", found ${this.found()}`);
      return { op: 'not', expr: this.group(inBrackets) };
    }
    return this.attrExpression(inBrackets);
  }

  private group(inBrackets: boolean): FilterNode {
    this.expect('(');
    this.enter();
    const node = this.or(inBrackets);
    this.skipSpace();
    this.expect(')');
    this.depth--;
    return node;
  }

  private attrExpression(inBrackets: boolean): FilterNode {
    const pathStart = this.pos;
    const path = this.attrPath();
    if (this.atBracket()) {
      if (inBrackets) this.fail('Value paths cannot be nested');
      if (path.sub !== undefined)
        this.fail(`A value path cannot follow a sub-attribute ("${path.sub}")`, pathStart);
      const filter = this.bracketFilter();
      const sub = this.subAttr();
      if (sub === undefined) return { op: 'valuePath', path, filter };
      // `emails[type eq "work"].value eq "x"`: both conditions must hold on the same element.
      const trailing = this.operation({ attr: sub });
      return { op: 'valuePath', path, filter: { op: 'and', left: filter, right: trailing } };
    }
    return this.operation(path);
  }

  /** `SP "pr"` or `SP compareOp SP compValue` after an attribute path. */
  private operation(path: AttrPath): FilterNode {
    this.requireSpace();
    const start = this.pos;
    const op = this.word().toLowerCase();
    if (op === 'pr') return { op: 'present', path };
    if (op === '') this.fail(`Expected an operator, found ${this.found()}`);
    if (!COMPARATORS.has(op)) this.fail(`Unknown operator "${this.text.slice(start, this.pos)}"`, start);
    this.requireSpace();
    return { op: 'compare', path, comparator: op as Comparator, value: this.value(op) };
  }

  private value(op: string): FilterValue {
    const start = this.pos;
    if (this.text[start] === '"') return this.string();
    // Unquoted values end at white space or a closing bracket. Besides numbers and true/false/null, an
    // unquoted word is read as a string: RFC 7644 wants JSON strings, but Microsoft's reference clients send
    // `userName sw O` and `meta.created gt 2015-10-10T14:38:21-07:00`, and refusing them helps nobody.
    let end = start;
    while (end < this.text.length && !/[\s)\]]/.test(this.text[end] ?? '')) end++;
    const token = this.text.slice(start, end);
    if (token === '') return this.fail(`Expected a value after "${op}", found ${this.found()}`, start);
    this.pos = end;
    const lower = token.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    NUMBER.lastIndex = 0;
    const m = NUMBER.exec(token);
    if (m !== null && m.index === 0 && m[0].length === token.length && Number.isFinite(Number(token)))
      return Number(token);
    return token;
  }

  private string(): string {
    const start = this.pos;
    let i = start + 1;
    while (this.text[i] !== '"') {
      if (i >= this.text.length) this.fail('Unterminated string', start);
      i += this.text[i] === '\\' ? 2 : 1;
    }
    this.pos = i + 1;
    try {
      // Filter strings are JSON strings (RFC 7644 §3.4.2.2), so JSON's own rules decide the escapes.
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      return this.fail('Invalid string literal', start);
    }
  }

  /** Consumes a case-insensitive keyword if it stands as a whole word at the current position. */
  private keyword(kw: string): boolean {
    const save = this.pos;
    this.skipSpace();
    const end = this.pos + kw.length;
    if (this.text.slice(this.pos, end).toLowerCase() === kw && !this.isWordChar(this.text[end])) {
      this.pos = end;
      return true;
    }
    this.pos = save;
    return false;
  }

  private word(): string {
    const start = this.pos;
    while (this.isWordChar(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private isWordChar(c: string | undefined): boolean {
    return c !== undefined && WORD_CHAR.test(c);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private requireSpace(): void {
    const start = this.pos;
    this.skipSpace();
    if (this.pos === start) this.fail(`Expected a space, found ${this.found()}`);
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) this.fail(`Expected "${c}", found ${this.found()}`);
    this.pos++;
  }

  private enter(): void {
    if (++this.depth > MAX_FILTER_DEPTH) this.fail(`Filter is nested deeper than ${MAX_FILTER_DEPTH} levels`);
  }

  private found(): string {
    if (this.pos >= this.text.length) return 'end of input';
    const m = /^(?:[A-Za-z0-9_$:.-]+|"[^"]*"?|\S)/.exec(this.text.slice(this.pos, this.pos + 40));
    return `"${m?.[0] ?? this.text[this.pos]}"`;
  }

  private fail(message: string, at: number = this.pos): never {
    throw new FilterError(`${message} at position ${at}`, this.code, at);
  }
}
