import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { AppModal } from '../../lib/app-modal';
import { formatDateTime } from '../../lib/format';
import { Pager } from '../../lib/pager';
import { useCursorPages } from '../../lib/use-cursor-pages';

type CreateToken = Schemas['CreateTokenRequest'];
type Token = Schemas['Token'];

/** The tenant's tokens (owners only): list, create with a label (the secret shown once), revoke. */
export function TokensPanel() {
  const queryClient = useQueryClient();
  const pages = useCursorPages();
  const tokens = useQuery({
    queryKey: ['tokens', pages.cursor],
    queryFn: async () =>
      unwrap(
        await api.GET('/tokens', {
          params: {
            query: { status: 'active', limit: 50, ...(pages.cursor ? { cursor: pages.cursor } : {}) },
          },
        }),
      ),
  });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const revoke = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/tokens/{id}/revoke', { params: { path: { id } } })),
    onSuccess: () => {
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tokens-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="tokens-heading">
          Tokens
        </Title>
        <Button onClick={() => setCreating(true)}>Create token</Button>
      </Group>
      {tokens.error && <Alert color="red">{tokens.error.message}</Alert>}
      <Table aria-label="Tokens">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Label</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Created</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.data?.items.map((token) => (
            <Table.Tr key={token.id}>
              <Table.Td>{token.label ?? <Text c="dimmed">no label</Text>}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={token.kind === 'scim' ? 'blue' : 'teal'}>
                  {token.kind}
                </Badge>
              </Table.Td>
              <Table.Td>{token.role?.replace('_', ' ') ?? '—'}</Table.Td>
              <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
              <Table.Td>{formatDateTime(token.lastUsedAt)}</Table.Td>
              <Table.Td>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  onClick={() => setRevoking(token)}
                  aria-label={`Revoke ${token.label ?? token.id}`}
                >
                  Revoke
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Pager
        page={pages.page}
        nextCursor={tokens.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />

      <CreateTokenModal opened={creating} onClose={() => setCreating(false)} />
      <AppModal opened={revoking !== null} onClose={() => setRevoking(null)} title="Revoke this token?">
        <Stack>
          <Text>
            <strong>{revoking?.label ?? revoking?.id}</strong> stops working in every seatsync process within
            a second
            {revoking?.kind === 'scim'
              ? ': the identity provider using it can no longer provision.'
              : '.'}{' '}
            Console sessions opened with it end.
          </Text>
          {revoke.error && <Alert color="red">{revoke.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => revoking && revoke.mutate(revoking.id)}
            >
              Revoke token
            </Button>
          </Group>
        </Stack>
      </AppModal>
    </Paper>
  );
}

function CreateTokenModal({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<CreateToken>({ label: '', kind: 'admin', role: 'license_admin' });
  const create = useMutation({
    mutationFn: async (body: CreateToken) => unwrap(await api.POST('/tokens', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
  const close = () => {
    create.reset();
    setDraft({ label: '', kind: 'admin', role: 'license_admin' });
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { email, ...rest } = draft;
    create.mutate(
      draft.kind === 'scim'
        ? { label: draft.label, kind: 'scim' }
        : { ...rest, ...(draft.role === 'owner' && email ? { email } : {}) },
    );
  };
  const error = create.error instanceof ApiError ? create.error : null;
  return (
    <AppModal opened={opened} onClose={close} title={create.data ? 'Token created' : 'Create a token'}>
      {create.data ? (
        <Stack>
          <Text>Copy the token now: seatsync shows it once and keeps only its hash.</Text>
          <Code block data-testid="new-token">
            {create.data.secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={create.data.secret}>
              {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy token'}</Button>}
            </CopyButton>
            <Button variant="default" onClick={close}>
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <TextInput
              label="Label"
              description="What it is for, e.g. Okta provisioning"
              value={draft.label}
              onChange={(e) => setDraft({ ...draft, label: e.currentTarget.value })}
              error={error?.fieldError('label')}
              required
              data-autofocus
            />
            <Select
              label="Kind"
              data={[
                { value: 'admin', label: 'Admin (this console and the admin API)' },
                { value: 'scim', label: 'SCIM (an identity provider pushing users)' },
              ]}
              value={draft.kind}
              onChange={(kind) => setDraft({ ...draft, kind: (kind ?? 'admin') as CreateToken['kind'] })}
              allowDeselect={false}
            />
            {draft.kind === 'admin' && (
              <Select
                label="Role"
                data={[
                  { value: 'owner', label: 'Owner: everything, tokens and settings included' },
                  { value: 'license_admin', label: 'License admin: users, licenses, numbers, rules' },
                  { value: 'read_only', label: 'Read only' },
                ]}
                value={draft.role ?? 'license_admin'}
                onChange={(role) =>
                  setDraft({ ...draft, role: (role ?? 'license_admin') as CreateToken['role'] })
                }
                allowDeselect={false}
              />
            )}
            {draft.kind === 'admin' && draft.role === 'owner' && (
              <TextInput
                label="Owner's e-mail"
                description="Alerts for owners go to this address"
                type="email"
                value={draft.email ?? ''}
                onChange={(e) => setDraft({ ...draft, email: e.currentTarget.value || undefined })}
                error={error?.fieldError('email')}
              />
            )}
            {create.error && !error?.fieldError('label') && !error?.fieldError('email') && (
              <Alert color="red">{create.error.message}</Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </AppModal>
  );
}
