import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Alert, Group, Loader, Paper, Select, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';

const MONTHS = 6;

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
  const months = comingMonths();
  const results = useQueries({
    queries: months.map((on) => ({
      queryKey: ['inventory', 'on', on],
      queryFn: async () => unwrap(await api.GET('/inventory', { params: { query: { on } } })).items,
    })),
  });
  const pending = results.some((r) => r.isPending);
  const error = results.find((r) => r.error)?.error;
  const data = months.map((on, i) => {
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
        <Select
          label="Product"
          data={products.map((p) => ({ value: p.productId, label: p.productName }))}
          value={productId}
          onChange={setProductId}
          allowDeselect={false}
          w={220}
        />
      </Group>
      {error && <Alert color="red">{error.message}</Alert>}
      {pending ? (
        <Loader aria-label="Loading the forecast" />
      ) : (
        <>
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
          <Text size="xs" c="dimmed" mt="xs">
            On the first of each month: committed counts running licenses, grace not yet over and scheduled
            activations due by then; purchased leaves out orders that end by then.
          </Text>
        </>
      )}
    </Paper>
  );
}
