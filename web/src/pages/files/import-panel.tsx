import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useCatalog } from '../../lib/use-catalog';
import { ApplyImportModal } from './apply-import-modal';
import { DownloadLinks } from './download-links';
import { DryRunRows } from './dry-run-rows';
import { ImportProgress } from './import-progress';
import { LicenseImpact } from './license-impact';
import { uploadFailureMessage, uploadImport, type DryRun } from './upload-import';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Upload a file, read its dry run row by row, then apply it and follow the job until it is done. */
export function ImportPanel() {
  const queryClient = useQueryClient();
  const { products } = useCatalog();
  const productName = (key: string) => products.find((p) => p.key === key)?.name ?? key;
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [strict, setStrict] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [applying, setApplying] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      uploadImport(chosen, { sheet: /\.xlsx$/i.test(chosen.name) ? sheet : '', strict }),
    onMutate: () => setApplying(null),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] }),
  });
  const dryRun: DryRun | undefined = upload.data;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file);
  };
  const isXlsx = file ? /\.xlsx$/i.test(file.name) : false;

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        Import users from a file
      </Title>
      <Group gap="sm" mb="md">
        <Text size="sm">
          Fill in the template (one user a row; numbers from the pool, products to assign, an activation
          date):
        </Text>
        <DownloadLinks path="/imports/template" what="Download the template" />
      </Group>
      <form onSubmit={submit} aria-label="Upload a file">
        <Group align="end" gap="md">
          <FileInput
            label="File to import"
            description="CSV or Excel (.xlsx), at most 10 MB and 10,000 rows"
            placeholder="Choose a file"
            accept={ACCEPT}
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              upload.reset();
            }}
            clearable
            clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
            w={320}
          />
          {isXlsx && (
            <TextInput
              label="Sheet"
              description="Empty: the first sheet"
              value={sheet}
              onChange={(e) => setSheet(e.currentTarget.value)}
              w={180}
            />
          )}
          <Checkbox
            label="Strict: a license that would wait blocked is an error"
            checked={strict}
            onChange={(e) => setStrict(e.currentTarget.checked)}
            mb={8}
          />
          <Button type="submit" disabled={!file} loading={upload.isPending}>
            Check the file
          </Button>
        </Group>
      </form>
      {upload.error && (
        <Alert color="red" mt="md" title="The file was not imported">
          {uploadFailureMessage(upload.error)}
        </Alert>
      )}
      {dryRun && (
        <Stack mt="lg" gap="md">
          <DryRunSummary dryRun={dryRun} />
          <Title order={3} size="h5">
            License impact
          </Title>
          <LicenseImpact summary={dryRun.import.summary} productName={productName} />
          {applying === dryRun.import.id ? (
            <ImportProgress importId={dryRun.import.id} />
          ) : (
            <Group>
              {dryRun.import.summary.valid > 0 ? (
                <Button onClick={() => setConfirming(true)}>Apply the import</Button>
              ) : (
                <Text size="sm" fw={600}>
                  No row can be applied: correct the errors and upload the file again.
                </Text>
              )}
            </Group>
          )}
          <Title order={3} size="h5">
            Rows
          </Title>
          <DryRunRows rows={dryRun.rows} productName={productName} />
        </Stack>
      )}
      {confirming && dryRun && (
        <ApplyImportModal
          record={dryRun.import}
          onClose={() => setConfirming(false)}
          onApplied={() => {
            setConfirming(false);
            setApplying(dryRun.import.id);
          }}
        />
      )}
    </Paper>
  );
}

function DryRunSummary({ dryRun }: { dryRun: DryRun }) {
  const { summary } = dryRun.import;
  return (
    <Stack gap={4} role="status" aria-label="Dry run">
      <Text fw={600}>
        Dry run of {dryRun.import.fileName ?? 'the file'}: {summary.rows} rows, {summary.valid} valid,{' '}
        {summary.invalid} with errors. Nothing has changed yet.
      </Text>
      <Text size="sm">
        Users: {summary.users.create} to create, {summary.users.update} to update, {summary.users.unchanged}{' '}
        unchanged.
      </Text>
      {dryRun.ignoredColumns.length > 0 && (
        <Text size="sm">Columns not in the template, ignored: {dryRun.ignoredColumns.join(', ')}</Text>
      )}
    </Stack>
  );
}
