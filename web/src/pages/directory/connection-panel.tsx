import { Alert, Badge, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { AppModal } from '../../lib/app-modal';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../session/session-context';
import { AttributeMapping } from './attribute-mapping';
import { ConnectionFormModal } from './connection-form-modal';
import { ContactReconciliations } from './contact-reconciliations';
import { ScopeGroups } from './scope-groups';
import { SyncRuns } from './sync-runs';

type Connection = Schemas['DirectoryConnection'];

/**
 * One Entra ID connection: test it, change or remove it, its runs with sync now, its scope, its attribute mapping
 * and its contact reconciliations. Only owners change anything (the API refuses other roles too).
 */
export function ConnectionPanel({ connection }: { connection: Connection }) {
  const { can } = useSession();
  const owner = can('owner');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const test = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/directory/connections/{id}/test', { params: { path: { id: connection.id } } })),
  });
  // A test result says nothing about a connection changed since: it is cleared with each new version.
  const [testedVersion, setTestedVersion] = useState(connection.version);
  if (testedVersion !== connection.version) {
    setTestedVersion(connection.version);
    test.reset();
  }
  const remove = useMutation({
    mutationFn: async () =>
      unwrap(await api.DELETE('/directory/connections/{id}', { params: { path: { id: connection.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['directory-connections'] }),
  });
  const headingId = `connection-${connection.id}`;

  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Group gap="xs">
              <Title order={2} size="h3" id={headingId}>
                {connection.name}
              </Title>
              {!connection.enabled && (
                <Badge color="gray" variant="light">
                  not scheduled
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              Entra tenant {connection.entraTenantId} · client {connection.clientId}
              {connection.authorityHost ? ` · sign-in ${connection.authorityHost}` : ''}
              {connection.graphBaseUrl ? ` · Graph ${connection.graphBaseUrl}` : ''}
            </Text>
            <Text size="sm" c="dimmed">
              {connection.enabled ? `Syncs every ${connection.syncInterval}` : 'Syncs only when asked'} · next
              run {connection.nextRun} · contacts reconciled every {connection.reconcileInterval}
            </Text>
          </div>
          {owner && (
            <Group gap="xs">
              <Button variant="default" loading={test.isPending} onClick={() => test.mutate()}>
                Test connection
              </Button>
              <Button variant="default" onClick={() => setEditing(true)}>
                Edit connection
              </Button>
              <Button variant="default" color="red" onClick={() => setRemoving(true)}>
                Remove connection
              </Button>
            </Group>
          )}
        </Group>
        {test.data &&
          (test.data.ok ? (
            <Alert color="teal" title="Connection works" role="status">
              Signed in and read a user and a group.
            </Alert>
          ) : (
            <Alert color="red" title={`Test failed: ${test.data.code ?? 'unknown'}`} role="status">
              {test.data.message}
              {test.data.retryable ? ' (temporary: try again later)' : ''}
            </Alert>
          ))}
        {test.error && <Alert color="red">{test.error.message}</Alert>}

        <SyncRuns connection={connection} canEdit={owner} />

        <Tabs defaultValue="scope" keepMounted={false}>
          <Tabs.List aria-label={`Settings of ${connection.name}`}>
            <Tabs.Tab value="scope">Scope</Tabs.Tab>
            <Tabs.Tab value="mapping">Attribute mapping</Tabs.Tab>
            <Tabs.Tab value="reconciliations">Contact reconciliations</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="scope" pt="sm">
            <ScopeGroups connection={connection} canEdit={owner} />
          </Tabs.Panel>
          <Tabs.Panel value="mapping" pt="sm">
            <AttributeMapping connection={connection} canEdit={owner} />
          </Tabs.Panel>
          <Tabs.Panel value="reconciliations" pt="sm">
            <ContactReconciliations connection={connection} canEdit={owner} />
          </Tabs.Panel>
        </Tabs>
      </Stack>

      {editing && <ConnectionFormModal connection={connection} onClose={() => setEditing(false)} />}
      <AppModal opened={removing} onClose={() => setRemoving(false)} title={`Remove ${connection.name}?`}>
        <Stack>
          <Text>
            The users and groups it created stay, with their licenses; they are no longer synced from this
            directory. Its runs and reconciliations are removed with it.
          </Text>
          {remove.error && <Alert color="red">{remove.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(false)}>
              Cancel
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
              Remove
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Paper>
  );
}
