import { Alert, Button, Group, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../session/session-context';
import { ConnectionFormModal } from './connection-form-modal';
import { ConnectionPanel } from './connection-panel';

/**
 * The tenant's Entra ID connections: connect one, then per connection test, edit, scope, map attributes, sync now
 * with live progress, decide held runs and reconcile contacts.
 */
export default function DirectoryPage() {
  const { can } = useSession();
  const [connecting, setConnecting] = useState(false);
  const connections = useQuery({
    queryKey: ['directory-connections'],
    queryFn: async () => unwrap(await api.GET('/directory/connections')),
  });

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          Directory
        </Title>
        {can('owner') && <Button onClick={() => setConnecting(true)}>Connect Entra ID</Button>}
      </Group>
      {connections.error && <Alert color="red">{connections.error.message}</Alert>}
      {connections.data?.items.length === 0 && (
        <Text>No Entra ID connection yet: users come from SCIM, imports and the console.</Text>
      )}
      {connections.data?.items.map((connection) => (
        <ConnectionPanel key={connection.id} connection={connection} />
      ))}
      {connecting && <ConnectionFormModal connection={null} onClose={() => setConnecting(false)} />}
    </>
  );
}
