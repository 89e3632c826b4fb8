import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../session/session-context';
import { BuySeatsModal } from './buy-seats-modal';
import { ScheduledAssignments } from './scheduled-assignments';
import { SeatForecastChart } from './seat-forecast-chart';

/** Seat inventory per product, its forecast, buying seats, and the scheduled assignments that will take them. */
export default function LicensesPage() {
  const { can } = useSession();
  const writer = can('owner', 'license_admin');
  const [buying, setBuying] = useState(false);
  const inventory = useQuery({
    queryKey: ['inventory', 'lines'],
    queryFn: async () => unwrap(await api.GET('/inventory')).items,
  });
  const purchases = useQuery({
    queryKey: ['purchases'],
    queryFn: async () => unwrap(await api.GET('/purchases', { params: { query: { limit: 200 } } })).items,
  });
  const productName = new Map((inventory.data ?? []).map((l) => [l.productId, l.productName]));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Licenses
        </Title>
        {writer && <Button onClick={() => setBuying(true)}>Buy seats</Button>}
      </Group>
      {inventory.error && <Alert color="red">{inventory.error.message}</Alert>}
      <Table striped aria-label="Inventory">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Product</Table.Th>
            <Table.Th>Purchased</Table.Th>
            <Table.Th>Active</Table.Th>
            <Table.Th>Scheduled</Table.Th>
            <Table.Th>Grace</Table.Th>
            <Table.Th>Removal scheduled</Table.Th>
            <Table.Th>Blocked</Table.Th>
            <Table.Th>Available now</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {inventory.data?.map((l) => (
            <Table.Tr key={l.productId}>
              <Table.Th scope="row">{l.productName}</Table.Th>
              <Table.Td>{l.purchased}</Table.Td>
              <Table.Td>{l.active}</Table.Td>
              <Table.Td>{l.scheduled}</Table.Td>
              <Table.Td>{l.grace}</Table.Td>
              <Table.Td>{l.removalScheduled}</Table.Td>
              <Table.Td>{l.blocked}</Table.Td>
              <Table.Td>{l.availableNow}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {inventory.data && inventory.data.length > 0 && <SeatForecastChart products={inventory.data} />}
      <section aria-label="Orders">
        <Title order={2} size="h4" mb="xs">
          Orders
        </Title>
        {purchases.data?.length === 0 && <Text size="sm">No seats bought yet.</Text>}
        {purchases.data && purchases.data.length > 0 && (
          <Table striped aria-label="Orders">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th>Seats</Table.Th>
                <Table.Th>Starts</Table.Th>
                <Table.Th>Binding ends</Table.Th>
                <Table.Th>Ends</Table.Th>
                <Table.Th>Terms accepted</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {purchases.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{productName.get(p.productId) ?? p.productKey}</Table.Td>
                  <Table.Td>{p.quantity}</Table.Td>
                  <Table.Td>{p.startsAt.slice(0, 10)}</Table.Td>
                  <Table.Td>{p.bindingEndsAt.slice(0, 10)}</Table.Td>
                  <Table.Td>{p.endsAt?.slice(0, 10) ?? '—'}</Table.Td>
                  <Table.Td>
                    {p.termsAcceptedAt.slice(0, 10)} by {p.termsAcceptedBy}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>
      <ScheduledAssignments productName={productName} writer={writer} />
      {buying && <BuySeatsModal onClose={() => setBuying(false)} />}
    </Stack>
  );
}
