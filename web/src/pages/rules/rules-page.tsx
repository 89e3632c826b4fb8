import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { AppModal } from '../../lib/app-modal';
import { useCatalog } from '../../lib/use-catalog';
import { useSession } from '../../session/session-context';
import { RulePreviewPanel } from './rule-preview-panel';
import { RulesTabs } from './rules-tabs';
import { describeActivation, useRules, type Rule } from './use-rules-data';

const STATUS_COLOR = { draft: 'gray', active: 'teal', retired: 'dark' } as const;

/** The rules per track, in priority order (inside an exclusive track the lowest number wins). */
export default function RulesPage() {
  const { can } = useSession();
  const writer = can('owner', 'license_admin');
  const rules = useRules();
  const { tracks, products } = useCatalog();
  const [changing, setChanging] = useState<{ rule: Rule; op: 'activate' | 'retire' } | null>(null);
  const trackOf = new Map(products.map((p) => [p.id, p.track]));
  const productName = new Map(products.map((p) => [p.id, p.name]));

  return (
    <>
      <RulesTabs />
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          Members of a group (narrowed by a filter) get the rule&apos;s product. Inside an exclusive track the
          lowest priority number wins.
        </Text>
        {writer && (
          <Button component={Link} to="/rules/new">
            New rule
          </Button>
        )}
      </Group>
      {rules.error && <Alert color="red">{rules.error.message}</Alert>}
      {rules.data?.length === 0 && <Text>No rules yet.</Text>}
      {tracks.map((track) => {
        const inTrack = (rules.data ?? [])
          .filter((r) => trackOf.get(r.productId) === track.key)
          .sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
        if (inTrack.length === 0) return null;
        return (
          <section key={track.key} aria-label={track.name}>
            <Title order={2} size="h4" mt="md" mb="xs">
              {track.name} {track.exclusive && <Badge variant="light">exclusive: priority decides</Badge>}
            </Title>
            <Table striped aria-label={`${track.name} rules`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Priority</Table.Th>
                  <Table.Th>Rule</Table.Th>
                  <Table.Th>Group</Table.Th>
                  <Table.Th>Filter</Table.Th>
                  <Table.Th>Product</Table.Th>
                  <Table.Th>Starts</Table.Th>
                  <Table.Th>State</Table.Th>
                  {writer && <Table.Th>Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {inTrack.map((rule) => (
                  <Table.Tr key={rule.id}>
                    <Table.Td>{rule.priority}</Table.Td>
                    <Table.Td>
                      <Link to={`/rules/${rule.id}`}>{rule.name}</Link>
                    </Table.Td>
                    <Table.Td>{rule.groupName ?? '(group deleted)'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {rule.filter ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{productName.get(rule.productId) ?? rule.product}</Table.Td>
                    <Table.Td>{describeActivation(rule.activation)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[rule.status]} variant="light">
                        {rule.status}
                      </Badge>
                    </Table.Td>
                    {writer && (
                      <Table.Td>
                        <Group gap="xs">
                          {rule.status === 'draft' && (
                            <Button
                              size="compact-sm"
                              onClick={() => setChanging({ rule, op: 'activate' })}
                              aria-label={`Activate ${rule.name}`}
                            >
                              Activate
                            </Button>
                          )}
                          {rule.status === 'active' && (
                            <Button
                              size="compact-sm"
                              variant="default"
                              onClick={() => setChanging({ rule, op: 'retire' })}
                              aria-label={`Retire ${rule.name}`}
                            >
                              Retire
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        );
      })}
      {changing && <StatusChange {...changing} onClose={() => setChanging(null)} />}
    </>
  );
}

/** Activate or retire, after the preview of what it would do. */
function StatusChange({ rule, op, onClose }: { rule: Rule; op: 'activate' | 'retire'; onClose(): void }) {
  const queryClient = useQueryClient();
  const preview = useQueryPreview(rule.id, op);
  const apply = useMutation({
    mutationFn: async () =>
      unwrap(
        op === 'activate'
          ? await api.POST('/rules/{id}/activate', {
              params: { path: { id: rule.id }, header: { 'if-match': `W/"${rule.version}"` } },
            })
          : await api.POST('/rules/{id}/retire', {
              params: { path: { id: rule.id }, header: { 'if-match': `W/"${rule.version}"` } },
            }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['rules'] });
      onClose();
    },
  });
  const verb = op === 'activate' ? 'Activate' : 'Retire';
  return (
    <AppModal opened onClose={onClose} title={`${verb} ${rule.name}`} size="xl">
      <Stack>
        <Text size="sm">
          {op === 'activate'
            ? 'The rule starts granting its product within a minute.'
            : 'Its licenses end through grace when no other grant keeps them.'}
        </Text>
        {preview.error && <Alert color="red">{preview.error.message}</Alert>}
        <RulePreviewPanel preview={preview.data} pending={preview.isPending} />
        {apply.error && <Alert color="red">{apply.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => apply.mutate()} loading={apply.isPending} disabled={!preview.data}>
            Confirm: {verb.toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

/** The preview is a read (POST only because the proposal is a body): cached per rule and change, never stale. */
function useQueryPreview(ruleId: string, op: 'activate' | 'retire') {
  return useQuery({
    queryKey: ['rule-preview', ruleId, op],
    queryFn: async () =>
      unwrap(await api.POST('/rules/preview', { body: { change: { op, ruleId }, limit: 100 } })),
    staleTime: 0,
    gcTime: 0,
  });
}
