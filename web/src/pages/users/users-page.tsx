import { Alert, Badge, Button, Checkbox, Group, Menu, Select, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Pager } from '../../lib/pager';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useSession } from '../../session/session-context';
import { BulkAssignModal } from './bulk-assign-modal';
import { BulkCreateModal } from './bulk-create-modal';
import { NewUserModal } from './new-user-modal';
import { STATE_LABELS, useCatalog } from './use-catalog';

const PAGE_SIZE = 50;

/** Every user of the tenant, searched, filtered and paged by the server (the tenant may have 100k). */
export default function UsersPage() {
  const { can } = useSession();
  const writer = can('owner', 'license_admin');
  const { products, productName } = useCatalog();
  const [q, setQ] = useState('');
  const [department, setDepartment] = useState('');
  const [country, setCountry] = useState('');
  const [product, setProduct] = useState<string | null>(null);
  const [status, setStatus] = useState<'active' | 'suspended' | null>(null);
  const [search] = useDebouncedValue(q.trim(), 250);
  const [departmentFilter] = useDebouncedValue(department.trim(), 250);
  const countryFilter = /^[A-Za-z]{2}$/.test(country.trim()) ? country.trim().toUpperCase() : '';
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [modal, setModal] = useState<'one' | 'many' | 'assign' | null>(null);
  const pages = useCursorPages();
  const filters = { search, departmentFilter, countryFilter, product, status };
  const users = useQuery({
    queryKey: ['users', { ...filters, cursor: pages.cursor }],
    queryFn: async () =>
      unwrap(
        await api.GET('/users', {
          params: {
            query: {
              limit: PAGE_SIZE,
              includeLicenses: 'true',
              ...(search ? { q: search } : {}),
              ...(departmentFilter ? { department: departmentFilter } : {}),
              ...(countryFilter ? { country: countryFilter } : {}),
              ...(product ? { product } : {}),
              ...(status ? { status } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const filterChanged = () => {
    pages.reset();
    setSelected(new Set());
  };
  const items = users.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((u) => selected.has(u.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          Users
        </Title>
        {writer && (
          <Group>
            {selected.size > 0 && (
              <Button variant="light" onClick={() => setModal('assign')}>
                Assign a product to {selected.size} selected
              </Button>
            )}
            <Button component={Link} to="/files" variant="default">
              Import from file
            </Button>
            <Menu>
              <Menu.Target>
                <Button>New user</Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setModal('one')}>Create a user</Menu.Item>
                <Menu.Item onClick={() => setModal('many')}>Create multiple users</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>
      <Group mb="sm" align="end">
        <TextInput
          label="Search"
          placeholder="Name, e-mail, department or number"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            filterChanged();
          }}
          w={280}
        />
        <TextInput
          label="Department"
          value={department}
          onChange={(e) => {
            setDepartment(e.currentTarget.value);
            filterChanged();
          }}
          w={180}
        />
        <TextInput
          label="Country"
          placeholder="SE"
          maxLength={2}
          value={country}
          onChange={(e) => {
            setCountry(e.currentTarget.value);
            filterChanged();
          }}
          w={90}
        />
        <Select
          label="License"
          placeholder="Any"
          clearable
          data={products.map((p) => ({ value: p.key, label: p.name }))}
          value={product}
          onChange={(value) => {
            setProduct(value);
            filterChanged();
          }}
          w={200}
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
            filterChanged();
          }}
          w={150}
        />
      </Group>
      {users.error && <Alert color="red">{users.error.message}</Alert>}
      <Table striped highlightOnHover aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            {writer && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Select all users on this page"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((u) => u.id)))}
                />
              </Table.Th>
            )}
            <Table.Th>Name</Table.Th>
            <Table.Th>E-mail</Table.Th>
            <Table.Th>Department</Table.Th>
            <Table.Th>Country</Table.Th>
            <Table.Th>Licenses</Table.Th>
            <Table.Th>State</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((user) => {
            const name = user.displayName ?? user.userName;
            return (
              <Table.Tr key={user.id}>
                {writer && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${name}`}
                      checked={selected.has(user.id)}
                      onChange={() => toggle(user.id)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <Link to={`/users/${user.id}`}>{name}</Link>
                </Table.Td>
                <Table.Td>{user.email}</Table.Td>
                <Table.Td>{user.department}</Table.Td>
                <Table.Td>{user.country}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {user.licenses?.map((l) => (
                      <Badge
                        key={l.assignmentId}
                        variant="light"
                        color={STATE_LABELS[l.state]?.color ?? 'gray'}
                        title={STATE_LABELS[l.state]?.label ?? l.state}
                      >
                        {productName(l.product)}
                        {l.state === 'active' ? '' : ` · ${STATE_LABELS[l.state]?.label ?? l.state}`}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge color={user.status === 'active' ? 'teal' : 'gray'} variant="light">
                    {user.status}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Pager
        page={pages.page}
        nextCursor={users.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
      <NewUserModal opened={modal === 'one'} onClose={() => setModal(null)} />
      <BulkCreateModal opened={modal === 'many'} onClose={() => setModal(null)} />
      {modal === 'assign' && (
        <BulkAssignModal userIds={[...selected]} opened onClose={() => setModal(null)} />
      )}
    </>
  );
}
