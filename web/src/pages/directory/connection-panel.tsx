import { Alert, Badge, Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../session/session-context';

type Connection = Schemas['DirectoryConnection'];
type Run = Schemas['DirectorySyncRun'];

const RUN_COLOURS: Record<Run['status'], string> = {
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  held: 'orange',
  approved: 'teal',
  rejected: 'gray',
};

/** One connection: its test, sync now followed live, its recent runs and the held ones to decide. */
export function ConnectionPanel({ connection }: { connection: Connection }) {
  const { can } = useSession();
  const owner = can('owner');
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState<string | null>(null);
  const runsKey = ['directory-runs', connection.id];
  const runs = useQuery({
    queryKey: runsKey,
    queryFn: async () =>
      unwrap(
        await api.GET('/directory/connections/{id}/runs', {
          params: { path: { id: connection.id }, query: { limit: 20 } },
        }),
      ),
  });
  const test = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/directory/connections/{id}/test', { params: { path: { id: connection.id } } })),
  });
  const sync = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/directory/connections/{id}/sync', { params: { path: { id: connection.id } } })),
    onSuccess: (started) => setRunId(started.runId),
  });
  // The run is read every second until it leaves `running`; the runs list is refreshed once it has.
  const live = useQuery({
    queryKey: ['directory-run', runId],
    enabled: runId !== null,
    queryFn: async () =>
      unwrap(await api.GET('/directory/runs/{id}', { params: { path: { id: runId ?? '' } } })),
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'running' ? false : 1000),
  });
  const finished = live.data && live.data.status !== 'running';
  const [refreshedFor, setRefreshedFor] = useState<string | null>(null);
  if (finished && live.data && refreshedFor !== live.data.id) {
    setRefreshedFor(live.data.id);
    void queryClient.invalidateQueries({ queryKey: runsKey });
  }
  const decide = useMutation({
    mutationFn: async (action: { id: string; decision: 'approve' | 'reject' }) =>
      action.decision === 'approve'
        ? unwrap(await api.POST('/directory/runs/{id}/approve', { params: { path: { id: action.id } } }))
        : unwrap(await api.POST('/directory/runs/{id}/reject', { params: { path: { id: action.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: runsKey }),
  });
  const held = runs.data?.items.filter((r) => r.status === 'held') ?? [];

  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-label={connection.name}>
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={2} size="h3">
              {connection.name}
            </Title>
            <Text size="sm" c="dimmed">
              Entra tenant {connection.entraTenantId} · every {connection.syncInterval} · next run{' '}
              {connection.nextRun} {connection.enabled ? '' : '· disabled'}
            </Text>
          </div>
          {owner && (
            <Group gap="xs">
              <Button variant="default" loading={test.isPending} onClick={() => test.mutate()}>
                Test connection
              </Button>
              <Button
                loading={sync.isPending}
                disabled={live.data?.status === 'running'}
                onClick={() => sync.mutate()}
              >
                Sync now
              </Button>
            </Group>
          )}
        </Group>
        {test.data &&
          (test.data.ok ? (
            <Alert color="teal" title="Connection works" />
          ) : (
            <Alert color="red" title={`Test failed: ${test.data.code ?? 'unknown'}`}>
              {test.data.message}
              {test.data.retryable ? ' (temporary: try again later)' : ''}
            </Alert>
          ))}
        {(test.error ?? sync.error ?? decide.error) && (
          <Alert color="red">{(test.error ?? sync.error ?? decide.error)?.message}</Alert>
        )}
        {live.data && <RunProgress run={live.data} />}
        {held.length > 0 && (
          <Alert color="orange" title="Held by mass-change protection">
            {held.map((run) => (
              <Group key={run.id} justify="space-between" mt="xs">
                <Text size="sm">
                  Run of {formatDateTime(run.startedAt)} would suspend {run.plannedSuspensions?.length ?? 0}{' '}
                  users.
                </Text>
                {owner && (
                  <Group gap="xs">
                    <Button size="xs" onClick={() => decide.mutate({ id: run.id, decision: 'approve' })}>
                      Approve
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => decide.mutate({ id: run.id, decision: 'reject' })}
                    >
                      Reject
                    </Button>
                  </Group>
                )}
              </Group>
            ))}
          </Alert>
        )}
        <Table striped aria-label={`Runs of ${connection.name}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Started</Table.Th>
              <Table.Th>Mode</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Updated</Table.Th>
              <Table.Th>Suspended</Table.Th>
              <Table.Th>Problems</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {runs.data?.items.map((run) => (
              <Table.Tr key={run.id}>
                <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
                <Table.Td>{run.mode}</Table.Td>
                <Table.Td>
                  <Badge color={RUN_COLOURS[run.status]} variant="light">
                    {run.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{run.created}</Table.Td>
                <Table.Td>{run.updated}</Table.Td>
                <Table.Td>{run.suspended}</Table.Td>
                <Table.Td>
                  {run.errorCode ? `${run.errorCode}: ${run.errorMessage ?? ''}` : ''}
                  {run.problems.length > 0 ? ` ${run.problems.length} objects skipped` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
            {runs.data?.items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>No runs yet.</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/** A run as it goes: Graph gives no total, so the bar is indeterminate until the run ends. */
function RunProgress({ run }: { run: Run }) {
  const running = run.status === 'running';
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Progress
        value={100}
        animated={running}
        striped={running}
        color={RUN_COLOURS[run.status]}
        aria-label="Sync progress"
      />
      <Text size="sm">
        {running ? 'Syncing' : `Sync ${run.status}`}: {run.pages} pages, {run.created} created, {run.updated}{' '}
        updated, {run.suspended} suspended
        {run.errorCode ? ` (${run.errorCode}: ${run.errorMessage ?? ''})` : ''}
      </Text>
    </Stack>
  );
}
