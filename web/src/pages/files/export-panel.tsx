import { Paper, Table, Text, Title } from '@mantine/core';
import { DownloadLinks } from './download-links';

const EXPORTS = [
  {
    path: '/exports/users',
    name: 'Users',
    detail: 'With their licenses, numbers and groups; imports back unchanged',
  },
  { path: '/exports/assignments', name: 'Assignments', detail: 'Every license assignment and its state' },
  { path: '/exports/numbers', name: 'Numbers', detail: 'The number pool' },
  {
    path: '/exports/audit-log',
    name: 'Audit log',
    detail: 'Every change, who made it and the import it came from',
  },
] as const;

/** The tenant's data as files (every role may export). */
export function ExportPanel() {
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        Export
      </Title>
      <Table aria-label="Exports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Data</Table.Th>
            <Table.Th>Contains</Table.Th>
            <Table.Th>Download</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {EXPORTS.map((e) => (
            <Table.Tr key={e.path}>
              <Table.Td>{e.name}</Table.Td>
              <Table.Td>
                <Text size="sm">{e.detail}</Text>
              </Table.Td>
              <Table.Td>
                <DownloadLinks path={e.path} what={`Export ${e.name.toLowerCase()}`} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
