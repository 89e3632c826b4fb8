import { ActivationDateField } from './activation-date-field';
import {
  Alert,
  Button,
  Group,
  List,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { AppModal } from '../../lib/app-modal';
import { useCatalog } from './use-catalog';

type Requirement = Schemas['Requirement'];
type User = Schemas['UserDetails'];

const requirementText = (r: Requirement): string => {
  switch (r.kind) {
    case 'fixed_number':
      return 'A fixed (landline) number';
    case 'mobile_number':
      return 'A mobile number';
    case 'active_license_in_track':
      return `An active license of the ${r.track} track`;
    case 'emergency_address':
      return `An emergency address for users in ${r.countries.join(', ')}`;
    case 'sold_in_country':
      return `Sold only in ${r.countries.join(', ')}`;
  }
};

/** Pool numbers of one kind, free, in the user's country. */
function NumberPicker(props: {
  kind: 'fixed' | 'mobile';
  country: string | null;
  value: string | null;
  onChange(value: string | null): void;
}) {
  const numbers = useQuery({
    queryKey: ['numbers', 'available', props.kind, props.country],
    queryFn: async () =>
      unwrap(
        await api.GET('/numbers', {
          params: {
            query: {
              status: 'available',
              kind: props.kind,
              limit: 100,
              ...(props.country ? { country: props.country } : {}),
            },
          },
        }),
      ).items,
  });
  return (
    <Select
      label={props.kind === 'fixed' ? 'Landline number' : 'Mobile number'}
      description={`Available in the pool${props.country ? ` in ${props.country}` : ''}`}
      placeholder={numbers.data?.length === 0 ? 'None available: acquire or port one' : 'Pick a number'}
      data={(numbers.data ?? []).map((n) => ({ value: n.id, label: n.e164 }))}
      value={props.value}
      onChange={props.onChange}
      clearable
      searchable
    />
  );
}

/**
 * The portal's assignment flow: a track, a product (with the track's comparison), the requirements pop-up with
 * number pickers, then now or a date. With `change`, a swap of that license within its exclusive track.
 */
export function AssignModal(props: {
  user: User;
  change?: { assignmentId: string; track: string; product: string };
  onClose(): void;
}) {
  const { tracks, products } = useCatalog();
  const [track, setTrack] = useState<string>(props.change?.track ?? tracks[0]?.key ?? 'voice');
  const [product, setProduct] = useState<string | null>(null);
  const [step, setStep] = useState<'product' | 'requirements' | 'date'>('product');
  const [comparison, setComparison] = useState(false);
  const [fixed, setFixed] = useState<string | null>(null);
  const [mobile, setMobile] = useState<string | null>(null);
  const [when, setWhen] = useState<'now' | 'date'>('now');
  const [date, setDate] = useState('');
  const queryClient = useQueryClient();
  const compare = useQuery({
    queryKey: ['comparison', track],
    queryFn: async () =>
      unwrap(await api.GET('/catalog/tracks/{key}/comparison', { params: { path: { key: track } } })),
    enabled: comparison,
  });
  const chosen = products.find((p) => p.key === product);
  const held = props.user.licenses.assignments;
  const hasNumber = (kind: 'fixed' | 'mobile') => props.user.licenses.numbers.some((n) => n.kind === kind);
  const needs = (kind: 'fixed_number' | 'mobile_number') =>
    Boolean(chosen?.requirements.some((r) => r.kind === kind));
  const unmet = (chosen?.requirements ?? []).filter((r) => {
    if (r.kind === 'active_license_in_track')
      return !held.some((a) => a.track === r.track && ['active', 'scheduled'].includes(a.state));
    if (r.kind === 'emergency_address')
      return r.countries.includes(props.user.country ?? '') && !props.user.emergencyAddress;
    if (r.kind === 'sold_in_country') return !r.countries.includes(props.user.country ?? '');
    return false;
  });

  const submit = useMutation({
    mutationFn: async () => {
      const effectiveAt = when === 'date' && date ? new Date(date).toISOString() : undefined;
      const picked = { ...(fixed ? { fixed } : {}), ...(mobile ? { mobile } : {}) };
      // The numbers go with the license, also for a date: the API gives them to the user in the same request.
      const numbers = fixed || mobile ? { numbers: { pickFromPool: false, ...numberValues(picked) } } : {};
      if (props.change)
        return unwrap(
          await api.POST('/assignments/{id}/change', {
            params: { path: { id: props.change.assignmentId } },
            body: {
              product: product ?? '',
              reschedule: false,
              ...(effectiveAt ? { effectiveAt } : {}),
              ...numbers,
            },
          }),
        );
      const result = unwrap(
        await api.POST('/assignments', {
          body: {
            userIds: [props.user.id],
            product: product ?? '',
            strict: false,
            reschedule: false,
            ...(effectiveAt ? { effectiveAt } : {}),
            ...numbers,
          },
        }),
      );
      return result.results[0];
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['user', props.user.id] }),
  });
  // The pickers hold number ids; the assignment names the numbers themselves (E.164).
  const pool = queryClient.getQueriesData<Schemas['PhoneNumber'][]>({ queryKey: ['numbers', 'available'] });
  const numberValues = (picked: { fixed?: string; mobile?: string }) => {
    const e164 = (id: string | undefined) =>
      pool.flatMap(([, list]) => list ?? []).find((n) => n.id === id)?.e164;
    const out: { fixed?: string; mobile?: string } = {};
    const f = e164(picked.fixed);
    const m = e164(picked.mobile);
    if (f) out.fixed = f;
    if (m) out.mobile = m;
    return out;
  };

  const trackProducts = products.filter(
    (p) => p.track === track && p.sellable && p.key !== props.change?.product,
  );
  const title = props.change ? 'Change license' : 'Assign a license';
  return (
    <AppModal opened onClose={props.onClose} title={title} size="lg">
      {submit.data ? (
        <Stack>
          <Alert color={submit.data.conflicts.length ? 'orange' : 'teal'} role="status" title="Done">
            <Text size="sm">
              The license is {submit.data.assignment.state}
              {submit.data.assignment.state === 'scheduled'
                ? ` for ${new Date(submit.data.assignment.effectiveAt).toLocaleString()}`
                : ''}
              .
            </Text>
            {submit.data.conflicts.length > 0 && (
              <List size="sm">
                {submit.data.conflicts.map((c) => (
                  <List.Item key={c.reason}>{c.message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={props.onClose}>Close</Button>
          </Group>
        </Stack>
      ) : step === 'product' ? (
        <Stack>
          {!props.change && (
            <SegmentedControl
              aria-label="Track"
              value={track}
              onChange={(v) => {
                setTrack(v);
                setProduct(null);
              }}
              data={tracks.map((t) => ({ value: t.key, label: t.name }))}
            />
          )}
          <Radio.Group label="License type" value={product ?? ''} onChange={setProduct}>
            <Stack mt="xs" gap="xs">
              {trackProducts.map((p) => (
                <Radio key={p.key} value={p.key} label={p.name} />
              ))}
            </Stack>
          </Radio.Group>
          <Button variant="subtle" onClick={() => setComparison((c) => !c)} w="fit-content">
            {comparison ? 'Hide comparison' : 'Show comparison'}
          </Button>
          {comparison && compare.data && (
            <Table aria-label="Comparison" withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Feature</Table.Th>
                  {compare.data.products.map((p) => (
                    <Table.Th key={p.key}>{p.name}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {compare.data.features.map((f) => (
                  <Table.Tr key={f.feature}>
                    <Table.Td>{f.feature}</Table.Td>
                    {compare.data.products.map((p) => (
                      <Table.Td key={p.key}>{f.includedIn.includes(p.key) ? 'Included' : '—'}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td>Requires</Table.Td>
                  {compare.data.products.map((p) => (
                    <Table.Td key={p.key}>
                      {p.requirements.map(requirementText).join('; ') || 'Nothing'}
                    </Table.Td>
                  ))}
                </Table.Tr>
              </Table.Tbody>
            </Table>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button disabled={!product} onClick={() => setStep('requirements')}>
              Next
            </Button>
          </Group>
        </Stack>
      ) : step === 'requirements' ? (
        <Stack>
          <Text fw={600}>General requirements</Text>
          {chosen?.requirements.length ? (
            <List size="sm" aria-label="Requirements">
              {chosen.requirements.map((r) => (
                <List.Item key={requirementText(r)}>{requirementText(r)}</List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">{chosen?.name} needs nothing else.</Text>
          )}
          {unmet.length > 0 && (
            <Alert color="orange" title="Conflicts">
              <List size="sm">
                {unmet.map((r) => (
                  <List.Item key={requirementText(r)}>Missing: {requirementText(r)}</List.Item>
                ))}
              </List>
              <Text size="sm">
                You can still schedule it; it will not activate until this is resolved by its date.
              </Text>
            </Alert>
          )}
          {needs('fixed_number') && !hasNumber('fixed') && (
            <NumberPicker kind="fixed" country={props.user.country} value={fixed} onChange={setFixed} />
          )}
          {needs('mobile_number') && !hasNumber('mobile') && (
            <NumberPicker kind="mobile" country={props.user.country} value={mobile} onChange={setMobile} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('product')}>
              Back
            </Button>
            <Button onClick={() => setStep('date')}>Next</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <ActivationDateField when={when} onWhen={setWhen} date={date} onDate={setDate} />
          {submit.error && <Alert color="red">{submit.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStep('requirements')}>
              Back
            </Button>
            <Button
              onClick={() => submit.mutate()}
              loading={submit.isPending}
              disabled={when === 'date' && !date}
            >
              Confirm
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  );
}
