import { Alert, Badge, Paper, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { Pager } from '../../lib/pager';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { DownloadLinks } from './download-links';

const PAGE_SIZE = 20;

const STATUS: Record<Schemas['Import']['status'], { label: string; color: string }> = {
  validated: { label: 'Dry run, not applied', color: 'gray' },
  applying: { label: 'Applying', color: 'blue' },
  completed: { label: 'Completed', color: 'teal' },
};

/** The tenant's imports, newest first, with each one's progress and result file. */
export function ImportHistory() {
  const pages = useCursorPages();
  const list = useQuery({
    queryKey: ['imports', 'list', pages.cursor],
    queryFn: async () =>
      unwrap(
        await api.GET('/imports', {
          params: { query: { limit: PAGE_SIZE, ...(pages.cursor ? { cursor: pages.cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
    // An import being applied moves on its own: its row here follows it.
    refetchInterval: (query) => (query.state.data?.items.some((i) => i.status === 'applying') ? 2000 : false),
  });
  const items = list.data?.items ?? [];
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        Previous imports
      </Title>
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      {list.data && items.length === 0 ? (
        <Text size="sm">No file has been imported yet.</Text>
      ) : (
        <Table aria-label="Previous imports">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Uploaded</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Rows</Table.Th>
              <Table.Th>Applied</Table.Th>
              <Table.Th>Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.fileName ?? `${i.format.toUpperCase()} file`}</Table.Td>
                <Table.Td>{formatDateTime(i.createdAt)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS[i.status].color}>
                    {STATUS[i.status].label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {i.progress.total} ({i.progress.invalid} with errors)
                </Table.Td>
                <Table.Td>
                  {i.status === 'validated'
                    ? '—'
                    : `${i.progress.done - i.progress.failed} of ${i.progress.total - i.progress.invalid}, ${i.progress.failed} failed`}
                </Table.Td>
                <Table.Td>
                  <DownloadLinks
                    path={`/imports/${i.id}/result`}
                    what={`Result of ${i.fileName ?? 'the import'} from ${formatDateTime(i.createdAt)}`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager
        page={pages.page}
        nextCursor={list.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
    </Paper>
  );
}
