import { Alert, Button, Group, Stack, Table, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { Pager } from '../../lib/pager';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { ConfirmPortModal, RejectPortModal } from './port-order-decision-modals';
import { PortInModal } from './port-in-modal';
import { PortOrderProgress } from './port-order-progress';

type PortOrder = Schemas['PortOrder'];

/**
 * How often the list is asked again while a confirmed order's date has come: the worker completes such orders
 * on its own schedule (every few minutes), and the admin waiting for the number should see it arrive.
 */
const DUE_POLL_MS = 10_000;

const isDue = (order: PortOrder) =>
  order.state === 'confirmed' && order.portAt !== null && Date.parse(order.portAt) <= Date.now();

/** Port orders with their progress; license admins port in, and record the losing operator's answer. */
export function PortOrdersPanel(props: { writer: boolean }) {
  const queryClient = useQueryClient();
  const pages = useCursorPages();
  const [porting, setPorting] = useState(false);
  const [deciding, setDeciding] = useState<{ order: PortOrder; kind: 'confirm' | 'reject' } | null>(null);
  const orders = useQuery({
    queryKey: ['port-orders', pages.cursor],
    queryFn: async () =>
      unwrap(
        await api.GET('/port-orders', {
          params: { query: { limit: 50, ...(pages.cursor ? { cursor: pages.cursor } : {}) } },
        }),
      ),
    refetchInterval: (query) => (query.state.data?.items.some(isDue) ? DUE_POLL_MS : false),
  });
  useCompletedNumbersRefresh(orders.data?.items);
  const cancel = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/port-orders/{id}/cancel', { params: { path: { id } } })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['port-orders'] }),
        queryClient.invalidateQueries({ queryKey: ['numbers'] }),
      ]),
  });

  return (
    <Stack mt="xl" gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Port orders
        </Title>
        {props.writer && (
          <Button variant="default" onClick={() => setPorting(true)}>
            Port in a number
          </Button>
        )}
      </Group>
      {orders.error && <Alert color="red">{orders.error.message}</Alert>}
      {cancel.error && (
        <Alert color="red" role="alert">
          {cancel.error.message}
        </Alert>
      )}
      <Table striped aria-label="Port orders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Losing operator</Table.Th>
            <Table.Th>Progress</Table.Th>
            {props.writer && <Table.Th>Actions</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.data?.items.map((order) => (
            <Table.Tr key={order.id}>
              <Table.Td>
                {order.e164} ({order.kind}, {order.country})
              </Table.Td>
              <Table.Td>{order.losingOperator}</Table.Td>
              <Table.Td>
                <PortOrderProgress order={order} />
              </Table.Td>
              {props.writer && (
                <Table.Td>
                  <Group gap="xs">
                    {order.state === 'submitted' && (
                      <>
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`Confirm ${order.e164}`}
                          onClick={() => setDeciding({ order, kind: 'confirm' })}
                        >
                          Confirm
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`Reject ${order.e164}`}
                          onClick={() => setDeciding({ order, kind: 'reject' })}
                        >
                          Reject
                        </Button>
                      </>
                    )}
                    {(order.state === 'submitted' || order.state === 'confirmed') && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Cancel ${order.e164}`}
                        loading={cancel.isPending && cancel.variables === order.id}
                        onClick={() => cancel.mutate(order.id)}
                      >
                        Cancel
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
          {orders.data?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={props.writer ? 4 : 3}>No port orders.</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Pager
        page={pages.page}
        nextCursor={orders.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
      <PortInModal opened={porting} onClose={() => setPorting(false)} />
      {deciding?.kind === 'confirm' && (
        <ConfirmPortModal order={deciding.order} onClose={() => setDeciding(null)} />
      )}
      {deciding?.kind === 'reject' && (
        <RejectPortModal order={deciding.order} onClose={() => setDeciding(null)} />
      )}
    </Stack>
  );
}

/**
 * An order completed by the worker since the list was last fetched put its number into the pool as reserved:
 * the pool is fetched anew so that it shows the number as the API now reports it.
 */
function useCompletedNumbersRefresh(items: PortOrder[] | undefined): void {
  const queryClient = useQueryClient();
  const seen = useRef(new Map<string, PortOrder['state']>());
  useEffect(() => {
    if (!items) return;
    const completedNow = items.some((o) => o.state === 'completed' && seen.current.get(o.id) === 'confirmed');
    seen.current = new Map(items.map((o) => [o.id, o.state]));
    if (completedNow) void queryClient.invalidateQueries({ queryKey: ['numbers'] });
  }, [items, queryClient]);
}
