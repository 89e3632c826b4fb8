import { Alert, Badge, Button, Group, Select, Table, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { Pager } from '../../lib/pager';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { useSession } from '../../session/session-context';
import { AcquireNumbersModal } from './acquire-numbers-modal';
import { PortOrdersPanel } from './port-orders-panel';

const PAGE_SIZE = 50;

type PhoneNumber = Schemas['PhoneNumber'];
type Status = PhoneNumber['status'];
type Kind = PhoneNumber['kind'];

const STATUS_COLOURS: Record<Status, string> = {
  available: 'teal',
  reserved: 'blue',
  assigned: 'grape',
  porting: 'orange',
  quarantine: 'gray',
};

/** The tenant's number pool, filtered and paged by the server; acquiring and porting in for license admins. */
export default function NumbersPage() {
  const { can } = useSession();
  const writer = can('owner', 'license_admin');
  const [status, setStatus] = useState<Status | null>(null);
  const [kind, setKind] = useState<Kind | null>(null);
  const [country, setCountry] = useState('');
  const [acquiring, setAcquiring] = useState(false);
  const pages = useCursorPages();
  // The API accepts only a two-letter code; a half-typed one does not filter yet.
  const countryFilter = /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null;
  const numbers = useQuery({
    queryKey: ['numbers', { status, kind, countryFilter, cursor: pages.cursor }],
    queryFn: async () =>
      unwrap(
        await api.GET('/numbers', {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(status ? { status } : {}),
              ...(kind ? { kind } : {}),
              ...(countryFilter ? { country: countryFilter } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          Numbers
        </Title>
        {writer && <Button onClick={() => setAcquiring(true)}>Acquire numbers</Button>}
      </Group>
      <Group mb="sm" align="end">
        <Select
          label="Status"
          placeholder="Any"
          clearable
          data={Object.keys(STATUS_COLOURS)}
          value={status}
          onChange={(value) => {
            setStatus(value as Status | null);
            pages.reset();
          }}
          w={160}
        />
        <Select
          label="Kind"
          placeholder="Any"
          clearable
          data={[
            { value: 'fixed', label: 'Fixed' },
            { value: 'mobile', label: 'Mobile' },
          ]}
          value={kind}
          onChange={(value) => {
            setKind(value as Kind | null);
            pages.reset();
          }}
          w={160}
        />
        <TextInput
          label="Country"
          placeholder="e.g. SE"
          maxLength={2}
          value={country}
          onChange={(e) => {
            setCountry(e.currentTarget.value);
            pages.reset();
          }}
          w={120}
        />
      </Group>
      {numbers.error && <Alert color="red">{numbers.error.message}</Alert>}
      <Table striped highlightOnHover aria-label="Number pool">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Country</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Origin</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {numbers.data?.items.map((n) => (
            <Table.Tr key={n.id}>
              <Table.Td>{n.e164}</Table.Td>
              <Table.Td>{n.kind}</Table.Td>
              <Table.Td>{n.country}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOURS[n.status]} variant="light">
                  {n.status}
                </Badge>
              </Table.Td>
              <Table.Td>{n.origin === 'port_in' ? 'ported in' : 'provider'}</Table.Td>
            </Table.Tr>
          ))}
          {numbers.data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>No numbers match.</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Pager
        page={pages.page}
        nextCursor={numbers.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
      <AcquireNumbersModal opened={acquiring} onClose={() => setAcquiring(false)} />
      <PortOrdersPanel writer={writer} />
    </>
  );
}
