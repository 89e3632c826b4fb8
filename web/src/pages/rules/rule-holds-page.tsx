import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../session/session-context';
import { RulesTabs } from './rules-tabs';

const STATUS_COLOR = { pending: 'orange', approved: 'teal', rejected: 'gray' } as const;

/** Mass changes the rules wanted and the threshold held: pending ones first. */
export default function RuleHoldsPage() {
  const { id } = useParams();
  const holds = useQuery({
    queryKey: ['rule-holds', 'all'],
    queryFn: async () =>
      unwrap(await api.GET('/rule-holds', { params: { query: { limit: 200 } } })).items.sort(
        (a, b) =>
          Number(b.status === 'pending') - Number(a.status === 'pending') ||
          b.createdAt.localeCompare(a.createdAt),
      ),
  });
  return (
    <>
      <RulesTabs />
      {holds.error && <Alert color="red">{holds.error.message}</Alert>}
      {holds.data?.length === 0 && <Text>No change has been held.</Text>}
      {id ? (
        <HoldDetail id={id} />
      ) : (
        holds.data &&
        holds.data.length > 0 && (
          <Table striped aria-label="Held changes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Held</Table.Th>
                <Table.Th>Cause</Table.Th>
                <Table.Th>Licenses to remove</Table.Th>
                <Table.Th>Threshold</Table.Th>
                <Table.Th>State</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {holds.data.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>
                    <Link to={`/rules/holds/${h.id}`}>{new Date(h.createdAt).toLocaleString()}</Link>
                  </Table.Td>
                  <Table.Td>{h.cause}</Table.Td>
                  <Table.Td>{h.removals}</Table.Td>
                  <Table.Td>{h.threshold}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[h.status]} variant="light">
                      {h.status}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      )}
    </>
  );
}

/** One held change with the users whose licenses it would remove, and the decision. */
function HoldDetail({ id }: { id: string }) {
  const { can } = useSession();
  const queryClient = useQueryClient();
  const hold = useQuery({
    queryKey: ['rule-holds', id],
    queryFn: async () =>
      unwrap(await api.GET('/rule-holds/{id}', { params: { path: { id }, query: { limit: 1000 } } })),
  });
  const decide = useMutation({
    mutationFn: async (verb: 'approve' | 'reject') =>
      unwrap(
        verb === 'approve'
          ? await api.POST('/rule-holds/{id}/approve', { params: { path: { id } } })
          : await api.POST('/rule-holds/{id}/reject', { params: { path: { id } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['rule-holds'] }),
  });
  if (hold.error) return <Alert color="red">{hold.error.message}</Alert>;
  if (!hold.data) return <Text>Loading…</Text>;
  const h = hold.data;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          Held change of {new Date(h.createdAt).toLocaleString()}{' '}
          <Badge color={STATUS_COLOR[h.status]} variant="light">
            {h.status}
          </Badge>
        </Title>
        <Button component={Link} to="/rules/holds" variant="subtle">
          All held changes
        </Button>
      </Group>
      <Paper withBorder p="md">
        <Text>
          {h.cause}: {h.removals} licenses would be removed, above the mass-change threshold of {h.threshold}.
          Approving applies the removals the rules still want within a minute (through grace); rejecting keeps
          the licenses.
        </Text>
        {h.decidedAt && (
          <Text size="sm" c="dimmed" mt="xs">
            Decided {new Date(h.decidedAt).toLocaleString()} by {h.decidedBy}
          </Text>
        )}
      </Paper>
      {decide.error && (
        <Alert color="red" role="alert">
          {decide.error.message}
        </Alert>
      )}
      {h.status === 'pending' && can('owner', 'license_admin') && (
        <Group>
          <Button
            color="red"
            loading={decide.isPending && decide.variables === 'approve'}
            onClick={() => decide.mutate('approve')}
          >
            Approve removals
          </Button>
          <Button
            variant="default"
            loading={decide.isPending && decide.variables === 'reject'}
            onClick={() => decide.mutate('reject')}
          >
            Reject
          </Button>
        </Group>
      )}
      <Table striped aria-label="Affected users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>User</Table.Th>
            <Table.Th>License</Table.Th>
            <Table.Th>Rule</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {h.items.map((item) => (
            <Table.Tr key={`${item.userId}-${item.ruleId}-${item.productId}`}>
              <Table.Td>{item.userName}</Table.Td>
              <Table.Td>{item.productKey}</Table.Td>
              <Table.Td>
                <Link to={`/rules/${item.ruleId}`}>{item.ruleName}</Link>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {h.items.length < h.removals && (
        <Text size="sm" c="dimmed">
          Showing {h.items.length} of {h.removals}.
        </Text>
      )}
    </Stack>
  );
}
