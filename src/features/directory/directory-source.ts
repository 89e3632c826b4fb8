/**
 * The port the directory feature reads a directory through. A connector implements it (`connectors/entra` for
 * Microsoft Entra ID through Graph delta queries; an LDAP or Google Workspace connector could): the sync only pages
 * through users and groups as the records below and keeps the links it is handed to resume or continue.
 *
 * On every optional property of a record, absent means "not reported in this record" (an incremental delta sends only
 * what changed) and null means "cleared"; in a full enumeration every selected property is reported, so absent there
 * means empty. Nothing here knows of a connector's wire format.
 */

/** The plain user properties a source hands over, under these names. */
export const DIRECTORY_USER_FIELDS = [
  'userPrincipalName',
  'mail',
  'givenName',
  'surname',
  'displayName',
  'jobTitle',
  'department',
  'businessPhones',
  'mobilePhone',
  'officeLocation',
  'usageLocation',
  'preferredLanguage',
  'employeeId',
] as const;

export interface DirectoryUser {
  id: string;
  /** Set when the user left the directory: `changed` = soft-deleted (restorable), `deleted` = gone for good. */
  removed?: 'changed' | 'deleted';
  userPrincipalName?: string;
  mail?: string | null;
  givenName?: string | null;
  surname?: string | null;
  displayName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  businessPhones?: string[];
  mobilePhone?: string | null;
  officeLocation?: string | null;
  usageLocation?: string | null;
  preferredLanguage?: string | null;
  accountEnabled?: boolean;
  employeeId?: string | null;
  /** `extensionAttribute1` … `extensionAttribute15` (on-premises extension attributes). */
  extensionAttributes?: Record<string, string | null>;
  managerId?: string | null;
}

/**
 * One group record from a groups page. A large group can arrive in several records (on the same or later pages),
 * each with a slice of its member changes: merge them by id.
 */
export interface DirectoryGroup {
  id: string;
  removed?: 'changed' | 'deleted';
  displayName?: string | null;
  description?: string | null;
  mail?: string | null;
  mailNickname?: string | null;
  mailEnabled?: boolean;
  securityEnabled?: boolean;
  /** User ids that are members (full enumeration) or became members (incremental). */
  membersAdded: string[];
  membersRemoved: string[];
  /** Nested groups; reported as members but not expanded. */
  nestedGroupsAdded: string[];
  nestedGroupsRemoved: string[];
}

export interface DeltaPage<T> {
  items: T[];
  /** More pages follow: store this to resume after a crash. */
  nextLink?: string;
  /** Last page: store this for the next incremental sync. */
  deltaLink?: string;
}

/** What a source was asked to check with its credentials; a failure names what is wrong by a stable code. */
export type SourceTestResult =
  { ok: true } | { ok: false; code: string; message: string; retryable: boolean };

/**
 * A directory to read, for one connection. Without a link an enumeration is full; with the delta link of an earlier
 * enumeration it returns what changed since; with a next link it resumes. A source whose delta link the directory
 * has forgotten fails with a ConnectorError `delta.expired`, and the sync enumerates everything again.
 */
export interface DirectorySource {
  usersDelta(link?: string): AsyncIterable<DeltaPage<DirectoryUser>>;
  groupsDelta(link?: string): AsyncIterable<DeltaPage<DirectoryGroup>>;
  /** Signs in and reads one user and one group. */
  testConnection(): Promise<SourceTestResult>;
}

/** How a connection signs in to its directory (the connection record holds them; the secret decrypted). */
export interface SourceCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The identity provider's sign-in host; a local fake in tests. */
  authorityHost?: string;
  /** The directory API's root; a local fake in tests. */
  graphBaseUrl?: string;
}

/**
 * Sources by connection, process-wide: one per connection version, reused across runs (a source may keep a token
 * cache), replaced when the connection changes. The composition root chooses the implementation.
 */
export interface DirectorySources {
  sourceFor(
    connection: { id: string; version: number },
    credentials: () => SourceCredentials,
  ): DirectorySource;
  forget(connectionId: string): void;
}
