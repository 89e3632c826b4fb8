import { Alert, Badge, Button, Group, Modal, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { Pager } from '../../lib/pager';
import { useCursorPages } from '../../lib/use-cursor-pages';

type PortOrder = Schemas['PortOrder'];
type CreatePortOrder = Schemas['CreatePortOrderRequest'];

/** Where an order stands on its way into the pool: submitted → confirmed (with a date) → completed. */
const PROGRESS: Record<PortOrder['state'], { step: string; colour: string }> = {
  submitted: { step: '1 of 3: waiting for the losing operator', colour: 'blue' },
  confirmed: { step: '2 of 3: moves on the port date', colour: 'indigo' },
  completed: { step: '3 of 3: in the pool', colour: 'teal' },
  rejected: { step: 'refused by the losing operator', colour: 'red' },
  cancelled: { step: 'cancelled', colour: 'gray' },
};

/** Port orders with their progress; license admins port in, and record the losing operator's answer. */
export function PortOrdersPanel(props: { writer: boolean }) {
  const queryClient = useQueryClient();
  const pages = useCursorPages();
  const [porting, setPorting] = useState(false);
  const orders = useQuery({
    queryKey: ['port-orders', pages.cursor],
    queryFn: async () =>
      unwrap(
        await api.GET('/port-orders', {
          params: { query: { limit: 50, ...(pages.cursor ? { cursor: pages.cursor } : {}) } },
        }),
      ),
  });
  const decide = useMutation({
    mutationFn: async (action: { id: string; kind: 'confirm' | 'reject' | 'cancel' }) => {
      const params = { path: { id: action.id } };
      if (action.kind === 'confirm') {
        // The losing operator's date is asked for here; the API checks it.
        const portAt = window.prompt('Port date (YYYY-MM-DD)', new Date().toISOString().slice(0, 10));
        if (!portAt) return;
        return unwrap(
          await api.POST('/port-orders/{id}/confirm', { params, body: { portAt: `${portAt}T00:00:00Z` } }),
        );
      }
      if (action.kind === 'reject') {
        const reason = window.prompt('Why did the losing operator refuse?');
        if (!reason) return;
        return unwrap(await api.POST('/port-orders/{id}/reject', { params, body: { reason } }));
      }
      return unwrap(await api.POST('/port-orders/{id}/cancel', { params }));
    },
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
      {decide.error && <Alert color="red">{decide.error.message}</Alert>}
      <Table striped aria-label="Port orders">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Losing operator</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Progress</Table.Th>
            <Table.Th>Port date</Table.Th>
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
                <Badge color={PROGRESS[order.state].colour} variant="light">
                  {order.state}
                </Badge>
              </Table.Td>
              <Table.Td>
                {PROGRESS[order.state].step}
                {order.rejectReason ? `: ${order.rejectReason}` : ''}
              </Table.Td>
              <Table.Td>{formatDateTime(order.portAt)}</Table.Td>
              {props.writer && (
                <Table.Td>
                  <Group gap="xs">
                    {order.state === 'submitted' &&
                      (['confirm', 'reject'] as const).map((kind) => (
                        <Button
                          key={kind}
                          size="xs"
                          variant="default"
                          aria-label={`${kind === 'confirm' ? 'Confirm' : 'Reject'} ${order.e164}`}
                          onClick={() => decide.mutate({ id: order.id, kind })}
                        >
                          {kind === 'confirm' ? 'Confirm' : 'Reject'}
                        </Button>
                      ))}
                    {(order.state === 'submitted' || order.state === 'confirmed') && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Cancel ${order.e164}`}
                        onClick={() => decide.mutate({ id: order.id, kind: 'cancel' })}
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
              <Table.Td colSpan={props.writer ? 6 : 5}>No port orders.</Table.Td>
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
    </Stack>
  );
}

function PortInModal(props: { opened: boolean; onClose(): void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState<CreatePortOrder>({
    number: '',
    country: '',
    kind: 'fixed',
    losingOperator: '',
  });
  const create = useMutation({
    mutationFn: async (body: CreatePortOrder) => unwrap(await api.POST('/port-orders', { body })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['port-orders'] }),
        queryClient.invalidateQueries({ queryKey: ['numbers'] }),
      ]);
      create.reset();
      props.onClose();
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  const field = (name: keyof CreatePortOrder) => ({
    value: form[name],
    onChange: (e: { currentTarget: { value: string } }) =>
      setForm({ ...form, [name]: e.currentTarget.value }),
    error: error?.fieldError(name),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ ...form, country: form.country.trim().toUpperCase() });
  }

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title="Port in a number"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit}>
        <Stack>
          {create.error && <Alert color="red">{create.error.message}</Alert>}
          <TextInput label="Number" description="E.164, e.g. +46812345678" required {...field('number')} />
          <TextInput
            label="Country"
            description="Two-letter code"
            required
            maxLength={2}
            {...field('country')}
          />
          <Select
            label="Kind"
            allowDeselect={false}
            data={[
              { value: 'fixed', label: 'Fixed' },
              { value: 'mobile', label: 'Mobile' },
            ]}
            value={form.kind}
            onChange={(value) => value && setForm({ ...form, kind: value as CreatePortOrder['kind'] })}
            error={error?.fieldError('kind')}
          />
          <TextInput label="Losing operator" required {...field('losingOperator')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Submit port order
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
