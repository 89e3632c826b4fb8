import { Alert, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { ConnectionPanel } from './connection-panel';

/** The tenant's Entra ID connections: test, sync now with live progress, runs, held runs to decide. */
export default function DirectoryPage() {
  const connections = useQuery({
    queryKey: ['directory-connections'],
    queryFn: async () => unwrap(await api.GET('/directory/connections')),
  });

  return (
    <>
      <Title order={1} size="h2" mb="md">
        Directory
      </Title>
      {connections.error && <Alert color="red">{connections.error.message}</Alert>}
      {connections.data?.items.length === 0 && (
        <Text>No Entra ID connection yet: users come from SCIM, imports and the console.</Text>
      )}
      {connections.data?.items.map((connection) => (
        <ConnectionPanel key={connection.id} connection={connection} />
      ))}
    </>
  );
}
