import { Alert, Select, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { Pager } from '../../lib/pager';
import { useCursorPages } from '../../lib/use-cursor-pages';
import { RulesTabs } from './rules-tabs';

type Kind = Schemas['RuleConflict']['kind'];
const KINDS: Array<{ value: Kind; label: string }> = [
  { value: 'priority_lost', label: 'Lost on priority' },
  { value: 'track_held_by_direct', label: 'Track held by a direct license' },
  { value: 'requirement_unmet', label: 'Requirement not met' },
  { value: 'dependents_lose_requirement', label: 'Dependent loses its requirement' },
  { value: 'grant_failed', label: 'Grant failed' },
];

/** What the rules could not honour, per user, from their last evaluation. */
export default function RuleConflictsPage() {
  const [kind, setKind] = useState<Kind | null>(null);
  const pages = useCursorPages();
  const conflicts = useQuery({
    queryKey: ['rule-conflicts', kind, pages.cursor],
    queryFn: async () =>
      unwrap(
        await api.GET('/rules/conflicts', {
          params: {
            query: {
              limit: 50,
              ...(kind ? { kind } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <RulesTabs />
      <Select
        label="Kind"
        placeholder="Any"
        clearable
        data={KINDS}
        value={kind}
        onChange={(v) => {
          setKind(v as Kind | null);
          pages.reset();
        }}
        w={280}
        mb="sm"
      />
      {conflicts.error && <Alert color="red">{conflicts.error.message}</Alert>}
      {conflicts.data?.items.length === 0 && <Text>No conflicts.</Text>}
      {conflicts.data && conflicts.data.items.length > 0 && (
        <Table striped aria-label="Conflicts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>User</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Detected</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {conflicts.data.items.map((c, i) => (
              <Table.Tr key={`${c.userId}-${c.kind}-${c.ruleId}-${i}`}>
                <Table.Td>{c.userName}</Table.Td>
                <Table.Td>{KINDS.find((k) => k.value === c.kind)?.label ?? c.kind}</Table.Td>
                <Table.Td>{c.message}</Table.Td>
                <Table.Td>{new Date(c.detectedAt).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Pager
        page={pages.page}
        nextCursor={conflicts.data?.nextCursor}
        onNext={pages.next}
        onPrevious={pages.previous}
      />
    </>
  );
}
