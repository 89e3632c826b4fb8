import { Alert, Button, Group, Text } from '@mantine/core';
import { AppModal } from '../../lib/app-modal';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

/** The confirmation before an import changes the tenant, naming how many rows it will apply and how many it skips. */
export function ApplyImportModal({
  record,
  onClose,
  onApplied,
}: {
  record: Schemas['Import'];
  onClose(): void;
  onApplied(): void;
}) {
  const queryClient = useQueryClient();
  const valid = record.summary.valid;
  const apply = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/imports/{id}/apply', { params: { path: { id: record.id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['imports'] });
      onApplied();
    },
  });
  const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;
  return (
    <AppModal opened onClose={onClose} title="Apply the import">
      <Text mb="sm">
        Apply {rows(valid)} of {record.fileName ?? 'the file'}? Users are created or updated, and numbers and
        licenses assigned, as the dry run showed.
        {record.summary.invalid > 0 && ` ${rows(record.summary.invalid)} with errors will not be applied.`}
      </Text>
      {apply.error && (
        <Alert color="red" mb="sm">
          {apply.error.message}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={apply.isPending} onClick={() => apply.mutate()}>
          Apply {rows(valid)}
        </Button>
      </Group>
    </AppModal>
  );
}
