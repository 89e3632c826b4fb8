// The error type of the directory source port, which this connector implements.
export { ConnectorError, type ConnectorErrorCode } from '../../src/features/directory/connector-error.js';
