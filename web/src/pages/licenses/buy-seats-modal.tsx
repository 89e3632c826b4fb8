import { Alert, Button, Checkbox, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { AppModal } from '../../lib/app-modal';
import { useCatalog } from '../../lib/use-catalog';

const BINDING = [
  { value: '0', label: 'No binding (monthly)' },
  { value: '12', label: '12 months' },
  { value: '24', label: '24 months' },
  { value: '36', label: '36 months' },
];

/**
 * One product per order, a quantity and a binding period; the order needs the terms accepted explicitly (the
 * API refuses it otherwise and records who accepted them). The catalog carries no prices, so none is shown.
 */
export function BuySeatsModal({ onClose }: { onClose(): void }) {
  const queryClient = useQueryClient();
  const { products } = useCatalog();
  const [product, setProduct] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number | ''>(1);
  const [binding, setBinding] = useState<string | null>('12');
  const [startsOn, setStartsOn] = useState('');
  const [terms, setTerms] = useState(false);
  const buy = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/purchases', {
          body: {
            product: product as string,
            quantity: Number(quantity),
            bindingMonths: Number(binding),
            ...(startsOn ? { startsAt: new Date(`${startsOn}T00:00:00Z`).toISOString() } : {}),
            termsAccepted: terms,
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['inventory'] });
      await queryClient.invalidateQueries({ queryKey: ['purchases'] });
      onClose();
    },
  });
  const ready = Boolean(product && quantity && binding !== null && terms);
  return (
    <AppModal opened onClose={onClose} title="Buy seats">
      <Stack>
        <Select
          label="Product"
          required
          data={products
            .filter((p) => p.sellable && !p.retiredAt)
            .map((p) => ({ value: p.id, label: p.name }))}
          value={product}
          onChange={setProduct}
        />
        <NumberInput
          label="Quantity"
          required
          min={1}
          max={100_000}
          value={quantity}
          onChange={(v) => setQuantity(typeof v === 'number' ? v : '')}
        />
        <Select
          label="Binding period"
          required
          data={BINDING}
          value={binding}
          onChange={setBinding}
          allowDeselect={false}
        />
        <TextInput
          type="date"
          label="Start date"
          description="Empty: now"
          value={startsOn}
          onChange={(e) => setStartsOn(e.currentTarget.value)}
        />
        <Text size="sm">
          The seats are billed for the binding period; cancelling ends them when it is over. Prices follow
          your agreement with the provider.
        </Text>
        <Checkbox
          label="I approve the terms of purchase"
          checked={terms}
          onChange={(e) => setTerms(e.currentTarget.checked)}
        />
        {buy.error && (
          <Alert color="red" role="alert">
            {buy.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={!ready} loading={buy.isPending} onClick={() => buy.mutate()}>
            Confirm order
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
