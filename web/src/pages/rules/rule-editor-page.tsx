import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useCatalog } from '../../lib/use-catalog';
import { useSession } from '../../session/session-context';
import { RulePreviewPanel } from './rule-preview-panel';
import { RulesTabs } from './rules-tabs';
import { useGroups, type Rule } from './use-rules-data';

/** User attributes a rule's filter can narrow on (the SCIM names the API's filter understands). */
const ATTRIBUTES = [
  { value: 'country', label: 'Country' },
  { value: 'department', label: 'Department' },
  { value: 'title', label: 'Job title' },
  { value: 'preferredLanguage', label: 'Language' },
  { value: 'userType', label: 'User type' },
  { value: 'costCenter', label: 'Cost centre' },
];
const OPERATORS = [
  { value: 'eq', label: 'is' },
  { value: 'ne', label: 'is not' },
  { value: 'co', label: 'contains' },
  { value: 'sw', label: 'starts with' },
  { value: 'pr', label: 'has a value' },
];

type Activation = Schemas['RuleRequest']['activation'];

interface Form {
  name: string;
  groupId: string | null;
  filter: string;
  productId: string | null;
  priority: number;
  activationKind: 'now' | 'on_date' | 'after_days';
  activationDate: string;
  activationDays: number;
  graceDays: number | '';
  pickNumbers: boolean;
}

const EMPTY: Form = {
  name: '',
  groupId: null,
  filter: '',
  productId: null,
  priority: 100,
  activationKind: 'now',
  activationDate: '',
  activationDays: 0,
  graceDays: '',
  pickNumbers: false,
};

function formOf(rule: Rule): Form {
  return {
    name: rule.name,
    groupId: rule.groupId,
    filter: rule.filter ?? '',
    productId: rule.productId,
    priority: rule.priority,
    activationKind: rule.activation.kind,
    activationDate: rule.activation.kind === 'on_date' ? rule.activation.date.slice(0, 10) : '',
    activationDays: rule.activation.kind === 'after_days' ? rule.activation.days : 0,
    graceDays: rule.removalGraceDays ?? '',
    pickNumbers: rule.pickNumbers,
  };
}

/** The rule as the API takes it, or null while a required field is missing. */
function bodyOf(form: Form) {
  if (!form.name.trim() || !form.groupId || !form.productId) return null;
  if (form.activationKind === 'on_date' && !form.activationDate) return null;
  const activation: Activation =
    form.activationKind === 'on_date'
      ? { kind: 'on_date', date: form.activationDate }
      : form.activationKind === 'after_days'
        ? { kind: 'after_days', days: form.activationDays }
        : { kind: 'now' };
  return {
    name: form.name.trim(),
    groupId: form.groupId,
    filter: form.filter.trim() || null,
    product: form.productId,
    priority: form.priority,
    activation,
    removalGraceDays: form.graceDays === '' ? null : form.graceDays,
    pickNumbers: form.pickNumbers,
  };
}

/** Create or edit a rule; the preview shows what it would do to every user before anything is saved. */
export default function RuleEditorPage() {
  const { id } = useParams();
  const existing = useQuery({
    queryKey: ['rules', id],
    enabled: Boolean(id),
    queryFn: async () => unwrap(await api.GET('/rules/{id}', { params: { path: { id: id as string } } })),
  });
  if (id && !existing.data)
    return (
      <>
        <RulesTabs />
        {existing.error ? <Alert color="red">{existing.error.message}</Alert> : <Text>Loading…</Text>}
      </>
    );
  return <RuleEditor key={id ?? 'new'} rule={existing.data} />;
}

function RuleEditor({ rule }: { rule: Rule | undefined }) {
  const { can } = useSession();
  const writer = can('owner', 'license_admin') && rule?.status !== 'retired';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { products, tracks } = useCatalog();
  const [form, setForm] = useState<Form>(rule ? formOf(rule) : EMPTY);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const body = useMemo(() => bodyOf(form), [form]);

  const preview = useMutation({
    mutationFn: async () => {
      if (!body) throw new Error('Fill in the name, group and product first');
      const change =
        rule?.status === 'active'
          ? { op: 'update' as const, ruleId: rule.id, rule: body }
          : { op: 'create' as const, rule: body };
      return unwrap(await api.POST('/rules/preview', { body: { change, limit: 100 } }));
    },
  });
  // A preview describes the form as it was: any edit makes it stale, so it goes.
  const bodyKey = JSON.stringify(body);
  const { reset } = preview;
  useEffect(() => reset(), [bodyKey, reset]);

  const save = useMutation({
    mutationFn: async (status: 'draft' | 'active') => {
      if (!body) throw new Error('Fill in the name, group and product first');
      if (!rule) return unwrap(await api.POST('/rules', { body: { ...body, status } }));
      return unwrap(
        await api.PATCH('/rules/{id}', {
          params: { path: { id: rule.id }, header: { 'if-match': `W/"${rule.version}"` } },
          body,
        }),
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['rules'] });
      await navigate('/rules');
    },
  });

  const productData = tracks.map((t) => ({
    group: t.name,
    items: products
      .filter((p) => p.track === t.key && !p.retiredAt)
      .map((p) => ({ value: p.id, label: p.name })),
  }));

  function submit(event: FormEvent) {
    event.preventDefault();
    preview.mutate();
  }

  return (
    <>
      <RulesTabs />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Rule">
            <Stack gap="sm">
              <Text fw={600}>{rule ? `Edit rule (${rule.status})` : 'New rule'}</Text>
              <TextInput
                label="Name"
                required
                value={form.name}
                onChange={(e) => set('name', e.currentTarget.value)}
                readOnly={!writer}
              />
              <GroupPicker
                value={form.groupId}
                saved={rule?.groupId && rule.groupName ? { id: rule.groupId, name: rule.groupName } : null}
                onChange={(v) => set('groupId', v)}
                readOnly={!writer}
              />
              <FilterBuilder value={form.filter} onChange={(v) => set('filter', v)} readOnly={!writer} />
              <Select
                label="Product"
                required
                data={productData}
                value={form.productId}
                onChange={(v) => set('productId', v)}
                readOnly={!writer}
              />
              <NumberInput
                label="Priority"
                description="Inside an exclusive track the lowest number wins"
                min={0}
                max={1_000_000}
                value={form.priority}
                onChange={(v) => set('priority', typeof v === 'number' ? v : 0)}
                readOnly={!writer}
              />
              <Radio.Group
                label="Activation"
                value={form.activationKind}
                onChange={(v) => set('activationKind', v as Form['activationKind'])}
              >
                <Group mt={4}>
                  <Radio value="now" label="At once" disabled={!writer} />
                  <Radio value="on_date" label="On a date" disabled={!writer} />
                  <Radio value="after_days" label="Days after the user appears" disabled={!writer} />
                </Group>
              </Radio.Group>
              {form.activationKind === 'on_date' && (
                <TextInput
                  type="date"
                  label="Activation date"
                  required
                  value={form.activationDate}
                  onChange={(e) => set('activationDate', e.currentTarget.value)}
                  readOnly={!writer}
                />
              )}
              {form.activationKind === 'after_days' && (
                <NumberInput
                  label="Days after the user appears"
                  min={0}
                  max={3650}
                  value={form.activationDays}
                  onChange={(v) => set('activationDays', typeof v === 'number' ? v : 0)}
                  readOnly={!writer}
                />
              )}
              <NumberInput
                label="Grace days on removal"
                description="Empty: the tenant's setting"
                min={0}
                max={365}
                value={form.graceDays}
                onChange={(v) => set('graceDays', typeof v === 'number' ? v : '')}
                readOnly={!writer}
              />
              <Checkbox
                label="Give users the numbers the product needs from the pool (their country)"
                checked={form.pickNumbers}
                onChange={(e) => set('pickNumbers', e.currentTarget.checked)}
                disabled={!writer}
              />
              {(preview.error ?? save.error) && (
                <Alert color="red" role="alert">
                  {(preview.error ?? save.error)?.message}
                </Alert>
              )}
              <Group>
                <Button type="submit" variant="default" disabled={!body} loading={preview.isPending}>
                  Preview impact
                </Button>
                {writer && !rule && (
                  <>
                    <Button
                      variant="default"
                      disabled={!body}
                      loading={save.isPending && save.variables === 'draft'}
                      onClick={() => save.mutate('draft')}
                    >
                      Save as draft
                    </Button>
                    <Button
                      disabled={!body}
                      loading={save.isPending && save.variables === 'active'}
                      onClick={() => save.mutate('active')}
                    >
                      Save and activate
                    </Button>
                  </>
                )}
                {writer && rule && (
                  <Button disabled={!body} loading={save.isPending} onClick={() => save.mutate('draft')}>
                    Save changes
                  </Button>
                )}
              </Group>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          {!preview.data && !preview.isPending && (
            <Text c="dimmed" size="sm">
              Preview the rule to see, before saving, who gains and loses which license, the seat and number
              shortfall, the conflicts and whether the change would be held for approval.
            </Text>
          )}
          <RulePreviewPanel preview={preview.data} pending={preview.isPending} />
        </Grid.Col>
      </Grid>
    </>
  );
}

/**
 * A searchable group picker that asks the API as the admin types (a tenant may have thousands of groups). The saved
 * rule's group is always an option, named, even when it is not among the groups listed first.
 */
function GroupPicker(props: {
  value: string | null;
  saved: { id: string; name: string } | null;
  onChange(value: string | null): void;
  readOnly: boolean;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useGroups(q);
  const all = useGroups('');
  const data = useMemo(() => {
    const seen = new Map<string, string>(props.saved ? [[props.saved.id, props.saved.name]] : []);
    for (const g of [...(all.data ?? []), ...(found.data ?? [])]) seen.set(g.id, g.displayName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [all.data, found.data, props.saved]);
  return (
    <Select
      label="Group"
      required
      searchable
      nothingFoundMessage="No group of that name"
      data={data}
      value={props.value}
      onChange={props.onChange}
      onSearchChange={setSearch}
      readOnly={props.readOnly}
    />
  );
}

/** Conditions over user attributes, combined with `and` into the SCIM filter the API evaluates. */
function FilterBuilder(props: { value: string; onChange(value: string): void; readOnly: boolean }) {
  const [attribute, setAttribute] = useState<string | null>('country');
  const [operator, setOperator] = useState<string | null>('eq');
  const [text, setText] = useState('');
  const condition =
    attribute && operator
      ? operator === 'pr'
        ? `${attribute} pr`
        : text.trim()
          ? `${attribute} ${operator} ${JSON.stringify(text.trim())}`
          : null
      : null;
  return (
    <Stack gap={4}>
      <TextInput
        label="Filter"
        description='Only group members matching this SCIM filter, e.g. country eq "SE". Empty: every member.'
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        readOnly={props.readOnly}
        ff="monospace"
      />
      {!props.readOnly && (
        <Group gap="xs" align="end" role="group" aria-label="Add a condition">
          <Select
            label="Attribute"
            data={ATTRIBUTES}
            value={attribute}
            onChange={setAttribute}
            w={130}
            size="xs"
          />
          <Select
            label="Operator"
            data={OPERATORS}
            value={operator}
            onChange={setOperator}
            w={120}
            size="xs"
          />
          {operator !== 'pr' && (
            <TextInput
              label="Value"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              w={120}
              size="xs"
            />
          )}
          <Button
            size="xs"
            variant="default"
            disabled={!condition}
            onClick={() => {
              if (!condition) return;
              props.onChange(props.value.trim() ? `${props.value.trim()} and ${condition}` : condition);
              setText('');
            }}
          >
            Add condition
          </Button>
        </Group>
      )}
    </Stack>
  );
}
