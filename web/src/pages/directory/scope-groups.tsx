import { Alert, Button, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';

type Connection = Schemas['DirectoryConnection'];

/**
 * Which directory groups the connection syncs: the groups its syncs have seen, to tick, and any group by its object
 * id (before a first sync nothing has been seen). No group ticked: every user and group is synced.
 */
export function ScopeGroups({ connection, canEdit }: { connection: Connection; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string[]>(connection.scopedGroupIds);
  const [objectId, setObjectId] = useState('');
  const [savedVersion, setSavedVersion] = useState(connection.version);
  // Another save (an edit, another tab) moved the connection on: start again from what it holds now.
  if (savedVersion !== connection.version) {
    setSavedVersion(connection.version);
    setChosen(connection.scopedGroupIds);
  }
  const groups = useQuery({
    queryKey: ['directory-groups', connection.id, search],
    queryFn: async () =>
      unwrap(
        await api.GET('/directory/connections/{id}/groups', {
          params: { path: { id: connection.id }, query: { limit: 200, ...(search ? { search } : {}) } },
        }),
      ),
  });
  const save = useMutation({
    mutationFn: async (scopedGroupIds: string[]) =>
      unwrap(
        await api.PATCH('/directory/connections/{id}', {
          params: { path: { id: connection.id } },
          body: { scopedGroupIds },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['directory-connections'] }),
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const listed = groups.data?.items ?? [];
  const names = new Map(listed.map((g) => [g.objectId, g.displayName ?? g.objectId]));
  // Chosen groups the list does not show (not seen yet, or outside the search) stay visible and can be unticked.
  const unlisted = chosen.filter((id) => !names.has(id));
  const changed =
    JSON.stringify([...chosen].sort()) !== JSON.stringify([...connection.scopedGroupIds].sort());
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => (on ? [...current, id] : current.filter((c) => c !== id)));

  function addById(event: FormEvent) {
    event.preventDefault();
    const id = objectId.trim();
    if (id && !chosen.includes(id)) setChosen([...chosen, id]);
    setObjectId('');
  }

  return (
    <Stack gap="xs" component="section" aria-labelledby={`scope-${connection.id}`}>
      <Title order={3} size="h4" id={`scope-${connection.id}`}>
        Scope
      </Title>
      <Text size="sm" c="dimmed">
        {connection.scopedGroupIds.length === 0
          ? 'Every user and group of the directory is synced.'
          : `Members of ${connection.scopedGroupIds.length} group${connection.scopedGroupIds.length === 1 ? '' : 's'} are synced; users leaving them are suspended.`}{' '}
        Changing the scope makes the next sync a full one.
      </Text>
      <TextInput
        label="Find directory groups"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={360}
      />
      {groups.error && <Alert color="red">{groups.error.message}</Alert>}
      {groups.data && listed.length === 0 && (
        <Text size="sm">
          {search ? 'No group matches.' : 'No groups seen yet: they are listed after the first sync.'}
        </Text>
      )}
      <Stack gap={4} role="group" aria-label="Groups in scope">
        {listed.map((g) => (
          <Checkbox
            key={g.objectId}
            label={g.displayName ?? g.objectId}
            description={g.description ?? undefined}
            checked={chosen.includes(g.objectId)}
            disabled={!canEdit}
            onChange={(e) => toggle(g.objectId, e.currentTarget.checked)}
          />
        ))}
        {unlisted.map((id) => (
          <Checkbox
            key={id}
            label={`Group ${id}`}
            checked
            disabled={!canEdit}
            onChange={(e) => toggle(id, e.currentTarget.checked)}
          />
        ))}
      </Stack>
      {canEdit && (
        <>
          <form onSubmit={addById}>
            <Group align="flex-end" gap="xs">
              <TextInput
                label="Add a group by object id"
                value={objectId}
                onChange={(e) => setObjectId(e.currentTarget.value)}
                w={360}
              />
              <Button type="submit" variant="default" disabled={objectId.trim() === ''}>
                Add group
              </Button>
            </Group>
          </form>
          {save.error && (
            <Alert color="red">{error?.fieldError('scopedGroupIds') ?? save.error.message}</Alert>
          )}
          <Group>
            <Button onClick={() => save.mutate(chosen)} disabled={!changed} loading={save.isPending}>
              Save scope
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
