import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1';
export const TEXT_ENCODINGS: readonly TextEncoding[] = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-1',
];

/**
 * Decodes an uploaded text file. A BOM decides (UTF-8, UTF-16 LE/BE: what Excel's "Unicode text" and "CSV UTF-8"
 * write); without one, valid UTF-8 is UTF-8 and anything else is Windows-1252 (Excel's "CSV" on Western systems,
 * a superset of ISO-8859-1 for printable text). `encoding` overrides the guess.
 */
export function decodeText(bytes: Buffer, encoding?: TextEncoding): string {
  const bom = bomOf(bytes);
  const chosen = encoding ?? bom?.encoding ?? (isUtf8(bytes) ? 'utf-8' : 'windows-1252');
  const body = bom && bom.encoding === chosen ? bytes.subarray(bom.length) : bytes;
  return iconv.decode(body, chosen, { stripBOM: true });
}

function bomOf(bytes: Buffer): { encoding: TextEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
function isUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
