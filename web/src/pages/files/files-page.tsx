import { Stack, Title } from '@mantine/core';
import { useSession } from '../../session/session-context';
import { ExportPanel } from './export-panel';
import { ImportHistory } from './import-history';
import { ImportPanel } from './import-panel';

/** Users in by file (dry run, then apply as a job) and the tenant's data out as files. */
export default function FilesPage() {
  const { can } = useSession();
  // Importing writes users, numbers and licenses (the API refuses read-only admins); every role may export.
  const importer = can('owner', 'license_admin');
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Import and export
      </Title>
      {importer && <ImportPanel />}
      <ImportHistory />
      <ExportPanel />
    </Stack>
  );
}
