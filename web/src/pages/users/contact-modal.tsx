import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { AppModal } from '../../lib/app-modal';

type User = Schemas['UserDetails'];

const numberOf = (user: User, type: string) => user.phoneNumbers.find((p) => p.type === type)?.value ?? '';

/** Edit contact details; sent with the version read (If-Match), field errors under their fields. */
export function ContactModal(props: { user: User; onClose(): void }) {
  const { user } = props;
  const [form, setForm] = useState({
    firstName: user.firstName ?? '',
    surname: user.surname ?? '',
    department: user.department ?? '',
    title: user.title ?? '',
    country: user.country ?? '',
    work: numberOf(user, 'work'),
    mobile: numberOf(user, 'mobile'),
  });
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/users/{id}', {
          params: { path: { id: user.id }, header: { 'if-match': `W/"${user.version}"` } },
          body: {
            firstName: form.firstName,
            surname: form.surname,
            department: form.department || null,
            title: form.title || null,
            ...(form.country ? { country: form.country } : {}),
            phoneNumbers: { work: form.work || null, mobile: form.mobile || null },
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['user', user.id] });
      props.onClose();
    },
  });
  const error = save.error instanceof ApiError ? save.error : undefined;
  // A number refused as not the user's (number.not_owned, number.pool_assigned) is shown where it was typed.
  const refusedNumber = (error?.problem as { details?: { number?: string } } | undefined)?.details?.number;
  const numberError = (key: 'work' | 'mobile') =>
    refusedNumber && form[key].replace(/[\s-]/g, '') === refusedNumber ? error?.message : undefined;
  const field = (key: keyof typeof form, label: string, errorField: string = key) => (
    <TextInput
      label={label}
      value={form[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setForm((f) => ({ ...f, [key]: value }));
      }}
      error={
        error?.fieldError(errorField) ?? (key === 'work' || key === 'mobile' ? numberError(key) : undefined)
      }
    />
  );
  return (
    <AppModal opened onClose={props.onClose} title="Edit contact details">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          {field('firstName', 'First name')}
          {field('surname', 'Surname')}
          {field('department', 'Department')}
          {field('title', 'Title')}
          {field('country', 'Country')}
          {field('work', 'Work number', 'phoneNumbers.work')}
          {field('mobile', 'Mobile number', 'phoneNumbers.mobile')}
          {save.error && !error?.problem.errors?.length && !numberError('work') && !numberError('mobile') && (
            <Alert color="red">{save.error.message}</Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
