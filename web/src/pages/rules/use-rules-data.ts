import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type Rule = Schemas['Rule'];

/** Every rule of the tenant (a tenant has tens, not thousands). */
export function useRules() {
  return useQuery({
    queryKey: ['rules'],
    queryFn: async () => unwrap(await api.GET('/rules', { params: { query: { limit: 200 } } })).items,
  });
}

/** Groups whose name contains `q` (all when empty), for the group picker and for naming rules' groups. */
export function useGroups(q: string) {
  return useQuery({
    queryKey: ['groups', q],
    queryFn: async () =>
      unwrap(await api.GET('/groups', { params: { query: { limit: 200, ...(q ? { q } : {}) } } })).items,
    staleTime: 60_000,
  });
}

/** How a rule's activation policy reads. */
export function describeActivation(activation: Rule['activation']): string {
  if (activation.kind === 'now') return 'At once';
  if (activation.kind === 'on_date') return `On ${activation.date.slice(0, 10)}`;
  return `${activation.days} days after the user appears`;
}
