import { Alert, Anchor, Group, Progress, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { DownloadLinks } from './download-links';

/** How often a running import is asked for its progress. */
const POLL_MS = 1000;

/**
 * An import being applied, read again every second until the job has handled every row: rows done of those to
 * apply, failures so far; once completed, what became of them and the result file.
 */
export function ImportProgress({ importId }: { importId: string }) {
  const queryClient = useQueryClient();
  const live = useQuery({
    queryKey: ['imports', 'one', importId],
    queryFn: async () => unwrap(await api.GET('/imports/{id}', { params: { path: { id: importId } } })),
    refetchInterval: (query) => (query.state.data?.status === 'completed' ? false : POLL_MS),
  });
  const completed = live.data?.status === 'completed';
  useEffect(() => {
    if (completed) void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
  }, [completed, queryClient]);

  if (live.error) return <Alert color="red">{live.error.message}</Alert>;
  if (!live.data) return null;
  const { progress } = live.data;
  const toApply = progress.total - progress.invalid;
  const applied = progress.done - progress.failed;
  return (
    <Stack gap="xs">
      <Progress
        value={toApply > 0 ? (progress.done / toApply) * 100 : 100}
        animated={!completed}
        striped={!completed}
        color={progress.failed > 0 ? 'orange' : 'teal'}
        aria-label="Import progress"
      />
      <Text size="sm" role="status" aria-live="polite">
        {completed ? 'Import completed' : 'Applying'}: {progress.done} of {toApply} rows done,{' '}
        {progress.failed} failed
        {completed
          ? ` (${applied} applied; ${progress.invalid} ${progress.invalid === 1 ? 'row' : 'rows'} with errors not applied)`
          : ''}
      </Text>
      {completed && (
        <Group gap="sm">
          <Text size="sm">Download the result (each row&apos;s outcome):</Text>
          <DownloadLinks path={`/imports/${importId}/result`} what="Download the result" />
          <Anchor component={Link} to="/users" size="sm">
            Go to users
          </Anchor>
        </Group>
      )}
    </Stack>
  );
}
