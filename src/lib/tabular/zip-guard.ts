import yauzl from 'yauzl';
import { TableError } from './table-error.js';

export interface ZipLimits {
  /** Largest total of the entries once inflated. */
  maxUnpackedBytes: number;
  maxEntries: number;
}

/** What an XLSX (a zip) starts with; encrypted and legacy .xls workbooks are OLE compound files instead. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export const looksLikeZip = (bytes: Buffer) => bytes.subarray(0, 4).equals(ZIP_MAGIC);
export const looksLikeOle = (bytes: Buffer) => bytes.subarray(0, 8).equals(OLE_MAGIC);

/**
 * Checks an uploaded zip before any XLSX reader inflates it: exceljs's streaming reader (through unzipper) trusts
 * the sizes an archive declares and inflates whatever it holds, so a zip bomb would exhaust memory there. yauzl
 * reads the central directory, and inflating every entry here with `validateEntrySizes` proves each declared size
 * (an entry that inflates past what it declares is an error), discarding the bytes as they come: memory stays at one
 * inflate window, and the total is refused as soon as it passes the limit.
 */
export async function guardZip(bytes: Buffer, limits: ZipLimits): Promise<void> {
  if (looksLikeOle(bytes))
    throw new TableError(
      'import.file_encrypted',
      'The workbook is password-protected (or a legacy .xls file): save it without a password as .xlsx',
    );
  if (!looksLikeZip(bytes))
    throw new TableError('import.file_unreadable', 'The file is not an XLSX workbook');
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (error, file) =>
      error ? reject(unreadable(error)) : resolve(file),
    ),
  );
  if (zip.entryCount > limits.maxEntries)
    throw tooLarge(`The workbook has ${zip.entryCount} parts; at most ${limits.maxEntries} are accepted`);
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(error instanceof TableError ? error : unreadable(error)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (/\/$/.test(entry.fileName)) return zip.readEntry();
        total += entry.uncompressedSize;
        if (total > limits.maxUnpackedBytes) return reject(tooLarge(unpackedMessage(limits)));
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(unreadable(error));
          stream.on('data', () => {});
          stream.on('error', (e: Error) => reject(unreadable(e)));
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

const unpackedMessage = (limits: ZipLimits) =>
  `The workbook unpacks to more than ${Math.round(limits.maxUnpackedBytes / 1048576)} MB (a zip bomb, or far more than an import holds)`;
const tooLarge = (message: string) => new TableError('import.file_too_large_unpacked', message);
const unreadable = (error: Error) =>
  new TableError('import.file_unreadable', `The XLSX file is damaged and cannot be read (${error.message})`);
