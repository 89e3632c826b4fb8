import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
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

/**
 * CSV rows go out CSV_BATCH at a time: one stringified chunk per batch instead of one stream write (and one socket
 * write, one compression flush) per row, which at 100k rows was the export's largest cost after reading them.
 */
const CSV_BATCH = 500;

async function writeCsv(
  out: Writable,
  header: readonly string[],
  rows: AsyncIterable<string[]>,
): Promise<void> {
  await pipeline(Readable.from(csvChunks(header, rows)), out);
}

async function* csvChunks(header: readonly string[], rows: AsyncIterable<string[]>): AsyncIterable<string> {
  // A BOM: Excel opens UTF-8 CSV correctly only with one; csv-parse and seatsync's import skip it.
  yield stringify([[...header]], { bom: true });
  let batch: string[][] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === CSV_BATCH) {
      yield stringify(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield stringify(batch);
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
  for await (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}
