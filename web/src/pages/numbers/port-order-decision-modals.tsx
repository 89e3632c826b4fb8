import { Alert, Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { AppModal } from '../../lib/app-modal';

type PortOrder = Schemas['PortOrder'];

/** The longest reason the API keeps. */
const REASON_MAX = 500;

/** A day as the date field gives it: four-digit year (the API's date-times have no other), month, day. */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The answer of the losing operator, recorded through the API; the order list and the pool are fetched anew. */
function useDecision<Body>(
  order: PortOrder,
  send: (id: string, body: Body) => Promise<unknown>,
  onDone: () => void,
) {
  const queryClient = useQueryClient();
  const decision = useMutation({
    mutationFn: (body: Body) => send(order.id, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['port-orders'] }),
        queryClient.invalidateQueries({ queryKey: ['numbers'] }),
      ]);
      onDone();
    },
  });
  const apiError = decision.error instanceof ApiError ? decision.error : null;
  return { decision, apiError };
}

/** A problem that is not about one field (the order moved on meanwhile, say), above the form. */
function FormProblem(props: { error: Error | null; fields: Array<string | undefined> }) {
  if (!props.error || props.fields.some(Boolean)) return null;
  return (
    <Alert color="red" role="alert">
      {props.error.message}
    </Alert>
  );
}

/** The losing operator accepted the port: the day the number moves. */
export function ConfirmPortModal(props: { order: PortOrder; onClose(): void }) {
  const [day, setDay] = useState(() => new Date().toISOString().slice(0, 10));
  const [invalid, setInvalid] = useState<string | null>(null);
  const { decision, apiError } = useDecision(
    props.order,
    async (id, portAt: string) =>
      unwrap(await api.POST('/port-orders/{id}/confirm', { params: { path: { id } }, body: { portAt } })),
    props.onClose,
  );
  const fieldError = invalid ?? apiError?.fieldError('portAt');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!DAY.test(day)) {
      setInvalid(day ? 'Enter the day as YYYY-MM-DD, with a four-digit year' : 'Enter the port date');
      return;
    }
    setInvalid(null);
    // The day's start in UTC, as the API's date-times carry their offset.
    decision.mutate(`${day}T00:00:00Z`);
  }

  return (
    <AppModal opened onClose={props.onClose} title={`Confirm the port of ${props.order.e164}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormProblem error={decision.error} fields={[fieldError]} />
          <TextInput
            type="date"
            label="Port date"
            description="The day the losing operator agreed to; the number moves into the pool at its start (UTC)."
            required
            value={day}
            onChange={(e) => {
              setDay(e.currentTarget.value);
              setInvalid(null);
            }}
            error={fieldError}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={decision.isPending}>
              Confirm port
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** The losing operator refused the port: why, which the order keeps and shows. */
export function RejectPortModal(props: { order: PortOrder; onClose(): void }) {
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const { decision, apiError } = useDecision(
    props.order,
    async (id, body: { reason: string }) =>
      unwrap(await api.POST('/port-orders/{id}/reject', { params: { path: { id } }, body })),
    props.onClose,
  );
  const fieldError = invalid ?? apiError?.fieldError('reason');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason) {
      setInvalid('Enter the reason the losing operator gave');
      return;
    }
    setInvalid(null);
    // What else a reason must be (more than blanks, for one) the API says, under the field.
    decision.mutate({ reason });
  }

  return (
    <AppModal opened onClose={props.onClose} title={`Reject the port of ${props.order.e164}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormProblem error={decision.error} fields={[fieldError]} />
          <Textarea
            label="Reason"
            description="As the losing operator gave it; the number leaves the pool."
            required
            rows={3}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setInvalid(null);
            }}
            error={fieldError}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={decision.isPending}>
              Reject port
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
