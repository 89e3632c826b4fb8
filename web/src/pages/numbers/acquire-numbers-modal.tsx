import { Alert, Button, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { AppModal } from '../../lib/app-modal';

type Acquire = Schemas['AcquireNumbersRequest'];

/** Acquire numbers from the provider's ranges into the pool (all or nothing). */
export function AcquireNumbersModal(props: { opened: boolean; onClose(): void }) {
  const queryClient = useQueryClient();
  const [country, setCountry] = useState('');
  const [kind, setKind] = useState<Acquire['kind']>('fixed');
  const [quantity, setQuantity] = useState<number | string>(1);
  const acquire = useMutation({
    mutationFn: async (body: Acquire) => unwrap(await api.POST('/numbers/acquire', { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['numbers'] });
      acquire.reset();
      props.onClose();
    },
  });
  const error = acquire.error instanceof ApiError ? acquire.error : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    acquire.mutate({ country: country.trim().toUpperCase(), kind, quantity: Number(quantity) });
  }

  return (
    <AppModal opened={props.opened} onClose={props.onClose} title="Acquire numbers">
      <form onSubmit={submit}>
        <Stack>
          {acquire.error && <Alert color="red">{acquire.error.message}</Alert>}
          <TextInput
            label="Country"
            description="Two-letter code, e.g. SE"
            required
            maxLength={2}
            value={country}
            onChange={(e) => setCountry(e.currentTarget.value)}
            error={error?.fieldError('country')}
          />
          <Select
            label="Kind"
            allowDeselect={false}
            data={[
              { value: 'fixed', label: 'Fixed' },
              { value: 'mobile', label: 'Mobile' },
            ]}
            value={kind}
            onChange={(value) => value && setKind(value as Acquire['kind'])}
            error={error?.fieldError('kind')}
          />
          <NumberInput
            label="Quantity"
            required
            min={1}
            max={1000}
            value={quantity}
            onChange={setQuantity}
            error={error?.fieldError('quantity')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={acquire.isPending}>
              Acquire
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
