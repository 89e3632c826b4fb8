import { Alert, Button, Checkbox, Group, List, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client';
import { AppModal } from '../../lib/app-modal';

/** What removing a running license deletes (the API refuses without confirmDataLoss). */
const LOST = [
  'Call history',
  'Call forwarding settings',
  'Voicemails and voicemail greetings',
  'Device activation',
];

/** Remove a license after the admin confirms the data loss; a scheduled one is simply cancelled. */
export function RemoveModal(props: {
  userId: string;
  assignment: { id: string; state: string; productName: string };
  onClose(): void;
}) {
  const pending = ['scheduled', 'blocked'].includes(props.assignment.state);
  const [confirmed, setConfirmed] = useState(false);
  const [dependents, setDependents] = useState(false);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: async () =>
      pending
        ? unwrap(
            await api.POST('/assignments/{id}/cancel', { params: { path: { id: props.assignment.id } } }),
          )
        : unwrap(
            await api.POST('/assignments/{id}/remove', {
              params: { path: { id: props.assignment.id } },
              body: { confirmDataLoss: confirmed, ...(dependents ? { removeDependents: true } : {}) },
            }),
          ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['user', props.userId] });
      props.onClose();
    },
  });
  const needsDependents =
    remove.error instanceof ApiError && remove.error.problem.code === 'requirement.dependents';
  return (
    <AppModal opened onClose={props.onClose} title={`Remove ${props.assignment.productName}`}>
      <Stack>
        {pending ? (
          <Text size="sm">The {props.assignment.state} license is cancelled; nothing is lost.</Text>
        ) : (
          <Alert color="red" title="Warning: data loss">
            <Text size="sm">Removing this license deletes the user&apos;s:</Text>
            <List size="sm" aria-label="Data that is lost">
              {LOST.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
            <Text size="sm">
              Call recordings stay available to administrators. Export what you need first.
            </Text>
          </Alert>
        )}
        {!pending && (
          <Checkbox
            label="I understand this data is deleted"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.currentTarget.checked)}
          />
        )}
        {needsDependents && (
          <Checkbox
            label="Also stop the licenses that require this one"
            checked={dependents}
            onChange={(e) => setDependents(e.currentTarget.checked)}
          />
        )}
        {remove.error && <Alert color="red">{remove.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Keep it
          </Button>
          <Button
            color="red"
            onClick={() => remove.mutate()}
            loading={remove.isPending}
            disabled={!pending && !confirmed}
          >
            {pending ? 'Cancel the license' : 'Remove license'}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
