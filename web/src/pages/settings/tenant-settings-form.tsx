import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { useSession } from '../../session/session-context';

type Settings = Schemas['TenantSettings'];
type SettingsChange = Schemas['UpdateTenantSettingsRequest'];

const NUMBER_FIELDS: Array<{ key: keyof Settings; label: string; description: string }> = [
  {
    key: 'suspensionGraceDays',
    label: 'Suspension grace (days)',
    description: 'From a suspension to license removal',
  },
  {
    key: 'licenseGraceDays',
    label: 'License grace (days)',
    description: 'A removed license keeps its data and seat',
  },
  {
    key: 'blockedCutoffDays',
    label: 'Blocked cutoff (days)',
    description: 'A blocked license retries, then fails',
  },
  {
    key: 'numberQuarantineDays',
    label: 'Number quarantine (days)',
    description: 'Before a released number is reused',
  },
  {
    key: 'massChangeThreshold',
    label: 'Mass-change threshold',
    description: 'Removals one change may make before it is held for approval',
  },
];

/** The tenant's licensing settings: everyone reads them, owners change them. */
export function TenantSettingsForm() {
  const { can } = useSession();
  const owner = can('owner');
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: async () => unwrap(await api.GET('/settings')),
  });
  const [draft, setDraft] = useState<Settings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: async (body: SettingsChange) => unwrap(await api.PATCH('/settings', { body })),
    onSuccess: (saved) => queryClient.setQueryData(['settings'], saved),
  });

  if (!draft) return settings.error ? <Alert color="red">{settings.error.message}</Alert> : null;
  const error = save.error instanceof ApiError ? save.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // `mail` says whether e-mail is configured (the environment's SMTP_URL): read, never written.
    const { mail: _mail, ...change } = draft;
    save.mutate(change);
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="tenant-settings">
      <Title order={2} size="h3" id="tenant-settings" mb="sm">
        Licensing and notifications
      </Title>
      <form onSubmit={submit}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput
            label="Default country"
            description="ISO code of users created without one"
            value={draft.defaultCountry}
            onChange={(e) => setDraft({ ...draft, defaultCountry: e.currentTarget.value.toUpperCase() })}
            error={error?.fieldError('defaultCountry')}
            readOnly={!owner}
            maxLength={2}
          />
          <TextInput
            label="Default language"
            description="Of users created without one (en, sv, …)"
            value={draft.defaultLanguage}
            onChange={(e) => setDraft({ ...draft, defaultLanguage: e.currentTarget.value })}
            error={error?.fieldError('defaultLanguage')}
            readOnly={!owner}
          />
          {NUMBER_FIELDS.map((field) => (
            <NumberInput
              key={field.key}
              label={field.label}
              description={field.description}
              value={draft[field.key] as number}
              min={0}
              allowDecimal={false}
              onChange={(value) => setDraft({ ...draft, [field.key]: typeof value === 'number' ? value : 0 })}
              error={error?.fieldError(field.key)}
              readOnly={!owner}
            />
          ))}
          <TagsInput
            label="Notification addresses"
            description="Alerts go here and to owners' contact e-mails"
            value={draft.notificationAddresses}
            onChange={(notificationAddresses) => setDraft({ ...draft, notificationAddresses })}
            error={error?.fieldError('notificationAddresses')}
            readOnly={!owner}
            splitChars={[',', ' ', ';']}
          />
          <NumberInput
            label="Seats-low alert at"
            description="Free seats of a product at or below which owners are told; empty: never"
            value={draft.seatsLowThreshold ?? ''}
            min={0}
            allowDecimal={false}
            onChange={(value) =>
              setDraft({ ...draft, seatsLowThreshold: typeof value === 'number' ? value : null })
            }
            error={error?.fieldError('seatsLowThreshold')}
            readOnly={!owner}
          />
          <NumberInput
            label="Alert grouping (seconds)"
            description="Alerts about one cause gather this long into one e-mail"
            value={draft.alertGroupSeconds}
            min={0}
            allowDecimal={false}
            onChange={(value) =>
              setDraft({ ...draft, alertGroupSeconds: typeof value === 'number' ? value : 0 })
            }
            error={error?.fieldError('alertGroupSeconds')}
            readOnly={!owner}
          />
          <TextInput
            label="Sign-in address"
            description="Where new users sign in; the onboarding e-mail links to it"
            value={draft.signInUrl ?? ''}
            onChange={(e) => setDraft({ ...draft, signInUrl: e.currentTarget.value || null })}
            error={error?.fieldError('signInUrl')}
            readOnly={!owner}
          />
        </SimpleGrid>
        <Group mt="sm" gap="xs">
          <Badge variant="light" color={draft.mail.enabled ? 'teal' : 'gray'}>
            {draft.mail.enabled ? 'E-mail is on' : 'E-mail is off'}
          </Badge>
          {!draft.mail.enabled && (
            <Text size="sm" c="dimmed">
              Without SMTP_URL, e-mails wait in the outbox until it is set.
            </Text>
          )}
        </Group>
        {save.error && !error?.problem.errors && (
          <Alert color="red" mt="sm" role="alert">
            {save.error.message}
          </Alert>
        )}
        {save.isSuccess && (
          <Alert color="teal" mt="sm" role="status">
            Settings saved.
          </Alert>
        )}
        {owner && (
          <Group justify="flex-end" mt="md">
            <Button type="submit" loading={save.isPending}>
              Save settings
            </Button>
          </Group>
        )}
      </form>
    </Paper>
  );
}
