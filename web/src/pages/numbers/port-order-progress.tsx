import { Badge, Group, Text, VisuallyHidden } from '@mantine/core';
import type { Schemas } from '../../api/client';

type PortOrder = Schemas['PortOrder'];
type StepState = 'done' | 'now' | 'to come';

interface Step {
  label: string;
  state: StepState;
  colour: string;
}

/** The day the number moves: confirmed as a day, stored as its start in UTC, so shown in UTC too. */
export const portDay = (iso: string): string =>
  new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** The way into the pool, submitted → confirmed (with a date) → completed, or off it: rejected or cancelled. */
function stepsOf(order: PortOrder): Step[] {
  const confirmed = order.portAt ? `Confirmed for ${portDay(order.portAt)}` : 'Confirmed';
  const submitted: Step = {
    label: 'Submitted',
    state: order.state === 'submitted' ? 'now' : 'done',
    colour: 'blue',
  };
  switch (order.state) {
    case 'submitted':
      return [
        submitted,
        { label: 'Confirmed', state: 'to come', colour: 'gray' },
        { label: 'In the pool', state: 'to come', colour: 'gray' },
      ];
    case 'confirmed':
      return [
        submitted,
        { label: confirmed, state: 'now', colour: 'indigo' },
        { label: 'In the pool', state: 'to come', colour: 'gray' },
      ];
    case 'completed':
      return [
        submitted,
        { label: confirmed, state: 'done', colour: 'indigo' },
        { label: 'In the pool', state: 'done', colour: 'teal' },
      ];
    case 'rejected':
      return [submitted, { label: 'Rejected', state: 'now', colour: 'red' }];
    case 'cancelled':
      return [submitted, { label: 'Cancelled', state: 'now', colour: 'gray' }];
  }
}

/** What the order waits for, in words. */
const WAITING: Partial<Record<PortOrder['state'], string>> = {
  submitted: 'Waiting for the losing operator to confirm a date.',
  confirmed: 'The number moves into the pool on the port date.',
};

/** An order's progress as an ordered list of steps, each marked done, now or to come (also for screen readers). */
export function PortOrderProgress({ order }: { order: PortOrder }) {
  const steps = stepsOf(order);
  const note = order.state === 'rejected' ? `Reason: ${order.rejectReason ?? '—'}` : WAITING[order.state];
  return (
    <>
      <Group component="ol" gap={6} m={0} p={0} aria-label={`Progress of ${order.e164}`}>
        {steps.map((step, i) => (
          <Group
            component="li"
            key={step.label}
            gap={6}
            aria-current={step.state === 'now' ? 'step' : undefined}
          >
            <Badge
              color={step.colour}
              variant={step.state === 'to come' ? 'outline' : step.state === 'now' ? 'filled' : 'light'}
              tt="none"
            >
              {step.label}
            </Badge>
            <VisuallyHidden>({step.state})</VisuallyHidden>
            {i < steps.length - 1 && <span aria-hidden="true">→</span>}
          </Group>
        ))}
      </Group>
      {note && (
        <Text size="sm" mt={4}>
          {note}
        </Text>
      )}
    </>
  );
}
