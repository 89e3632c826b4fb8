/**
 * Hang guards, not speed limits: how long a test, and a hook, may run before it is taken for hung. They are the
 * suite's only guesses; every other wait in a test is bounded by what it awaits. On a machine shared with other
 * work, setting up a database or booting a process may take minutes.
 */
export const TEST_TIMEOUT_MS = 180_000;
export const HOOK_TIMEOUT_MS = 300_000;
