import type { Schemas } from '../../api/client';

/** The badge colour of a directory run's status: sync runs and contact reconciliations share the first three. */
export const RUN_COLOURS: Record<Schemas['DirectorySyncRun']['status'], string> = {
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  held: 'orange',
  approved: 'teal',
  rejected: 'gray',
};
