import { Button, Group } from '@mantine/core';

const FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'XLSX' },
] as const;

/**
 * A CSV and an XLSX download of one API file, as plain links: the session cookie authorises a GET of the same
 * origin, and the API's Content-Disposition makes the browser save it instead of leaving the console.
 * `what` completes each link's accessible name ("Download the template as CSV").
 */
export function DownloadLinks({ path, what }: { path: string; what: string }) {
  return (
    <Group gap="xs">
      {FORMATS.map(({ format, label }) => (
        <Button
          key={format}
          component="a"
          href={`/api/v1${path}${path.includes('?') ? '&' : '?'}format=${format}`}
          download
          variant="default"
          size="xs"
          aria-label={`${what} as ${label}`}
        >
          {label}
        </Button>
      ))}
    </Group>
  );
}
