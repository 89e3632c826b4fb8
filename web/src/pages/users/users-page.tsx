import { Alert, Badge, Group, Select, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Pager } from '../../lib/pager';
import { useCursorPages } from '../../lib/use-cursor-pages';

const PAGE_SIZE = 50;

/** Every user of the tenant, searched and paged by the server (the tenant may have 100k). */
export default function UsersPage() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'active' | 'suspended' | null>(null);
  const [search] = useDebouncedValue(q.trim(), 250);
  const pages = useCursorPages();
  const users = useQuery({
    queryKey: ['users', { search, status, cursor: pages.cursor }],
    queryFn: async () =>
      unwrap(
        await api.GET('/users', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(search ? { q: search } : {}),
              ...(status ? { status } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <Title order={1} size="h2" mb="md">
        Users
      </Title>
      <Group mb="sm" align="end">
        <TextInput
          label="Search"
          placeholder="Name, e-mail, department or number"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            pages.reset();
          }}
          w={320}
        />
        <Select
          label="State"
          placeholder="Any"
          clearable
          data={[
            { value: 'active', label: 'Active' },
            { value: 'suspended', label: 'Suspended' },
          ]}
          value={status}
          onChange={(value) => {
            setStatus(value as typeof status);
            pages.reset();
          }}
          w={160}
        />
      </Group>
      {users.error && <Alert color="red">{users.error.message}</Alert>}
      <Table striped highlightOnHover aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>E-mail</Table.Th>
            <Table.Th>Department</Table.Th>
            <Table.Th>Country</Table.Th>
            <Table.Th>State</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.data?.items.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>
                <Link to={`/users/${user.id}`}>{user.displayName ?? user.userName}</Link>
              </Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>{user.department}</Table.Td>
              <Table.Td>{user.country}</Table.Td>
              <Table.Td>
                <Badge color={user.status === 'active' ? 'teal' : 'gray'} variant="light">
                  {user.status}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pager
        page={pages.page}
        nextCursor={users.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
    </>
  );
}
