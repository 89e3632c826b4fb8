/**
 * Directory records as the connector hands them over: Graph-shaped names are gone, nothing here
 * knows of Graph's `@odata` annotations. On every optional property, absent means "not reported in
 * this record" (an incremental delta sends only what changed) and null means "cleared"; in a full
 * sync every selected property is reported, so absent there means empty.
 */
/** The plain user properties the connector reads from Graph and hands over under the same names. */
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
 * One group record from a groups delta page. A large group can arrive in several records (on the
 * same or later pages), each with a slice of its member changes: merge them by id.
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
  /** User ids that are members (full sync) or became members (incremental). */
  membersAdded: string[];
  membersRemoved: string[];
  /** Nested groups; Graph reports them as members but does not expand them. */
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
