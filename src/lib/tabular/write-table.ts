import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { escapeFormula } from './formula-escape.js';
import type { TableFormat } from './read-table.js';

export const TABLE_MEDIA_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Streams rows into a CSV or XLSX file as they come: memory holds one row (and the writers' small buffers), so an
 * export of any length runs in constant memory. Every cell is text with formulas escaped (see formula-escape.ts).
 * A failure while reading `rows` destroys the stream, so the client sees a broken download, not a short file.
 */
export function tableStream(
  format: TableFormat,
  header: readonly string[],
  rows: AsyncIterable<ReadonlyArray<string | null>>,
  sheetName = 'Sheet1',
): Readable {
  const out = new PassThrough();
  const write = format === 'csv' ? writeCsv : writeXlsx;
  write(out, header, escaped(rows), sheetName).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

async function* escaped(rows: AsyncIterable<ReadonlyArray<string | null>>): AsyncIterable<string[]> {
  for await (const row of rows) yield row.map((cell) => escapeFormula(cell ?? ''));
}

async function writeCsv(
  out: Writable,
  header: readonly string[],
  rows: AsyncIterable<string[]>,
): Promise<void> {
  // A BOM: Excel opens UTF-8 CSV correctly only with one; csv-parse and seatsync's import skip it.
  await pipeline(Readable.from(rows), stringify({ header: true, columns: [...header], bom: true }), out);
}

async function writeXlsx(
  out: Writable,
  header: readonly string[],
  rows: AsyncIterable<string[]>,
  sheetName: string,
): Promise<void> {
  // Inline strings, not a shared-string table: the shared table would grow with every distinct value.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...header]).commit();
  let written = 0;
  for await (const row of rows) {
    sheet.addRow(row).commit();
    written += 1;
    if (written % DRAIN_EVERY === 0) await zipCaughtUp(sheet);
  }
  sheet.commit();
  await workbook.commit();
}

/** Rows between two waits for the zip: a few hundred kilobytes of sheet XML. */
const DRAIN_EVERY = 500;

/**
 * exceljs's streaming writer ignores backpressure: the sheet's XML goes into a stream the zip reads at the pace of
 * its compression, and whatever the zip has not read yet stays in memory (the whole sheet, when rows come faster
 * than it compresses: 1 MB per 1,000 users). This waits until the zip has taken what was written. The sheet stream
 * pipes into one stream, the zip entry's input (exceljs 4.4 `StreamBuf.pipes`).
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  const { stream } = sheet as unknown as { stream: { pipes?: ZipEntryInput[] } };
  const entry = stream.pipes?.[0];
  if (entry?._writableState?.needDrain) await once(entry, 'drain');
}

/** archiver's entry input is a readable-stream 2 PassThrough, which has no `writableNeedDrain` yet. */
type ZipEntryInput = NodeJS.EventEmitter & { _writableState?: { needDrain: boolean } };
