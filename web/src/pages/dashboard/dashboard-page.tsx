import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  List,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { formatDateTime, humanize } from '../../lib/format';

/**
 * The landing page: what needs an admin now. Seats used against purchased, licenses that could not start and
 * why, changes waiting for approval, the directory's last sync — each a link to where it is fixed.
 */
export default function DashboardPage() {
  return (
    <Stack>
      <Title order={1} size="h2">
        Overview
      </Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <SeatsCard />
        <BlockedCard />
        <ApprovalsCard />
        <SyncCard />
      </SimpleGrid>
    </Stack>
  );
}

function SeatsCard() {
  const inventory = useQuery({
    queryKey: ['inventory'],
    queryFn: async () => unwrap(await api.GET('/inventory')),
  });
  return (
    <Card withBorder component="section" aria-labelledby="seats-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="seats-heading">
          Seats
        </Title>
        <Anchor component={Link} to="/licenses" size="sm">
          Licenses
        </Anchor>
      </Group>
      {inventory.error && <Alert color="red">{inventory.error.message}</Alert>}
      {inventory.data?.items.length === 0 && <Text c="dimmed">No seats bought yet.</Text>}
      <Stack gap="sm">
        {inventory.data?.items
          .filter((line) => line.purchased > 0 || line.held > 0 || line.scheduled > 0 || line.blocked > 0)
          .map((line) => {
            const used = line.purchased > 0 ? Math.min(100, (line.held / line.purchased) * 100) : 100;
            return (
              <div key={line.productId} data-testid={`seats-${line.productKey}`}>
                <Group justify="space-between" gap="xs">
                  <Text fw={500}>{line.productName}</Text>
                  <Text size="sm">
                    {line.held} of {line.purchased} used · {line.availableNow} free
                    {line.scheduled > 0 && ` · ${line.scheduled} scheduled`}
                  </Text>
                </Group>
                <Progress
                  value={used}
                  color={line.availableNow === 0 ? 'red' : used > 85 ? 'yellow' : 'teal'}
                  aria-label={`${line.productName}: ${line.held} of ${line.purchased} seats used`}
                />
              </div>
            );
          })}
      </Stack>
    </Card>
  );
}

function BlockedCard() {
  const blocked = useQuery({
    queryKey: ['assignments', { state: 'blocked' }],
    queryFn: async () =>
      unwrap(await api.GET('/assignments', { params: { query: { state: 'blocked', limit: 200 } } })),
  });
  const byReason = new Map<string, { count: number; userIds: string[] }>();
  for (const assignment of blocked.data?.items ?? []) {
    for (const reason of assignment.blockedReasons) {
      const entry = byReason.get(reason) ?? { count: 0, userIds: [] };
      entry.count += 1;
      if (entry.userIds.length < 5) entry.userIds.push(assignment.userId);
      byReason.set(reason, entry);
    }
  }
  const total = blocked.data?.items.length ?? 0;
  return (
    <Card withBorder component="section" aria-labelledby="blocked-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="blocked-heading">
          Licenses that could not start
        </Title>
        <Badge color={total > 0 ? 'red' : 'teal'} variant="light">
          {blocked.data?.nextCursor ? `${total}+` : total}
        </Badge>
      </Group>
      {blocked.error && <Alert color="red">{blocked.error.message}</Alert>}
      {total === 0 && blocked.data && <Text c="dimmed">Every due license is running.</Text>}
      <Table>
        <Table.Tbody>
          {[...byReason].map(([reason, entry]) => (
            <Table.Tr key={reason}>
              <Table.Td>{humanize(reason)}</Table.Td>
              <Table.Td>{entry.count}</Table.Td>
              <Table.Td>
                <Group gap={6}>
                  {entry.userIds.map((userId, i) => (
                    <Anchor key={`${userId}-${i}`} component={Link} to={`/users/${userId}`} size="sm">
                      user {i + 1}
                    </Anchor>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function ApprovalsCard() {
  const holds = useQuery({
    queryKey: ['rule-holds', { status: 'pending' }],
    queryFn: async () =>
      unwrap(await api.GET('/rule-holds', { params: { query: { status: 'pending', limit: 50 } } })),
  });
  const runs = useHeldAndLastRuns();
  const heldRuns =
    runs.data?.flatMap((c) => c.runs.filter((r) => r.status === 'held').map((r) => ({ ...r, c }))) ?? [];
  const pending = (holds.data?.items.length ?? 0) + heldRuns.length;
  return (
    <Card withBorder component="section" aria-labelledby="approvals-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="approvals-heading">
          Waiting for approval
        </Title>
        <Badge color={pending > 0 ? 'yellow' : 'teal'} variant="light">
          {pending}
        </Badge>
      </Group>
      {holds.error && <Alert color="red">{holds.error.message}</Alert>}
      {pending === 0 && holds.data && <Text c="dimmed">Nothing is held.</Text>}
      <List spacing="xs">
        {holds.data?.items.map((hold) => (
          <List.Item key={hold.id}>
            <Anchor component={Link} to={`/rules/holds/${hold.id}`}>
              Rule change holding {hold.removals} removals
            </Anchor>{' '}
            <Text span size="sm" c="dimmed">
              since {formatDateTime(hold.createdAt)}
            </Text>
          </List.Item>
        ))}
        {heldRuns.map((run) => (
          <List.Item key={run.id}>
            <Anchor component={Link} to="/directory">
              {run.c.name}: sync would suspend {run.plannedSuspensions?.length ?? 0} users
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}

function SyncCard() {
  const runs = useHeldAndLastRuns();
  return (
    <Card withBorder component="section" aria-labelledby="sync-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="sync-heading">
          Directory sync
        </Title>
        <Anchor component={Link} to="/directory" size="sm">
          Directory
        </Anchor>
      </Group>
      {runs.error && <Alert color="red">{runs.error.message}</Alert>}
      {runs.data?.length === 0 && (
        <Text c="dimmed">No Entra ID connection: users arrive by SCIM or the API.</Text>
      )}
      <Table>
        <Table.Tbody>
          {runs.data?.map(({ id, name, runs: [last] }) => (
            <Table.Tr key={id}>
              <Table.Td>{name}</Table.Td>
              <Table.Td>
                {last ? (
                  <Badge
                    color={last.status === 'failed' ? 'red' : last.status === 'held' ? 'yellow' : 'teal'}
                    variant="light"
                  >
                    {last.status}
                  </Badge>
                ) : (
                  <Text c="dimmed">never synced</Text>
                )}
              </Table.Td>
              <Table.Td>{last && formatDateTime(last.finishedAt ?? last.startedAt)}</Table.Td>
              <Table.Td>{last?.errorMessage}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Each Entra connection with its latest runs (a tenant has a handful of connections). */
function useHeldAndLastRuns() {
  return useQuery({
    queryKey: ['directory', 'latest-runs'],
    queryFn: async () => {
      const { items } = unwrap(await api.GET('/directory/connections'));
      return Promise.all(
        items.map(async (connection) => ({
          id: connection.id,
          name: connection.name,
          runs: unwrap(
            await api.GET('/directory/connections/{id}/runs', {
              params: { path: { id: connection.id }, query: { limit: 10 } },
            }),
          ).items,
        })),
      );
    },
  });
}
