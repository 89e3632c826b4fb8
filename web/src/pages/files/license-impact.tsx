import { Table, Text } from '@mantine/core';
import type { Schemas } from '../../api/client';

type Summary = Schemas['Import']['summary'];

/** Per product, the licenses the import adds (directly and through rules) against the free seats, as a rule preview shows. */
export function LicenseImpact({
  summary,
  productName,
}: {
  summary: Summary;
  productName: (key: string) => string;
}) {
  if (summary.products.length === 0)
    return (
      <Text size="sm" c="dimmed">
        The import assigns no licenses.
      </Text>
    );
  return (
    <Table aria-label="License impact" withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Product</Table.Th>
          <Table.Th>Assigned directly</Table.Th>
          <Table.Th>Through rules</Table.Th>
          <Table.Th>Seats available</Table.Th>
          <Table.Th>Seat shortfall</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {summary.products.map((p) => (
          <Table.Tr key={p.product}>
            <Table.Td>{productName(p.product)}</Table.Td>
            <Table.Td>{p.direct}</Table.Td>
            <Table.Td>{p.viaRules}</Table.Td>
            <Table.Td>{p.seatsAvailable}</Table.Td>
            <Table.Td>
              {p.seatShortfall > 0 ? (
                <Text span c="red.8" fw={600} size="sm">
                  {p.seatShortfall} short: those licenses wait blocked
                </Text>
              ) : (
                'None'
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
