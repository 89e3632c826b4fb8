import { Alert, Anchor, Badge, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { formatDateTime, humanize } from '../../lib/format';
import { RUN_COLOURS } from './run-colours';
import { Pager } from '../../lib/pager';
import { useCursorPages } from '../../lib/use-cursor-pages';

type Connection = Schemas['DirectoryConnection'];
type Reconciliation = Schemas['ContactReconciliation'];

/**
 * Contact reconciliation of a connection: start one now and follow it, its runs, and the phone numbers a run found
 * that the tenant does not own.
 */
export function ContactReconciliations({
  connection,
  canEdit,
}: {
  connection: Connection;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const runsKey = ['directory-reconciliations', connection.id];
  const runs = useQuery({
    queryKey: runsKey,
    queryFn: async () =>
      unwrap(
        await api.GET('/directory/connections/{id}/reconciliations', {
          params: { path: { id: connection.id }, query: { limit: 20 } },
        }),
      ),
    // A run in progress (started here or by the schedule) is followed until it ends.
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'running') ? 1000 : false),
  });
  const [shown, setShown] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/directory/connections/{id}/reconcile', { params: { path: { id: connection.id } } }),
      ),
    onSuccess: async (started) => {
      setShown(started.runId);
      await queryClient.invalidateQueries({ queryKey: runsKey });
    },
  });
  const items = runs.data?.items ?? [];
  const running = items.find((r) => r.status === 'running');
  const shownRun = items.find((r) => r.id === shown) ?? null;

  return (
    <Stack gap="xs" component="section" aria-labelledby={`reconcile-${connection.id}`}>
      <Group justify="space-between">
        <Title order={3} size="h4" id={`reconcile-${connection.id}`}>
          Contact reconciliations
        </Title>
        {canEdit && (
          <Button
            variant="default"
            loading={start.isPending}
            disabled={running !== undefined}
            onClick={() => start.mutate()}
          >
            Reconcile contacts now
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Compares the contact fields the directory owns with seatsync, sets drifted ones back and lists
        directory phone numbers that are not the tenant&apos;s.
      </Text>
      {(start.error ?? runs.error) && <Alert color="red">{(start.error ?? runs.error)?.message}</Alert>}
      {running && (
        <Stack gap={4} role="status" aria-live="polite">
          <Progress value={100} animated striped aria-label="Reconciliation progress" />
          <Text size="sm">Reconciling contacts…</Text>
        </Stack>
      )}
      <Table striped aria-label={`Contact reconciliations of ${connection.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Checked</Table.Th>
            <Table.Th>Fixed</Table.Th>
            <Table.Th>Conflicts</Table.Th>
            <Table.Th>Error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((run) => (
            <Table.Tr key={run.id}>
              <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
              <Table.Td>
                <Badge color={RUN_COLOURS[run.status]} variant="light">
                  {run.status}
                </Badge>
              </Table.Td>
              <Table.Td>{run.checked}</Table.Td>
              <Table.Td>{run.fixed}</Table.Td>
              <Table.Td>
                {run.conflicts > 0 ? (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    aria-pressed={shown === run.id}
                    aria-label={`Show the ${run.conflicts} conflicts of the run of ${formatDateTime(run.startedAt)}`}
                    onClick={() => setShown(run.id)}
                  >
                    {run.conflicts}
                  </Button>
                ) : (
                  run.conflicts
                )}
              </Table.Td>
              <Table.Td>{run.errorCode ? `${run.errorCode}: ${run.errorMessage ?? ''}` : ''}</Table.Td>
            </Table.Tr>
          ))}
          {runs.data && items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>No reconciliation yet.</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      {shownRun && shownRun.conflicts > 0 && <ConflictList key={shownRun.id} run={shownRun} />}
    </Stack>
  );
}

/** The conflicts one run found, a page at a time, each user a link to where the number is fixed. */
function ConflictList({ run }: { run: Reconciliation }) {
  const pages = useCursorPages();
  const conflicts = useQuery({
    queryKey: ['directory-conflicts', run.id, pages.cursor],
    queryFn: async () =>
      unwrap(
        await api.GET('/directory/reconciliations/{id}/conflicts', {
          params: {
            path: { id: run.id },
            query: { limit: 50, ...(pages.cursor ? { cursor: pages.cursor } : {}) },
          },
        }),
      ),
  });
  return (
    <Stack gap={4}>
      <Title order={4} size="h5">
        Conflicts found {formatDateTime(run.startedAt)}
      </Title>
      {conflicts.error && <Alert color="red">{conflicts.error.message}</Alert>}
      <Table aria-label={`Conflicts of the reconciliation of ${formatDateTime(run.startedAt)}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>User</Table.Th>
            <Table.Th>Attribute</Table.Th>
            <Table.Th>Directory number</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conflicts.data?.items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                {c.userId && c.userName ? (
                  <Anchor component={Link} to={`/users/${c.userId}`}>
                    {c.displayName ?? c.userName}
                  </Anchor>
                ) : (
                  <Text size="sm">Directory user {c.objectId}</Text>
                )}
              </Table.Td>
              <Table.Td>{c.attribute}</Table.Td>
              <Table.Td>{c.e164 ?? c.number}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {humanize(c.code.replace('number.', ''))}
                </Text>
                <Text size="sm" c="dimmed">
                  {c.message}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pager
        page={pages.page}
        nextCursor={conflicts.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
    </Stack>
  );
}
