/**
 * The license assignment states and the sets of them that mean something (DESIGN.md, state machine). Every
 * list of states in seatsync — TypeScript checks, SQL `IN` lists, the admin API's enum — comes from here.
 */
export const ASSIGNMENT_STATES = [
  'scheduled',
  'active',
  'blocked',
  'failed',
  'removal_scheduled',
  'grace',
  'removed',
  'cancelled',
] as const;

export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

/** Waiting to run: scheduled for a date, or blocked until its causes are fixed. */
export const PENDING_STATES: readonly AssignmentState[] = ['scheduled', 'blocked'];

/** The service runs: active, or still running until its removal date. */
export const RUNNING_STATES: readonly AssignmentState[] = ['active', 'removal_scheduled'];

/** States that hold a seat: the service runs (active, removal_scheduled) or its data is kept (grace). */
export const HOLDING_STATES: readonly AssignmentState[] = ['active', 'removal_scheduled', 'grace'];

/** Licenses that count for a user's requirements now or on a date: running, or scheduled to run. */
export const COUNTED_STATES: readonly AssignmentState[] = ['active', 'removal_scheduled', 'scheduled'];

/** A grant can join these: the license runs or is on its way (not one already being removed). */
export const GRANTABLE_STATES: readonly AssignmentState[] = ['active', ...PENDING_STATES];

/** Seats committed on a date regardless of the date: running and blocked ones (grace and scheduled depend on it). */
export const COMMITTED_STATES: readonly AssignmentState[] = [...RUNNING_STATES, 'blocked'];

/** Ended for good: a new intent starts a new assignment (one live assignment per user and product). */
export const ENDED_STATES: readonly AssignmentState[] = ['cancelled', 'removed'];

/** Not ended: what a user holds or waits for, failed ones included (an admin still has to see them). */
export const LIVE_STATES: readonly AssignmentState[] = [...PENDING_STATES, ...HOLDING_STATES, 'failed'];

/** A removal in progress that a re-grant or a restored requirement can still undo. */
export const REMOVING_STATES: readonly AssignmentState[] = ['removal_scheduled', 'grace'];

export const isPending = (state: AssignmentState): boolean => PENDING_STATES.includes(state);
export const isRunning = (state: AssignmentState): boolean => RUNNING_STATES.includes(state);
export const isHolding = (state: AssignmentState): boolean => HOLDING_STATES.includes(state);

/** A SQL literal list of states, for raw statements: `a.state IN (${sqlStates(COUNTED_STATES)})`. */
export const sqlStates = (states: readonly AssignmentState[]): string =>
  states.map((s) => `'${s}'`).join(', ');
