import { Alert, Badge, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { Schemas } from '../../api/client';

type Preview = Schemas['RulePreview'];

const CONFLICT_LABEL: Record<string, string> = {
  priority_lost: 'Lost on priority',
  track_held_by_direct: 'Track held by a direct license',
  requirement_unmet: 'Requirement not met',
  dependents_lose_requirement: 'Dependent license loses its requirement',
  grant_failed: 'Grant failed',
};

/**
 * What a rule change would do, before it is saved: per product the users gaining and losing it against the
 * seats free now, numbers needed against the pool, who loses service, the conflicts, and whether the
 * mass-change threshold would hold the removals for approval. `pending`: the preview is being computed (a
 * tenant with 100k users takes seconds).
 */
export function RulePreviewPanel({ preview, pending }: { preview: Preview | undefined; pending: boolean }) {
  if (pending)
    return (
      <Paper withBorder p="md" aria-busy="true">
        <Group gap="sm">
          <Loader size="sm" aria-label="Computing the preview" />
          <Text size="sm">Computing the impact over every user of the tenant…</Text>
        </Group>
      </Paper>
    );
  if (!preview) return null;
  const held = preview.massChange.wouldBeHeld;
  return (
    <Stack component="section" aria-label="Preview" gap="md">
      <Title order={2} size="h4">
        Impact if applied
      </Title>
      <Text size="sm" c="dimmed">
        Active rules: {preview.rules.before} now, {preview.rules.after} after the change. Nothing has been
        saved yet.
      </Text>
      {held ? (
        <Alert color="orange" title="This change would be held for approval">
          It stops {preview.massChange.licensesStopped} running licenses, more than the mass-change threshold
          of {preview.massChange.threshold}. An admin approves or rejects it under Held changes.
        </Alert>
      ) : (
        <Alert color="teal" title="Applied without approval">
          It stops {preview.massChange.licensesStopped} running licenses (threshold{' '}
          {preview.massChange.threshold}).
        </Alert>
      )}
      <Table withTableBorder aria-label="Licenses per product">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th>Users gaining</Table.Th>
            <Table.Th>Joining a license they hold</Table.Th>
            <Table.Th>Users losing</Table.Th>
            <Table.Th>Seats free now</Table.Th>
            <Table.Th>Seat shortfall</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.products.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>No license would change.</Table.Td>
            </Table.Tr>
          )}
          {preview.products.map((p) => (
            <Table.Tr key={p.productId}>
              <Table.Td>{p.productName}</Table.Td>
              <Table.Td>{p.add}</Table.Td>
              <Table.Td>{p.join}</Table.Td>
              <Table.Td>{p.remove}</Table.Td>
              <Table.Td>{p.seatsAvailable}</Table.Td>
              <Table.Td>
                {p.seatShortfall > 0 ? (
                  <Badge color="red" variant="light">
                    {p.seatShortfall} short
                  </Badge>
                ) : (
                  0
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {preview.numbers.length > 0 && (
        <Table withTableBorder aria-label="Numbers needed from the pool">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Country</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Needed</Table.Th>
              <Table.Th>Available in the pool</Table.Th>
              <Table.Th>Shortfall</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.numbers.map((n) => (
              <Table.Tr key={`${n.country}-${n.kind}`}>
                <Table.Td>{n.country}</Table.Td>
                <Table.Td>{n.kind}</Table.Td>
                <Table.Td>{n.needed}</Table.Td>
                <Table.Td>{n.available}</Table.Td>
                <Table.Td>{n.shortfall}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <UserList
          title={`Users gaining a license (${preview.gaining.total})`}
          total={preview.gaining.total}
          items={preview.gaining.items.map((g) => ({
            key: `${g.userId}-${g.productKey}`,
            user: g.userName,
            detail: g.productKey,
          }))}
        />
        <UserList
          title={`Users losing service (${preview.losingService.total})`}
          total={preview.losingService.total}
          items={preview.losingService.items.map((l) => ({
            key: `${l.userId}-${l.productKey}`,
            user: l.userName,
            detail: `${l.productKey} — ${l.reason === 'grant_revoked' ? 'license ends' : 'loses a license it needs'}`,
          }))}
        />
      </SimpleGrid>
      <UserList
        title={`Conflicts (${preview.conflicts.total})`}
        total={preview.conflicts.total}
        items={preview.conflicts.items.map((c, i) => ({
          key: `${c.userId}-${c.kind}-${i}`,
          user: c.userName,
          detail: `${CONFLICT_LABEL[c.kind] ?? c.kind}: ${c.message}`,
        }))}
      />
    </Stack>
  );
}

function UserList(props: {
  title: string;
  total: number;
  items: Array<{ key: string; user: string; detail: string }>;
}) {
  return (
    <Paper withBorder p="sm">
      <Title order={3} size="h5" mb="xs">
        {props.title}
      </Title>
      {props.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          None.
        </Text>
      ) : (
        <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {props.items.map((item) => (
            <Text component="li" size="sm" key={item.key}>
              <strong>{item.user}</strong> — {item.detail}
            </Text>
          ))}
          {props.total > props.items.length && (
            <Text component="li" size="sm" c="dimmed">
              …and {props.total - props.items.length} more
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
