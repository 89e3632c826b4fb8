import { Alert, Button, Checkbox, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { AppModal } from '../../lib/app-modal';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

type Connection = Schemas['DirectoryConnection'];
type CreateBody = paths['/directory/connections']['post']['requestBody']['content']['application/json'];
type UpdateBody = NonNullable<
  paths['/directory/connections/{id}']['patch']['requestBody']
>['content']['application/json'];

interface Fields {
  name: string;
  entraTenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
  graphBaseUrl: string;
  syncInterval: string;
  reconcileInterval: string;
  enabled: boolean;
}

const fieldsOf = (c: Connection | null): Fields => ({
  name: c?.name ?? '',
  entraTenantId: c?.entraTenantId ?? '',
  clientId: c?.clientId ?? '',
  clientSecret: '',
  authorityHost: c?.authorityHost ?? '',
  graphBaseUrl: c?.graphBaseUrl ?? '',
  syncInterval: c?.syncInterval ?? '30 minutes',
  reconcileInterval: c?.reconcileInterval ?? '1 day',
  enabled: c?.enabled ?? true,
});

/** An empty host field means Microsoft's public cloud: the API takes null for it. */
const hostOrNull = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * What an edit sends: only the fields that changed, so the API's rule that a new destination needs the secret again
 * applies to what the admin actually changed.
 */
function changesOf(before: Connection, f: Fields): UpdateBody {
  const body: UpdateBody = {};
  if (f.name.trim() !== before.name) body.name = f.name;
  if (f.entraTenantId.trim() !== before.entraTenantId) body.entraTenantId = f.entraTenantId;
  if (f.clientId.trim() !== before.clientId) body.clientId = f.clientId;
  if (f.clientSecret !== '') body.clientSecret = f.clientSecret;
  if (hostOrNull(f.authorityHost) !== before.authorityHost) body.authorityHost = hostOrNull(f.authorityHost);
  if (hostOrNull(f.graphBaseUrl) !== before.graphBaseUrl) body.graphBaseUrl = hostOrNull(f.graphBaseUrl);
  if (f.syncInterval.trim() !== before.syncInterval) body.syncInterval = f.syncInterval;
  if (f.reconcileInterval.trim() !== before.reconcileInterval) body.reconcileInterval = f.reconcileInterval;
  if (f.enabled !== before.enabled) body.enabled = f.enabled;
  return body;
}

/** Connect an Entra ID tenant, or change a connection (`connection` given): the fields the API validates, its errors under each. */
export function ConnectionFormModal(props: { connection: Connection | null; onClose(): void }) {
  const editing = props.connection;
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(editing));
  const save = useMutation({
    mutationFn: async (f: Fields) => {
      if (editing) {
        return unwrap(
          await api.PATCH('/directory/connections/{id}', {
            params: { path: { id: editing.id } },
            body: changesOf(editing, f),
          }),
        );
      }
      const body: CreateBody = {
        name: f.name,
        entraTenantId: f.entraTenantId,
        clientId: f.clientId,
        clientSecret: f.clientSecret,
        authorityHost: hostOrNull(f.authorityHost),
        graphBaseUrl: hostOrNull(f.graphBaseUrl),
        syncInterval: f.syncInterval,
        reconcileInterval: f.reconcileInterval,
        enabled: f.enabled,
      };
      return unwrap(await api.POST('/directory/connections', { body }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['directory-connections'] });
      props.onClose();
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const fieldNames = Object.keys(fields);
  // A problem that names none of the fields on the form is shown above them.
  const unplaced = save.error && !fieldNames.some((name) => error?.fieldError(name));
  const set =
    (key: keyof Fields) =>
    (event: { currentTarget: { value: string } }): void => {
      // Read now: React clears currentTarget once the handler returns, before the update runs.
      const value = event.currentTarget.value;
      setFields((f) => ({ ...f, [key]: value }));
    };

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(fields);
  }

  return (
    <AppModal
      opened
      onClose={props.onClose}
      title={editing ? `Edit ${editing.name}` : 'Connect Entra ID'}
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {unplaced && <Alert color="red">{save.error?.message}</Alert>}
          <TextInput
            label="Name"
            required
            value={fields.name}
            onChange={set('name')}
            error={error?.fieldError('name')}
          />
          <TextInput
            label="Entra tenant id"
            description="The directory (tenant) id of the app registration"
            required
            value={fields.entraTenantId}
            onChange={set('entraTenantId')}
            error={error?.fieldError('entraTenantId')}
          />
          <TextInput
            label="Client id"
            description="The application (client) id"
            required
            value={fields.clientId}
            onChange={set('clientId')}
            error={error?.fieldError('clientId')}
          />
          <PasswordInput
            label="Client secret"
            description={
              editing
                ? 'Leave empty to keep the stored secret. Changing the tenant, client or hosts needs it again.'
                : 'Stored encrypted; never shown again'
            }
            required={!editing}
            autoComplete="off"
            value={fields.clientSecret}
            onChange={set('clientSecret')}
            error={error?.fieldError('clientSecret')}
            // Mantine marks its other inputs invalid for assistive technology, but not the password field.
            aria-invalid={error?.fieldError('clientSecret') ? true : undefined}
          />
          <TextInput
            label="Authority host"
            description="Empty for Microsoft's public cloud; a national cloud's sign-in host, or one the operator allows"
            placeholder="https://login.microsoftonline.com"
            value={fields.authorityHost}
            onChange={set('authorityHost')}
            error={error?.fieldError('authorityHost')}
          />
          <TextInput
            label="Graph host"
            description="Empty for Microsoft's public cloud; a national cloud's Graph host, or one the operator allows"
            placeholder="https://graph.microsoft.com"
            value={fields.graphBaseUrl}
            onChange={set('graphBaseUrl')}
            error={error?.fieldError('graphBaseUrl')}
          />
          <Group grow align="flex-start">
            <TextInput
              label="Sync every"
              description="e.g. 30 minutes, 1 hour"
              value={fields.syncInterval}
              onChange={set('syncInterval')}
              error={error?.fieldError('syncInterval')}
            />
            <TextInput
              label="Reconcile contacts every"
              description="e.g. 1 day"
              value={fields.reconcileInterval}
              onChange={set('reconcileInterval')}
              error={error?.fieldError('reconcileInterval')}
            />
          </Group>
          <Checkbox
            label="Sync on schedule"
            description="When off, the connection syncs only when asked"
            checked={fields.enabled}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setFields((f) => ({ ...f, enabled: checked }));
            }}
            error={error?.fieldError('enabled')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {editing ? 'Save connection' : 'Connect'}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
