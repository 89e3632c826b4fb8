/** The subset of pino's logger the connector uses, so callers pass their request- or job-bound child. */
export interface ConnectorLogger {
  warn(details: Record<string, unknown>, message: string): void;
  debug(details: Record<string, unknown>, message: string): void;
}

export const silentLogger: ConnectorLogger = {
  warn: () => undefined,
  debug: () => undefined,
};
