/** Why a spreadsheet could not be read; `code` is stable (the admin API answers 400 with it). */
export type TableErrorCode =
  | 'import.file_unreadable'
  | 'import.file_encrypted'
  | 'import.file_too_large_unpacked'
  | 'import.sheet_not_found'
  | 'import.empty'
  | 'import.too_many_rows';

export class TableError extends Error {
  constructor(
    readonly code: TableErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TableError';
  }
}
