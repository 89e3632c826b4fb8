import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Alert, Group, Loader, Paper, Select, Switch, Table, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';

const MONTHS = 6;

/** One month of the forecast, named as the chart's series are. */
type ForecastRow = { month: string; Purchased: number; Committed: number; Available: number };

/** The first day of each of the coming months (UTC), the dates the forecast asks the inventory about. */
function comingMonths(): string[] {
  const now = new Date();
  return Array.from({ length: MONTHS }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i + 1, 1)).toISOString(),
  );
}

/**
 * Seats of one product over the coming months, from the inventory on each date: purchased then (orders
 * starting or ending by then counted), committed then (scheduled activations due by then included) and
 * available.
 */
export function SeatForecastChart({ products }: { products: Schemas['InventoryLine'][] }) {
  const [productId, setProductId] = useState<string | null>(products[0]?.productId ?? null);
  // A chart says nothing to a screen reader and cannot be read by keyboard: the same figures as a table.
  const [asTable, setAsTable] = useState(false);
  const productName = products.find((p) => p.productId === productId)?.productName ?? '';
  const months = comingMonths();
  const results = useQueries({
    queries: months.map((on) => ({
      queryKey: ['inventory', 'on', on],
      queryFn: async () => unwrap(await api.GET('/inventory', { params: { query: { on } } })).items,
    })),
  });
  const pending = results.some((r) => r.isPending);
  const error = results.find((r) => r.error)?.error;
  const data = months.map((on, i): ForecastRow => {
    const line = results[i]?.data?.find((l) => l.productId === productId);
    return {
      month: new Date(on).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
      Purchased: line?.on?.purchased ?? 0,
      Committed: line?.on?.committed ?? 0,
      Available: line?.on?.available ?? 0,
    };
  });
  return (
    <Paper withBorder p="md" component="section" aria-label="Seats over the coming months">
      <Group justify="space-between" mb="sm" align="end">
        <Title order={2} size="h4">
          Seats over the coming months
        </Title>
        <Group align="end">
          <Switch
            label="Show as table"
            checked={asTable}
            onChange={(e) => setAsTable(e.currentTarget.checked)}
            mb={8}
          />
          <Select
            label="Product"
            data={products.map((p) => ({ value: p.productId, label: p.productName }))}
            value={productId}
            onChange={setProductId}
            allowDeselect={false}
            w={220}
          />
        </Group>
      </Group>
      {error && <Alert color="red">{error.message}</Alert>}
      {pending ? (
        <Loader aria-label="Loading the forecast" />
      ) : (
        <>
          {asTable ? (
            <ForecastTable product={productName} rows={data} />
          ) : (
            <LineChart
              h={260}
              data={data}
              dataKey="month"
              withLegend
              series={[
                { name: 'Purchased', color: 'teal.9' },
                { name: 'Committed', color: 'blue.9' },
                { name: 'Available', color: 'grape.9' },
              ]}
            />
          )}
          <Text size="xs" c="dimmed" mt="xs">
            On the first of each month: committed counts running licenses, grace not yet over and scheduled
            activations due by then; purchased leaves out orders that end by then.
          </Text>
        </>
      )}
    </Paper>
  );
}

/** The chart's figures, month by month, for readers of a table (screen readers, keyboard users). */
function ForecastTable({ product, rows }: { product: string; rows: ForecastRow[] }) {
  return (
    <Table striped withTableBorder captionSide="top">
      <Table.Caption>Seats of {product} on the first of each month</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Month</Table.Th>
          <Table.Th scope="col">Purchased</Table.Th>
          <Table.Th scope="col">Committed</Table.Th>
          <Table.Th scope="col">Available</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.month}>
            <Table.Th scope="row">{row.month}</Table.Th>
            <Table.Td>{row.Purchased}</Table.Td>
            <Table.Td>{row.Committed}</Table.Td>
            <Table.Td>{row.Available}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
