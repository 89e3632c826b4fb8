import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { AppModal } from '../../lib/app-modal';

type CreatePortOrder = Schemas['CreatePortOrderRequest'];

/** A port-in order for a number the customer brings from another operator; it enters the pool as porting. */
export function PortInModal(props: { opened: boolean; onClose(): void }) {
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
    <AppModal opened={props.opened} onClose={props.onClose} title="Port in a number">
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
    </AppModal>
  );
}
