import type { Knex } from 'knex';
import * as tenantsAndTokens from './20261122090000_tenants_and_tokens.js';
import * as users from './20261122090100_users.js';
import * as groups from './20261122090200_groups.js';
import * as events from './20261122090300_events.js';
import * as agendaJobs from './20261122090400_agenda_jobs.js';
import * as directoryConnections from './20261123100000_directory_connections.js';
import * as directoryMirror from './20261123100100_directory_mirror.js';
import * as licenseSettings from './20261123200000_license_settings.js';
import * as catalog from './20261123200100_catalog.js';
import * as subscriptions from './20261123200200_subscriptions.js';
import * as licenseAssignments from './20261123200300_license_assignments.js';
import * as phoneNumbers from './20261123200400_phone_numbers.js';
import * as licenseRules from './20261124100000_license_rules.js';
import * as removalCauseRequirementLost from './20261124110000_removal_cause_requirement_lost.js';
import * as contactReconciliation from './20261124120000_contact_reconciliation.js';
import * as directoryMembershipChanges from './20261124120100_directory_membership_changes.js';
import * as eventsAuditLog from './20261202040000_events_audit_log.js';
import * as tokenRevocations from './20261202040100_token_revocations.js';
import * as assignmentListOrder from './20261202040200_assignment_list_order.js';
import * as catalogOperator from './20261202040300_catalog_operator.js';
import * as imports from './20261202070000_imports.js';
import * as outbox from './20261202080000_outbox.js';
import * as adminSessions from './20261202090000_admin_sessions.js';
import * as assignmentHistoryRows from './20261202100000_assignment_history_rows.js';
import * as catalogPrices from './20261202100100_catalog_prices.js';
import * as subscriptionCancellations from './20261202100200_subscription_cancellations.js';
import * as adminListIndexes from './20261202110000_admin_list_indexes.js';
import * as ownerContactEmail from './20261202110100_owner_contact_email.js';
import * as outboxRetention from './20261202110200_outbox_retention.js';
import * as outboxFailedIndex from './20261202120000_outbox_failed_index.js';
import * as userListFilters from './20261202120100_user_list_filters.js';
import * as userSearchIndex from './20261202140000_user_search_index.js';

/**
 * Every migration, in order. A static list (rather than a directory scan) works the same from TypeScript
 * sources and from the compiled build. Migrations are never edited after they land: add a new one.
 */
export const migrations: ReadonlyArray<readonly [string, Knex.Migration]> = [
  ['20261122090000_tenants_and_tokens', tenantsAndTokens],
  ['20261122090100_users', users],
  ['20261122090200_groups', groups],
  ['20261122090300_events', events],
  ['20261122090400_agenda_jobs', agendaJobs],
  ['20261123100000_directory_connections', directoryConnections],
  ['20261123100100_directory_mirror', directoryMirror],
  ['20261123200000_license_settings', licenseSettings],
  ['20261123200100_catalog', catalog],
  ['20261123200200_subscriptions', subscriptions],
  ['20261123200300_license_assignments', licenseAssignments],
  ['20261123200400_phone_numbers', phoneNumbers],
  ['20261124100000_license_rules', licenseRules],
  ['20261124110000_removal_cause_requirement_lost', removalCauseRequirementLost],
  ['20261124120000_contact_reconciliation', contactReconciliation],
  ['20261124120100_directory_membership_changes', directoryMembershipChanges],
  ['20261202040000_events_audit_log', eventsAuditLog],
  ['20261202040100_token_revocations', tokenRevocations],
  ['20261202040200_assignment_list_order', assignmentListOrder],
  ['20261202040300_catalog_operator', catalogOperator],
  ['20261202070000_imports', imports],
  ['20261202080000_outbox', outbox],
  ['20261202090000_admin_sessions', adminSessions],
  ['20261202100000_assignment_history_rows', assignmentHistoryRows],
  ['20261202100100_catalog_prices', catalogPrices],
  ['20261202100200_subscription_cancellations', subscriptionCancellations],
  ['20261202110000_admin_list_indexes', adminListIndexes],
  ['20261202110100_owner_contact_email', ownerContactEmail],
  ['20261202110200_outbox_retention', outboxRetention],
  ['20261202120000_outbox_failed_index', outboxFailedIndex],
  ['20261202120100_user_list_filters', userListFilters],
  ['20261202140000_user_search_index', userSearchIndex],
];
