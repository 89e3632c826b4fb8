import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** The tenant's tracks and products (a handful): read once, shared by the users pages. */
export function useCatalog() {
  const tracks = useQuery({
    queryKey: ['catalog', 'tracks'],
    queryFn: async () => unwrap(await api.GET('/catalog/tracks')).items,
    staleTime: 60_000,
  });
  const products = useQuery({
    queryKey: ['catalog', 'products'],
    queryFn: async () => unwrap(await api.GET('/catalog/products', { params: { query: {} } })).items,
    staleTime: 60_000,
  });
  const productName = (key: string) => products.data?.find((p) => p.key === key)?.name ?? key;
  return { tracks: tracks.data ?? [], products: products.data ?? [], productName };
}

/** How a license's state reads, with the badge colour that keeps its contrast. */
export const STATE_LABELS: Record<string, { label: string; color: string }> = {
  active: { label: 'Active', color: 'teal' },
  scheduled: { label: 'Scheduled', color: 'blue' },
  blocked: { label: 'Blocked', color: 'orange' },
  removal_scheduled: { label: 'Removal scheduled', color: 'grape' },
  grace: { label: 'Grace', color: 'yellow' },
  failed: { label: 'Failed', color: 'red' },
};
