import { Alert, Anchor, Button, Code, Group, Select, Table, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { Pager } from '../../lib/pager';
import { useCursorPages } from '../../lib/use-cursor-pages';

type EntityType = Schemas['AuditEvent']['entity']['type'];
type ActorType = Schemas['EventActor']['type'];

const ENTITY_TYPES: EntityType[] = [
  'user',
  'assignment',
  'phone_number',
  'port_order',
  'subscription',
  'rule',
  'rule_hold',
  'group',
  'directory_connection',
  'import',
  'webhook_endpoint',
  'token',
  'session',
  'tenant',
  'product',
  'track',
];
const ACTOR_TYPES: ActorType[] = ['token', 'rule_engine', 'connector', 'job', 'cli', 'system'];

/** `2026-12-02` from a date input → the start of that day in the admin's time zone, as an instant. */
const startOfDay = (date: string) => (date ? new Date(`${date}T00:00:00`).toISOString() : undefined);
const endOfDay = (date: string) =>
  date ? new Date(new Date(`${date}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined;

/** The audit log: every change, who made it, filtered and paged by the server, exported as CSV. */
export default function ActivityPage() {
  const [action, setAction] = useState('');
  const [entityType, setEntityType] = useState<EntityType | null>(null);
  const [actorType, setActorType] = useState<ActorType | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [actionFilter] = useDebouncedValue(action.trim(), 300);
  const pages = useCursorPages();
  const filters = {
    ...(actionFilter ? { action: actionFilter } : {}),
    ...(entityType ? { entityType } : {}),
    ...(actorType ? { actorType } : {}),
    ...(from ? { from: startOfDay(from) } : {}),
    ...(to ? { to: endOfDay(to) } : {}),
  };
  const events = useQuery({
    queryKey: ['events', filters, pages.cursor],
    queryFn: async () =>
      unwrap(
        await api.GET('/events', {
          params: { query: { ...filters, limit: 50, ...(pages.cursor ? { cursor: pages.cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const exportQuery = new URLSearchParams({
    format: 'csv',
    ...(filters.action && !filters.action.endsWith('*') ? { action: filters.action } : {}),
    ...(filters.entityType ? { entityType: filters.entityType } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  });
  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      pages.reset();
    };

  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          Activity
        </Title>
        <Button component="a" href={`/api/v1/exports/audit-log?${exportQuery}`} variant="default" download>
          Export CSV
        </Button>
      </Group>
      <Group mb="sm" align="end" wrap="wrap">
        <TextInput
          label="Action"
          placeholder="user.updated or assignment.*"
          value={action}
          onChange={(e) => change(setAction)(e.currentTarget.value)}
          w={240}
        />
        <Select
          label="About"
          placeholder="Anything"
          clearable
          data={ENTITY_TYPES.map((t) => ({ value: t, label: t.replace('_', ' ') }))}
          value={entityType}
          onChange={(v) => change(setEntityType)(v as EntityType | null)}
          w={200}
        />
        <Select
          label="Made by"
          placeholder="Anyone"
          clearable
          data={ACTOR_TYPES.map((t) => ({ value: t, label: t.replace('_', ' ') }))}
          value={actorType}
          onChange={(v) => change(setActorType)(v as ActorType | null)}
          w={170}
        />
        <TextInput
          type="date"
          label="From"
          value={from}
          onChange={(e) => change(setFrom)(e.currentTarget.value)}
        />
        <TextInput type="date" label="To" value={to} onChange={(e) => change(setTo)(e.currentTarget.value)} />
      </Group>
      {events.error && <Alert color="red">{events.error.message}</Alert>}
      <Table aria-label="Audit log">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>About</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Details</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.data?.items.map((event) => (
            <Fragment key={event.id}>
              <Table.Tr>
                <Table.Td>{formatDateTime(event.occurredAt)}</Table.Td>
                <Table.Td>
                  <Code>{event.action}</Code>
                </Table.Td>
                <Table.Td>
                  {event.userId ? (
                    <Anchor component={Link} to={`/users/${event.userId}`}>
                      {event.entity.type.replace('_', ' ')}
                    </Anchor>
                  ) : (
                    event.entity.type.replace('_', ' ')
                  )}
                </Table.Td>
                <Table.Td>{event.actor.label}</Table.Td>
                <Table.Td>
                  <Button
                    variant="subtle"
                    size="compact-xs"
                    aria-expanded={open === event.id}
                    onClick={() => setOpen(open === event.id ? null : event.id)}
                  >
                    {open === event.id ? 'Hide' : 'Show'}
                  </Button>
                </Table.Td>
              </Table.Tr>
              {open === event.id && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Code block>{JSON.stringify({ before: event.before, after: event.after }, null, 2)}</Code>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
      <Pager
        page={pages.page}
        nextCursor={events.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
    </>
  );
}
