import { Alert, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { AppModal } from '../../lib/app-modal';

const RESULT_LABEL = { created: 'created', already_exists: 'already exists', invalid: 'invalid' } as const;

/** Create many users from a list of e-mail addresses (commas, spaces or lines between them). */
export function BulkCreateModal(props: { opened: boolean; onClose(): void }) {
  const [text, setText] = useState('');
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/users/bulk', {
          body: { emails: text.split(/[\s,;]+/).filter((e) => e.length > 0) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
  const close = () => {
    create.reset();
    setText('');
    props.onClose();
  };
  return (
    <AppModal opened={props.opened} onClose={close} title="Create multiple users">
      <Stack>
        <Textarea
          label="E-mail addresses"
          description="Separated by commas or on lines of their own"
          autosize
          minRows={4}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {create.error && <Alert color="red">{create.error.message}</Alert>}
        {create.data && (
          <Alert color="teal" title="Done" role="status">
            <Text size="sm">
              {create.data.created} created, {create.data.alreadyExisting} already existed,{' '}
              {create.data.invalid} invalid
            </Text>
            <List size="sm" aria-label="Results">
              {create.data.results.map((r, i) => (
                <List.Item key={`${r.email}-${i}`}>
                  {r.email}: {RESULT_LABEL[r.status]}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Close
          </Button>
          <Button onClick={() => create.mutate()} loading={create.isPending} disabled={!text.trim()}>
            Create users
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}
