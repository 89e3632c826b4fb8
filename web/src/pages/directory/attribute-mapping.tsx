import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';

type Connection = Schemas['DirectoryConnection'];
type Source = NonNullable<Connection['attributeMapping'][string]>;

interface Row {
  target: string;
  /** null: the attribute is not synced. */
  source: Source | null;
  owned: boolean;
}

const NOT_SYNCED = '';

/** The rows in force: the API's defaults with the connection's overrides, and which of them the directory owns. */
function rowsOf(defaults: Record<string, Source>, connection: Connection): Row[] {
  const targets = [...new Set([...Object.keys(defaults), ...Object.keys(connection.attributeMapping)])];
  return targets.map((target) => {
    const source =
      target in connection.attributeMapping
        ? (connection.attributeMapping[target] ?? null)
        : (defaults[target] ?? null);
    const owned = connection.directoryOwned === null || connection.directoryOwned.includes(target);
    return { target, source, owned };
  });
}

/** What a save sends: overrides of the defaults only, and null ownership when the directory owns every mapped target. */
function bodyOf(defaults: Record<string, Source>, rows: Row[]) {
  const attributeMapping: Record<string, Source | null> = {};
  for (const row of rows) {
    if (row.source !== (defaults[row.target] ?? null)) attributeMapping[row.target] = row.source;
  }
  const mapped = rows.filter((r) => r.source !== null);
  const directoryOwned = mapped.every((r) => r.owned)
    ? null
    : mapped.filter((r) => r.owned).map((r) => r.target);
  return { attributeMapping, directoryOwned };
}

/**
 * Which directory property fills each profile attribute, and which attributes the directory owns: an owned one is
 * overwritten by every sync (and set back by contact reconciliation); the others are edited in seatsync and only
 * filled while empty.
 */
export function AttributeMapping({ connection, canEdit }: { connection: Connection; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const vocabulary = useQuery({
    queryKey: ['directory-attribute-mapping'],
    queryFn: async () => unwrap(await api.GET('/directory/attribute-mapping')),
    staleTime: Infinity,
  });
  const [edited, setEdited] = useState<{ version: number; rows: Row[] } | null>(null);
  const [newTarget, setNewTarget] = useState('');
  const save = useMutation({
    mutationFn: async (rows: Row[]) =>
      unwrap(
        await api.PATCH('/directory/connections/{id}', {
          params: { path: { id: connection.id } },
          body: bodyOf(vocabulary.data?.defaults ?? {}, rows),
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['directory-connections'] });
      setEdited(null);
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  if (!vocabulary.data) {
    return vocabulary.error ? <Alert color="red">{vocabulary.error.message}</Alert> : null;
  }
  const { defaults, sources, contactTargets } = vocabulary.data;
  // Edits made on an older version of the connection are dropped: they would undo what was saved since.
  const rows = edited && edited.version === connection.version ? edited.rows : rowsOf(defaults, connection);
  const update = (target: string, change: Partial<Row>) =>
    setEdited({
      version: connection.version,
      rows: rows.map((r) => (r.target === target ? { ...r, ...change } : r)),
    });

  function addTarget(event: FormEvent) {
    event.preventDefault();
    const target = newTarget.trim();
    if (!target || rows.some((r) => r.target === target)) return;
    setEdited({ version: connection.version, rows: [...rows, { target, source: null, owned: true }] });
    setNewTarget('');
  }

  return (
    <Stack gap="xs" component="section" aria-labelledby={`mapping-${connection.id}`}>
      <Title order={3} size="h4" id={`mapping-${connection.id}`}>
        Attribute mapping and ownership
      </Title>
      <Text size="sm" c="dimmed">
        The directory owns the attributes ticked: each sync overwrites them, and contact reconciliation sets
        the owned contact attributes back when they drift. The others are edited in seatsync and only filled
        while empty.
      </Text>
      <Table aria-label={`Attribute mapping of ${connection.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Profile attribute</Table.Th>
            <Table.Th>Directory property</Table.Th>
            <Table.Th>Directory owns</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.target}>
              <Table.Td>
                {row.target}
                {contactTargets.includes(row.target) && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    (contact)
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <NativeSelect
                  aria-label={`Directory property for ${row.target}`}
                  size="xs"
                  disabled={!canEdit}
                  value={row.source ?? NOT_SYNCED}
                  data={[{ value: NOT_SYNCED, label: 'Not synced' }, ...sources]}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    update(row.target, { source: value === NOT_SYNCED ? null : (value as Source) });
                  }}
                  error={error?.fieldError(`attributeMapping.${row.target}`)}
                />
              </Table.Td>
              <Table.Td>
                <Checkbox
                  aria-label={`Directory owns ${row.target}`}
                  disabled={!canEdit || row.source === null}
                  checked={row.source !== null && row.owned}
                  onChange={(e) => update(row.target, { owned: e.currentTarget.checked })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit && (
        <>
          <form onSubmit={addTarget}>
            <Group align="flex-end" gap="xs">
              <TextInput
                label="Map another profile attribute"
                description="A plain attribute name, e.g. costCenter"
                value={newTarget}
                onChange={(e) => setNewTarget(e.currentTarget.value)}
                w={360}
              />
              <Button type="submit" variant="default" disabled={newTarget.trim() === ''}>
                Add attribute
              </Button>
            </Group>
          </form>
          {save.error && <Alert color="red">{save.error.message}</Alert>}
          <Group>
            <Button onClick={() => save.mutate(rows)} disabled={edited === null} loading={save.isPending}>
              Save mapping
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
