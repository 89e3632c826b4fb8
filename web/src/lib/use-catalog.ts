import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';

/** The tenant's tracks and products (the provider's catalog), which change rarely: cached for minutes. */
export function useCatalog() {
  const tracks = useQuery({
    queryKey: ['catalog', 'tracks'],
    queryFn: async () => unwrap(await api.GET('/catalog/tracks')).items,
    staleTime: 300_000,
  });
  const products = useQuery({
    queryKey: ['catalog', 'products'],
    queryFn: async () => unwrap(await api.GET('/catalog/products')).items,
    staleTime: 300_000,
  });
  return { tracks: tracks.data ?? [], products: products.data ?? [], error: tracks.error ?? products.error };
}
