import { Stack, Title } from '@mantine/core';
import { useSession } from '../../session/session-context';
import { TenantSettingsForm } from './tenant-settings-form';
import { TokensPanel } from './tokens-panel';

/** Tenant settings (everyone reads, owners change) and, for owners, the tenant's tokens. */
export default function SettingsPage() {
  const { can } = useSession();
  return (
    <Stack>
      <Title order={1} size="h2">
        Settings
      </Title>
      <TenantSettingsForm />
      {can('owner') && <TokensPanel />}
    </Stack>
  );
}
