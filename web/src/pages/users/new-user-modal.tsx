import { Alert, Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../../api/client';
import { AppModal } from '../../lib/app-modal';

const EMPTY = { firstName: '', surname: '', email: '', country: '', language: '', department: '' };

/** Create a user as the portal's form does; the API's field errors show under their fields. */
export function NewUserModal(props: { opened: boolean; onClose(): void }) {
  const [form, setForm] = useState(EMPTY);
  const [onboarding, setOnboarding] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/users', {
          body: {
            firstName: form.firstName,
            surname: form.surname,
            email: form.email,
            ...(form.country ? { country: form.country } : {}),
            ...(form.language ? { language: form.language } : {}),
            ...(form.department ? { department: form.department } : {}),
            sendOnboardingEmail: onboarding,
          },
        }),
      ),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      setForm(EMPTY);
      props.onClose();
      await navigate(`/users/${user.id}`);
    },
  });
  const error = create.error instanceof ApiError ? create.error : undefined;
  const field = (key: keyof typeof EMPTY, label: string, extra: { required?: boolean } = {}) => (
    <TextInput
      label={label}
      required={extra.required}
      value={form[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setForm((f) => ({ ...f, [key]: value }));
      }}
      error={error?.fieldError(key)}
    />
  );
  return (
    <AppModal opened={props.opened} onClose={props.onClose} title="Create a user">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          {field('firstName', 'First name', { required: true })}
          {field('surname', 'Surname', { required: true })}
          {field('email', 'E-mail', { required: true })}
          <Checkbox
            label="Send an onboarding e-mail"
            checked={onboarding}
            onChange={(e) => setOnboarding(e.currentTarget.checked)}
          />
          {field('country', 'Country (ISO code, e.g. SE)')}
          {field('language', 'Language (e.g. sv-SE)')}
          {field('department', 'Department')}
          {create.error && !error?.problem.errors?.length && (
            <Alert color="red">{create.error.message}</Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Confirm
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
