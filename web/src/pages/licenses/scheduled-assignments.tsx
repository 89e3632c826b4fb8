import { Alert, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { AppModal } from '../../lib/app-modal';
import { Pager } from '../../lib/pager';
import { useCursorPages } from '../../lib/use-cursor-pages';

type Assignment = Schemas['Assignment'];

/** Scheduled assignments in the order they are due, each re-dated or cancelled on its own. */
export function ScheduledAssignments(props: { productName: ReadonlyMap<string, string>; writer: boolean }) {
  const pages = useCursorPages();
  const queryClient = useQueryClient();
  const [redating, setRedating] = useState<Assignment | null>(null);
  const [cancelling, setCancelling] = useState<Assignment | null>(null);
  const scheduled = useQuery({
    queryKey: ['assignments', 'scheduled', pages.cursor],
    queryFn: async () =>
      unwrap(
        await api.GET('/assignments', {
          params: {
            query: { state: 'scheduled', limit: 50, ...(pages.cursor ? { cursor: pages.cursor } : {}) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const changed = async () => {
    await queryClient.invalidateQueries({ queryKey: ['assignments'] });
    await queryClient.invalidateQueries({ queryKey: ['inventory'] });
  };
  return (
    <section aria-label="Scheduled assignments">
      <Title order={2} size="h4" mb="xs">
        Scheduled assignments
      </Title>
      {scheduled.error && <Alert color="red">{scheduled.error.message}</Alert>}
      {scheduled.data?.items.length === 0 && <Text size="sm">Nothing is scheduled.</Text>}
      {scheduled.data && scheduled.data.items.length > 0 && (
        <Table striped aria-label="Scheduled assignments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>User</Table.Th>
              <Table.Th>Product</Table.Th>
              {props.writer && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {scheduled.data.items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.effectiveAt.slice(0, 10)}</Table.Td>
                <Table.Td>
                  <UserName id={a.userId} />
                </Table.Td>
                <Table.Td>{props.productName.get(a.productId) ?? a.product}</Table.Td>
                {props.writer && (
                  <Table.Td>
                    <Group gap="xs">
                      <Button size="compact-sm" variant="default" onClick={() => setRedating(a)}>
                        Edit date
                      </Button>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setCancelling(a)}>
                        Cancel
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager
        page={pages.page}
        nextCursor={scheduled.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
      {redating && <Redate assignment={redating} onClose={() => setRedating(null)} onDone={changed} />}
      {cancelling && (
        <CancelAssignment assignment={cancelling} onClose={() => setCancelling(null)} onDone={changed} />
      )}
    </section>
  );
}

function UserName({ id }: { id: string }) {
  const user = useQuery({
    queryKey: ['users', id],
    queryFn: async () => unwrap(await api.GET('/users/{id}', { params: { path: { id } } })),
    staleTime: 60_000,
  });
  return <Link to={`/users/${id}`}>{user.data ? (user.data.displayName ?? user.data.userName) : id}</Link>;
}

function Redate(props: { assignment: Assignment; onClose(): void; onDone(): Promise<void> }) {
  const [date, setDate] = useState(props.assignment.effectiveAt.slice(0, 10));
  const redate = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/assignments/{id}/reschedule', {
          params: { path: { id: props.assignment.id } },
          body: { effectiveAt: new Date(`${date}T00:00:00Z`).toISOString() },
        }),
      ),
    onSuccess: async (result) => {
      await props.onDone();
      if (result.conflicts.length === 0) props.onClose();
    },
  });
  return (
    <AppModal opened onClose={props.onClose} title="Edit the activation date">
      <Stack>
        <TextInput
          type="date"
          label="Activation date"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          required
        />
        {redate.error && (
          <Alert color="red" role="alert">
            {redate.error.message}
          </Alert>
        )}
        {redate.data && redate.data.conflicts.length > 0 && (
          <Alert color="orange" title="Re-dated, with conflicts on that date">
            {redate.data.conflicts.map((c) => c.message).join('; ')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Close
          </Button>
          <Button disabled={!date} loading={redate.isPending} onClick={() => redate.mutate()}>
            Save date
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

function CancelAssignment(props: { assignment: Assignment; onClose(): void; onDone(): Promise<void> }) {
  const cancel = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/assignments/{id}/cancel', { params: { path: { id: props.assignment.id } } })),
    onSuccess: async () => {
      await props.onDone();
      props.onClose();
    },
  });
  return (
    <AppModal opened onClose={props.onClose} title="Cancel the scheduled assignment">
      <Stack>
        <Text>
          The {props.assignment.product} license due on {props.assignment.effectiveAt.slice(0, 10)} will not
          start; its seat is no longer committed.
        </Text>
        {cancel.error && (
          <Alert color="red" role="alert">
            {cancel.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Keep it
          </Button>
          <Button color="red" loading={cancel.isPending} onClick={() => cancel.mutate()}>
            Cancel assignment
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
