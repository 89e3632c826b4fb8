import { api, ApiError, unwrap, type Schemas } from '../../api/client';

export type DryRun = Schemas['ImportDryRun'];

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The upload limit the API documents (413 beyond it), for the message that explains a refusal. */
const LIMIT = '10 MB';

/**
 * The file's media type as the API reads it. Browsers leave it empty when the system knows no type for the
 * extension; the extension then decides, and anything else goes as it is, for the API to accept or refuse.
 */
function mediaType(file: File): string {
  if (file.type) return file.type;
  if (/\.xlsx$/i.test(file.name)) return XLSX;
  if (/\.(csv|txt)$/i.test(file.name)) return 'text/csv';
  return 'application/octet-stream';
}

/** Uploads a CSV or XLSX file for a dry run: nothing in the tenant changes. */
export async function uploadImport(file: File, options: { sheet: string; strict: boolean }): Promise<DryRun> {
  const type = mediaType(file);
  return unwrap(
    await api.POST('/imports', {
      params: {
        query: {
          fileName: file.name.slice(0, 255),
          strict: options.strict ? 'true' : 'false',
          ...(options.sheet.trim() ? { sheet: options.sheet.trim() } : {}),
        },
        header: { 'content-type': type },
      },
      // The OpenAPI document types a raw upload as a string; the browser sends the file's bytes as they are.
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body,
    }),
  );
}

/** What to tell the admin when the API refuses a file: the 413 and 415 in words, otherwise the API's own reason. */
export function uploadFailureMessage(error: Error): string {
  if (!(error instanceof ApiError)) return error.message;
  if (error.status === 413)
    return `The file is larger than the ${LIMIT} an import may be. Split it into smaller files.`;
  if (error.status === 415)
    return 'This is not a CSV or XLSX file. Save the sheet as CSV or Excel (.xlsx) and upload it again.';
  if (error.problem.code === 'import.too_many_rows') return `The file has too many rows: ${error.message}`;
  if (error.status === 400) return `The file cannot be read: ${error.message}`;
  return error.message;
}
