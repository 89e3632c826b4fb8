import { Alert, Badge, Button, Group, List, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { RUN_COLOURS } from './run-colours';

type Connection = Schemas['DirectoryConnection'];
type Run = Schemas['DirectorySyncRun'];

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Problems shown per run; the API keeps up to a hundred. */
const PROBLEMS_SHOWN = 5;

/**
 * Sync now, followed live (the run's figures grow after each committed page), the recent runs with their counts
 * and errors, and the runs held by mass-change protection to approve or reject.
 */
export function SyncRuns({ connection, canEdit }: { connection: Connection; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const runsKey = ['directory-runs', connection.id];
  // The run followed in the progress bar: the one started here, or one found running; it stays shown once ended.
  const [followed, setFollowed] = useState<string | null>(null);
  const runs = useQuery({
    queryKey: runsKey,
    queryFn: async () =>
      unwrap(
        await api.GET('/directory/connections/{id}/runs', {
          params: { path: { id: connection.id }, query: { limit: 20 } },
        }),
      ),
    // A run in progress, started here or by the schedule, is read every second until it ends.
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'running') ? 1000 : false),
  });
  const items = runs.data?.items ?? [];
  const running = items.find((r) => r.status === 'running');
  if (running && followed !== running.id) setFollowed(running.id);
  const live = running ?? items.find((r) => r.id === followed);
  const [settled, setSettled] = useState<string | null>(null);
  // Once the followed run has ended the connection changes too (its next run becomes incremental), and the groups
  // to scope are those it saw.
  if (live && live.status !== 'running' && settled !== live.id) {
    setSettled(live.id);
    void queryClient.invalidateQueries({ queryKey: ['directory-connections'] });
    void queryClient.invalidateQueries({ queryKey: ['directory-groups', connection.id] });
  }
  const sync = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/directory/connections/{id}/sync', { params: { path: { id: connection.id } } })),
    onSuccess: async (started) => {
      setFollowed(started.runId);
      await queryClient.invalidateQueries({ queryKey: runsKey });
    },
  });
  const decide = useMutation({
    mutationFn: async (action: { id: string; decision: 'approve' | 'reject' }) =>
      action.decision === 'approve'
        ? unwrap(await api.POST('/directory/runs/{id}/approve', { params: { path: { id: action.id } } }))
        : unwrap(await api.POST('/directory/runs/{id}/reject', { params: { path: { id: action.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: runsKey }),
  });
  const held = items.filter((r) => r.status === 'held');
  const problem = sync.error ?? decide.error ?? runs.error;

  return (
    <Stack gap="xs" component="section" aria-labelledby={`runs-${connection.id}`}>
      <Group justify="space-between">
        <Title order={3} size="h4" id={`runs-${connection.id}`}>
          Sync runs
        </Title>
        {canEdit && (
          <Button loading={sync.isPending} disabled={running !== undefined} onClick={() => sync.mutate()}>
            Sync now
          </Button>
        )}
      </Group>
      {problem && <Alert color="red">{problem.message}</Alert>}
      {live && <RunProgress run={live} />}
      {held.length > 0 && (
        <Alert color="orange" title="Held by mass-change protection">
          {held.map((run) => (
            <Group key={run.id} justify="space-between" mt="xs">
              <Text size="sm">
                The run of {formatDateTime(run.startedAt)} would suspend{' '}
                {plural(run.plannedSuspensions?.length ?? 0, 'user')}, more than the tenant allows at once.
                Everything else was applied.
              </Text>
              {canEdit && (
                <Group gap="xs">
                  <Button
                    size="xs"
                    loading={decide.isPending && decide.variables.id === run.id}
                    onClick={() => decide.mutate({ id: run.id, decision: 'approve' })}
                  >
                    Approve suspensions
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => decide.mutate({ id: run.id, decision: 'reject' })}
                  >
                    Reject suspensions
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
            <Table.Th>Reactivated</Table.Th>
            <Table.Th>Groups</Table.Th>
            <Table.Th>Errors</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((run) => (
            <Table.Tr key={run.id}>
              <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
              <Table.Td>{run.mode}</Table.Td>
              <Table.Td>
                <Badge color={RUN_COLOURS[run.status]} variant="light">
                  {run.status}
                </Badge>
                {run.decidedBy && (
                  <Text size="xs" c="dimmed">
                    by {run.decidedBy}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{run.created}</Table.Td>
              <Table.Td>{run.updated}</Table.Td>
              <Table.Td>{run.suspended}</Table.Td>
              <Table.Td>{run.reactivated}</Table.Td>
              <Table.Td>{run.groups}</Table.Td>
              <Table.Td>
                <RunErrors run={run} />
              </Table.Td>
            </Table.Tr>
          ))}
          {runs.data && items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={9}>No runs yet.</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Why a run failed, and the objects it skipped (each with the directory's object id). */
function RunErrors({ run }: { run: Run }) {
  if (!run.errorCode && run.problems.length === 0) return null;
  return (
    <Stack gap={2}>
      {run.errorCode && (
        <Text size="sm" c="red.8">
          {run.errorCode}: {run.errorMessage ?? ''}
        </Text>
      )}
      {run.problems.length > 0 && (
        <>
          <Text size="sm">{plural(run.problems.length, 'object')} skipped</Text>
          <List size="xs">
            {run.problems.slice(0, PROBLEMS_SHOWN).map((p) => (
              <List.Item key={`${p.objectId}-${p.code}`}>
                {p.objectId}: {p.code} — {p.message}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Stack>
  );
}

/**
 * The followed run: Graph gives no total, so the bar is indeterminate while it runs; the figures are those of the
 * pages and batches committed so far.
 */
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
        {running ? 'Syncing' : `Sync ${run.status}`}: {plural(run.pages, 'page')} read, {run.created} created,{' '}
        {run.updated} updated, {run.suspended} suspended, {plural(run.groups, 'group')}
        {run.errorCode ? ` (${run.errorCode}: ${run.errorMessage ?? ''})` : ''}
      </Text>
    </Stack>
  );
}
