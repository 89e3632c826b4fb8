import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { AppModal } from '../../lib/app-modal';
import { useSession } from '../../session/session-context';
import { AssignModal } from './assign-modal';
import { ContactModal } from './contact-modal';
import { RemoveModal } from './remove-modal';
import { STATE_LABELS, useCatalog } from './use-catalog';

type Assignment = Schemas['UserDetails']['licenses']['assignments'][number];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '');
const RUNNING = ['active', 'removal_scheduled'];
const PENDING = ['scheduled', 'blocked'];

/** Why the user has a license: each grant, as the admin would say it. */
function Why(props: { grants: Assignment['grants']; rules: Map<string, string> }) {
  return (
    <Stack gap={2}>
      {props.grants.map((g) => (
        <Text size="sm" key={`${g.kind}-${g.ruleId ?? ''}-${g.grantedAt}`}>
          {g.kind === 'direct'
            ? 'Assigned by an admin'
            : g.kind === 'import'
              ? 'Imported from a file'
              : `Rule ${(g.ruleId && props.rules.get(g.ruleId)) ?? g.ruleId ?? ''}`}{' '}
          <Text span size="xs" c="dimmed">
            {when(g.grantedAt)}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

function SetActivationDateModal(props: { userId: string; onClose(): void }) {
  const [date, setDate] = useState('');
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/users/{id}/activation-date', {
          params: { path: { id: props.userId } },
          body: { effectiveAt: new Date(date).toISOString() },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['user', props.userId] });
      props.onClose();
    },
  });
  return (
    <AppModal opened onClose={props.onClose} title="Set Activation Date">
      <Stack>
        <Text size="sm">Every scheduled license of this user moves to this date.</Text>
        <TextInput
          type="datetime-local"
          label="Activation date"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
        />
        {save.error && <Alert color="red">{save.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} disabled={!date} loading={save.isPending}>
            Confirm
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

/** One user: contact details, numbers, licenses and why, history; assignment and removal for writers. */
export default function UserPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const writer = can('owner', 'license_admin');
  const { tracks, productName } = useCatalog();
  const [modal, setModal] = useState<
    | { kind: 'contact' | 'assign' | 'activation' }
    | { kind: 'change'; assignment: Assignment }
    | { kind: 'remove'; assignment: Assignment }
    | null
  >(null);
  const user = useQuery({
    queryKey: ['user', id],
    queryFn: async () => unwrap(await api.GET('/users/{id}', { params: { path: { id } } })),
  });
  const history = useQuery({
    queryKey: ['user', id, 'history'],
    queryFn: async () =>
      unwrap(await api.GET('/events', { params: { query: { userId: id, limit: 50 } } })).items,
  });
  const rules = useQuery({
    queryKey: ['rules'],
    queryFn: async () => unwrap(await api.GET('/rules', { params: { query: { limit: 200 } } })).items,
    enabled: Boolean(user.data?.licenses.assignments.some((a) => a.grants.some((g) => g.kind === 'rule'))),
  });
  const ruleNames = new Map((rules.data ?? []).map((r) => [r.id, r.name]));

  if (user.error) return <Alert color="red">{user.error.message}</Alert>;
  const u = user.data;
  if (!u) return <Text>Loading…</Text>;
  const { assignments, numbers, numberConflicts } = u.licenses;
  const conflictOf = (value: string | undefined) => numberConflicts.find((c) => c.value === value);
  const exclusive = (track: string) => tracks.find((t) => t.key === track)?.exclusive ?? false;

  return (
    <>
      <Anchor component={Link} to="/users" size="sm">
        ← Users
      </Anchor>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          {u.displayName ?? u.userName}
        </Title>
        <Badge color={u.status === 'active' ? 'teal' : 'gray'} variant="light">
          {u.status}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
        <Card withBorder component="section" aria-labelledby="contact-heading">
          <Group justify="space-between">
            <Title order={2} size="h4" id="contact-heading">
              Contact details
            </Title>
            {writer && (
              <Button size="xs" variant="light" onClick={() => setModal({ kind: 'contact' })}>
                Edit contact details
              </Button>
            )}
          </Group>
          <Table aria-label="Contact details" mt="xs">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>E-mail</Table.Th>
                <Table.Td>{u.email}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Department</Table.Th>
                <Table.Td>{u.department}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Country</Table.Th>
                <Table.Td>{u.country}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Language</Table.Th>
                <Table.Td>{u.language}</Table.Td>
              </Table.Tr>
              {u.phoneNumbers.map((p) => {
                const conflict = conflictOf(p.value);
                return (
                  <Table.Tr key={`${p.type}-${p.value}`}>
                    <Table.Th>{p.type ?? 'Phone'} number</Table.Th>
                    <Table.Td>
                      {p.value}
                      {conflict && (
                        <Text size="sm" c="red.8" role="note">
                          Conflict: {conflict.message}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder component="section" aria-labelledby="numbers-heading">
          <Title order={2} size="h4" id="numbers-heading">
            Numbers
          </Title>
          {numbers.length === 0 ? (
            <Text size="sm">No pool numbers assigned.</Text>
          ) : (
            <List size="sm" aria-label="Pool numbers">
              {numbers.map((n) => (
                <List.Item key={n.id}>
                  {n.e164} ({n.kind}, {n.country})
                </List.Item>
              ))}
            </List>
          )}
        </Card>
      </SimpleGrid>

      <Card withBorder component="section" aria-labelledby="licenses-heading" mb="md">
        <Group justify="space-between">
          <Title order={2} size="h4" id="licenses-heading">
            Licenses
          </Title>
          {writer && (
            <Group>
              {assignments.some((a) => PENDING.includes(a.state)) && (
                <Button size="xs" variant="light" onClick={() => setModal({ kind: 'activation' })}>
                  Set Activation Date
                </Button>
              )}
              <Button size="xs" onClick={() => setModal({ kind: 'assign' })}>
                Assign license
              </Button>
            </Group>
          )}
        </Group>
        <Table aria-label="Licenses" mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Date</Table.Th>
              <Table.Th>Why</Table.Th>
              {writer && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assignments.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{productName(a.product)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATE_LABELS[a.state]?.color ?? 'gray'}>
                    {STATE_LABELS[a.state]?.label ?? a.state}
                  </Badge>
                  {a.conflicts.map((c) => (
                    <Text size="xs" key={c.reason}>
                      {c.message}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>{when(a.state === 'active' ? a.activatedAt : a.effectiveAt)}</Table.Td>
                <Table.Td>
                  <Why grants={a.grants} rules={ruleNames} />
                </Table.Td>
                {writer && (
                  <Table.Td>
                    <Group gap="xs">
                      {RUNNING.includes(a.state) && exclusive(a.track) && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`Change ${productName(a.product)}`}
                          onClick={() => setModal({ kind: 'change', assignment: a })}
                        >
                          Change
                        </Button>
                      )}
                      {a.state !== 'grace' && (
                        <Button
                          size="xs"
                          variant="default"
                          color="red"
                          aria-label={`Remove ${productName(a.product)}`}
                          onClick={() => setModal({ kind: 'remove', assignment: a })}
                        >
                          Remove
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {assignments.length === 0 && <Text size="sm">No licenses.</Text>}
      </Card>

      <Card withBorder component="section" aria-labelledby="history-heading">
        <Title order={2} size="h4" id="history-heading">
          History
        </Title>
        <Table aria-label="History" mt="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.data?.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{when(e.occurredAt)}</Table.Td>
                <Table.Td>{e.action}</Table.Td>
                <Table.Td>{e.actor.label}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>

      {modal?.kind === 'contact' && <ContactModal user={u} onClose={() => setModal(null)} />}
      {modal?.kind === 'assign' && <AssignModal user={u} onClose={() => setModal(null)} />}
      {modal?.kind === 'change' && (
        <AssignModal
          user={u}
          change={{
            assignmentId: modal.assignment.id,
            track: modal.assignment.track,
            product: modal.assignment.product,
          }}
          onClose={() => setModal(null)}
        />
      )}
      {modal?.kind === 'activation' && (
        <SetActivationDateModal userId={u.id} onClose={() => setModal(null)} />
      )}
      {modal?.kind === 'remove' && (
        <RemoveModal
          userId={u.id}
          assignment={{
            id: modal.assignment.id,
            state: modal.assignment.state,
            productName: productName(modal.assignment.product),
          }}
          onClose={() => setModal(null)}
        />
      )}
    </>
  );
}
