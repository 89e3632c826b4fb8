import { ActivationDateField } from './activation-date-field';
import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { AppModal } from '../../lib/app-modal';
import { useCatalog } from './use-catalog';

/** Assign one product to the selected users, now or on a date; blocked ones say why per user. */
export function BulkAssignModal(props: { userIds: string[]; opened: boolean; onClose(): void }) {
  const { products } = useCatalog();
  const [product, setProduct] = useState<string | null>(null);
  const [when, setWhen] = useState<'now' | 'date'>('now');
  const [date, setDate] = useState('');
  const queryClient = useQueryClient();
  const assign = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/assignments', {
          body: {
            userIds: props.userIds,
            strict: false,
            reschedule: false,
            product: product ?? '',
            ...(when === 'date' && date ? { effectiveAt: new Date(date).toISOString() } : {}),
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  const close = () => {
    assign.reset();
    props.onClose();
  };
  const counts = assign.data?.results.reduce<Record<string, number>>((acc, r) => {
    acc[r.assignment.state] = (acc[r.assignment.state] ?? 0) + 1;
    return acc;
  }, {});
  return (
    <AppModal
      opened={props.opened}
      onClose={close}
      title={`Assign a product to ${props.userIds.length} users`}
    >
      <Stack>
        <Select
          label="Product"
          data={products.filter((p) => p.sellable).map((p) => ({ value: p.key, label: p.name }))}
          value={product}
          onChange={setProduct}
        />
        <ActivationDateField when={when} onWhen={setWhen} date={date} onDate={setDate} />
        {assign.error && <Alert color="red">{assign.error.message}</Alert>}
        {counts && (
          <Alert color="teal" role="status" title="Assigned">
            <Text size="sm">
              {Object.entries(counts)
                .map(([state, n]) => `${n} ${state}`)
                .join(', ')}
            </Text>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Close
          </Button>
          <Button
            onClick={() => assign.mutate()}
            loading={assign.isPending}
            disabled={!product || (when === 'date' && !date) || Boolean(assign.data)}
          >
            Confirm
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
