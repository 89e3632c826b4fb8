import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { decodeText, type TextEncoding } from './text-decoding.js';
import { TableError } from './table-error.js';
import { guardZip } from './zip-guard.js';

export type TableFormat = 'csv' | 'xlsx';

export interface ReadTableOptions {
  format: TableFormat;
  /** Data rows accepted (the header row not counted); one more is refused before the rest is read. */
  maxRows: number;
  /** XLSX: the most the workbook may unpack to. */
  maxUnpackedBytes: number;
  /** XLSX: the sheet to read; the workbook's first sheet when absent. */
  sheet?: string | undefined;
  /** CSV: the delimiter; found from the header line when absent. */
  delimiter?: string | undefined;
  /** CSV: the text encoding; from the BOM, else UTF-8 if valid, else Windows-1252 when absent. */
  encoding?: TextEncoding | undefined;
}

/** A row as text (cells as the strings a person sees), with its line (CSV) or row number (XLSX) in the file. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** A sheet: the header row and the data rows. */
export interface Table {
  header: string[];
  rows: TableRow[];
}

export async function readTable(bytes: Buffer, options: ReadTableOptions): Promise<Table> {
  const cells = options.format === 'csv' ? readCsv(bytes, options) : await readXlsx(bytes, options);
  const [header, ...rows] = cells.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (!header) throw new TableError('import.empty', 'The file has no header row');
  if (rows.length > options.maxRows) throw tooMany(options.maxRows);
  return { header: header.cells.map((h) => h.trim()), rows };
}

const tooMany = (max: number) =>
  new TableError('import.too_many_rows', `The file has more than ${max} rows; split it into several imports`);

const DELIMITERS = [',', ';', '\t', '|'];

function readCsv(bytes: Buffer, options: ReadTableOptions): TableRow[] {
  const text = decodeText(bytes, options.encoding);
  const delimiter = options.delimiter ?? guessDelimiter(text);
  try {
    const records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      // The header and one row past the limit: enough to refuse a file that is too long without reading it all.
      to: options.maxRows + 2,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    if (error instanceof CsvError)
      throw new TableError('import.file_unreadable', `The CSV file cannot be read: ${error.message}`);
    throw error;
  }
}

/** The candidate that splits the header line (as csv-parse reads it, quotes included) into the most columns. */
function guessDelimiter(text: string): string {
  const head = text.slice(0, 65_536);
  let best = ',';
  let most = 0;
  for (const delimiter of DELIMITERS) {
    try {
      const [first] = parse(head, {
        delimiter,
        to: 1,
        relax_column_count: true,
        relax_quotes: true,
      }) as string[][];
      if (first && first.length > most) [best, most] = [delimiter, first.length];
    } catch {
      // Not this one: the header does not parse with it.
    }
  }
  return best;
}

async function readXlsx(bytes: Buffer, options: ReadTableOptions): Promise<TableRow[]> {
  await guardZip(bytes, { maxUnpackedBytes: options.maxUnpackedBytes, maxEntries: 10_000 });
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles are what tell a date from a number; hyperlinks and the rest are not needed.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const out: TableRow[] = [];
  let found = false;
  try {
    for await (const worksheet of reader) {
      if (found || !isWanted(reader, worksheet, options.sheet)) continue;
      found = true;
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        // exceljs rows are 1-based: index 0 is always empty.
        const cells = Array.from({ length: Math.max(values.length - 1, 0) }, (_v, i) =>
          cellText(values[i + 1]),
        );
        out.push({ line: row.number, cells });
        if (out.length > options.maxRows + 1) throw tooMany(options.maxRows);
      }
    }
  } catch (error) {
    if (error instanceof TableError) throw error;
    throw new TableError(
      'import.file_unreadable',
      `The XLSX file cannot be read: ${(error as Error).message}`,
    );
  }
  if (!found)
    throw new TableError(
      'import.sheet_not_found',
      options.sheet ? `The workbook has no sheet named "${options.sheet}"` : 'The workbook has no sheet',
    );
  return out;
}

interface ReaderModel {
  model?: { sheets?: Array<{ name: string; rId: string }> };
  workbookRels?: Array<{ Id: string; Target: string }>;
}

/**
 * exceljs's streaming reader names sheets `Sheet<n>` after their part (sheet<n>.xml), not as the workbook does,
 * and yields them in zip order. The workbook part (read before the sheets in files Excel writes) maps names to
 * parts: the wanted sheet is the named one, or the first in the workbook's own order.
 */
function isWanted(reader: unknown, worksheet: unknown, sheet: string | undefined): boolean {
  const { model, workbookRels } = reader as ReaderModel;
  const id = String((worksheet as { id: unknown }).id);
  const sheets = model?.sheets ?? [];
  const wanted = sheet === undefined ? sheets[0] : sheets.find((s) => s.name === sheet);
  if (!wanted) return sheet === undefined;
  const target = workbookRels?.find((r) => r.Id === wanted.rId)?.Target ?? '';
  return new RegExp(`(^|/)sheet${id}\\.xml$`).test(target);
}

/** A cell as text: formulas by their cached result (never evaluated), rich text joined, dates as ISO dates. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    const cell = value as { result?: unknown; richText?: Array<{ text: string }>; text?: unknown };
    if ('formula' in cell || 'sharedFormula' in cell) return cellText(cell.result);
    if (Array.isArray(cell.richText)) return cell.richText.map((r) => r.text).join('');
    if ('text' in cell) return cellText(cell.text);
  }
  return '';
}
