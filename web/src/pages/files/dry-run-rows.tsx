import { Badge, Group, List, Pagination, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { Schemas } from '../../api/client';
import { formatDate, humanize } from '../../lib/format';

type Row = Schemas['ImportRowOutcome'];

/** Rows shown at once: a file may hold 10,000, and a table that long helps no one read it. */
const PAGE_SIZE = 100;

const STATUS_COLOURS: Record<Row['status'], string> = {
  valid: 'teal',
  invalid: 'red',
  applied: 'teal',
  failed: 'red',
};

/** What the import would do (or did) with each row of the file, and each error under the column it is in. */
export function DryRunRows({ rows, productName }: { rows: Row[]; productName: (key: string) => string }) {
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [page, setPage] = useState(1);
  const shown = errorsOnly ? rows.filter((r) => r.errors.length > 0) : rows;
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const withErrors = rows.filter((r) => r.errors.length > 0).length;
  return (
    <>
      <Group justify="space-between" mb="xs">
        <Switch
          label={`Show only rows with errors (${withErrors})`}
          checked={errorsOnly}
          onChange={(e) => {
            setErrorsOnly(e.currentTarget.checked);
            setPage(1);
          }}
        />
        {pages > 1 && (
          <Pagination
            total={pages}
            value={current}
            onChange={setPage}
            size="sm"
            getControlProps={(control) => ({ 'aria-label': `${control} page` })}
          />
        )}
      </Group>
      <Table striped aria-label="Rows of the file" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Line</Table.Th>
            <Table.Th>E-mail</Table.Th>
            <Table.Th w={110}>Status</Table.Th>
            <Table.Th>User</Table.Th>
            <Table.Th>Numbers</Table.Th>
            <Table.Th>Licenses</Table.Th>
            <Table.Th>Groups</Table.Th>
            <Table.Th>Errors</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((row) => (
            <Table.Tr key={row.line}>
              <Table.Td>{row.line}</Table.Td>
              <Table.Td>{row.email ?? '—'}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={STATUS_COLOURS[row.status]}>
                  {row.status}
                </Badge>
              </Table.Td>
              <Table.Td>
                {row.user
                  ? `${row.user.action}${row.user.changed.length > 0 ? `: ${row.user.changed.join(', ')}` : ''}`
                  : '—'}
              </Table.Td>
              <Table.Td>
                <Lines items={row.numbers.map((n) => `${n.action} ${n.number} (${n.kind})`)} />
              </Table.Td>
              <Table.Td>
                <Lines
                  items={[
                    ...row.licenses.map(
                      (l) =>
                        `${l.action} ${productName(l.product)}, ${l.state}` +
                        (l.action === 'schedule' || l.state === 'scheduled'
                          ? ` from ${formatDate(l.effectiveAt)}`
                          : '') +
                        (l.conflicts.length > 0 ? ` (${l.conflicts.map((c) => c.message).join('; ')})` : ''),
                    ),
                    ...row.ruleLicenses.map((r) => `${productName(r.product)} by rule ${r.ruleName}`),
                  ]}
                />
              </Table.Td>
              <Table.Td>
                <Lines items={row.groups.map((g) => `${g.action} ${g.group}`)} />
              </Table.Td>
              <Table.Td>
                {row.errors.length > 0 && (
                  <List size="sm" spacing={2} aria-label={`Errors on line ${row.line}`}>
                    {row.errors.map((e) => (
                      <List.Item key={`${e.column ?? ''}:${e.code}`}>
                        <Text span fw={700} size="sm">
                          {e.column ?? 'row'}
                        </Text>
                        : {e.message}
                        <Text span c="dimmed" size="xs">
                          {' '}
                          ({humanize(e.code)})
                        </Text>
                      </List.Item>
                    ))}
                  </List>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {shown.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          No row has an error.
        </Text>
      )}
    </>
  );
}

function Lines({ items }: { items: string[] }) {
  if (items.length === 0) return <>—</>;
  return (
    <>
      {items.map((item) => (
        <Text key={item} size="sm">
          {item}
        </Text>
      ))}
    </>
  );
}
