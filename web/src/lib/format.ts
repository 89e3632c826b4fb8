/** Dates and times as the admin's browser writes them. */
export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

export const formatDate = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '—';

/** `seat_unavailable` → `seat unavailable`; `requirement_unmet:emergency_address` → `requirement unmet: emergency address`. */
export const humanize = (code: string): string => code.replaceAll('_', ' ').replace(':', ': ');
