import type { Knex } from 'knex';
import type { Config } from './config.js';
import { deadlineBoundTransaction } from './db/deadline-bound-transaction.js';
import { openDatabase, type Database } from './db/database.js';
import { EventLog } from './features/events/event-log.js';
import { EventSearch } from './features/events/event-search.js';
import { OutboxWriter } from './features/outbox/outbox-writer.js';
import { OutboxStore } from './features/outbox/outbox-store.js';
import { createMessagesFeature, type MessagesFeature } from './features/outbox/messages-feature.js';
import { GroupService } from './features/groups/group-service.js';
import { GroupStore } from './features/groups/group-store.js';
import { TenantService } from './features/tenants/tenant-service.js';
import { TenantSettingsService } from './features/tenants/tenant-settings.js';
import { NotificationSettingsStore } from './features/mail/notification-settings.js';
import { TenantStore } from './features/tenants/tenant-store.js';
import { TokenService } from './features/tokens/token-service.js';
import { TokenStore } from './features/tokens/token-store.js';
import { TokenVerifier } from './features/tokens/token-verifier.js';
import { UserService } from './features/users/user-service.js';
import { UserStore } from './features/users/user-store.js';
import { JobQueue } from './jobs/job-queue.js';
import type { Logger } from './logger.js';
import type { Reactions } from './features/reactions.js';
import { AssignmentService } from './features/assignments/assignment-service.js';
import { AssignmentStore } from './features/assignments/assignment-store.js';
import { licenseSettings } from './features/seats/license-settings.js';
import { CatalogService } from './features/catalog/catalog-service.js';
import { CatalogStore } from './features/catalog/catalog-store.js';
import { NumberService } from './features/numbers/number-service.js';
import { NumberStore } from './features/numbers/number-store.js';
import { ContactNumberOwnership } from './features/numbers/contact-number-ownership.js';
import { SeatService } from './features/seats/seat-service.js';
import { SeatStore } from './features/seats/seat-store.js';
import { EntraClientRegistry } from '../connectors/entra/entra-client-registry.js';
import type { EntraDirectoryClientOptions } from '../connectors/entra/entra-directory-client.js';
import { createDirectoryFeature, type DirectoryFeature } from './features/directory/directory-feature.js';
import { RuleEngine } from './features/rules/rule-engine.js';
import { RuleHoldStore } from './features/rules/rule-hold-store.js';
import { RuleHolds } from './features/rules/rule-holds.js';
import { RulePreviewer } from './features/rules/rule-preview.js';
import { RuleReports } from './features/rules/rule-reports.js';
import { RuleService } from './features/rules/rule-service.js';
import { RuleStore } from './features/rules/rule-store.js';
import { ImportService } from './features/imports/import-service.js';
import { ImportStore } from './features/imports/import-store.js';
import { SessionService } from './features/sessions/session-service.js';
import { SessionStore } from './features/sessions/session-store.js';

export interface Services {
  events: EventLog;
  /** What reacts to a change of users, memberships, numbers and seats (src/features/reactions.ts). */
  reactions: Reactions;
  /** The audit log's filtered reads of `events` (pages for the API, a stream for exports). */
  eventSearch: EventSearch;
  tenants: TenantService;
  tenantSettings: TenantSettingsService;
  tokens: TokenService;
  users: UserService;
  groups: GroupService;
  catalog: CatalogService;
  seats: SeatService;
  numbers: NumberService;
  assignments: AssignmentService;
  rules: RuleService;
  ruleHolds: RuleHolds;
  ruleEngine: RuleEngine;
  rulePreview: RulePreviewer;
  ruleReports: RuleReports;
  imports: ImportService;
  outbox: OutboxStore;
}

interface ServicesOptions {
  /**
   * Replaces the users → rules reaction. The rules engine builds its savepoints' services with a recorder here,
   * so the user changes its own grants make (numbers picked for a `pickNumbers` grant) do not start a second
   * evaluation of the same user inside the first; it re-plans those users once it has applied
   * (RuleEngine.evaluateUsers).
   */
  userChanged?: Reactions['userChanged'];
}

/** Builds every service on one connection or transaction, so a request's writes share its transaction. */
export function servicesFor(db: Knex, options: ServicesOptions = {}): Services {
  const outbox = new OutboxWriter(db);
  const events = new EventLog(db, {
    appended: (appended) => outbox.eventsAppended(appended),
    prefetch: (tenantId) => outbox.prefetch(tenantId),
  });
  const userStore = new UserStore(db);
  // Every reaction between features, wired here and nowhere else (the README's "Reactions" table lists them).
  // The methods reach `groups`, `assignments` and `ruleEngine`, built below, only when called: that breaks the
  // construction cycle users → assignments → numbers → users.
  const reactions: Reactions = {
    userDeactivated: async (tenantId, userId, actor) => {
      await assignments.userChanges.suspendUser(tenantId, userId, actor);
    },
    userDeleted: (tenantId, userId) => groups.removeDeletedUser(tenantId, userId),
    userReactivated: async (tenantId, userId, actor) => {
      await assignments.userChanges.reactivateUser(tenantId, userId, actor);
    },
    userChanged:
      options.userChanged ?? ((tenantId, userId, actor) => ruleEngine.userChanged(tenantId, userId, actor)),
    membershipChanged: (tenantId, groupId, userIds, actor) =>
      ruleEngine.membershipChanged(tenantId, groupId, userIds, actor),
    userProfileChanged: async (tenantId, userId, before, after, brokenLicenses, actor) => {
      await assignments.userChanges.profileChanged(tenantId, userId, before, after, brokenLicenses, actor);
    },
    userNumbersChanged: async (tenantId, userId, actor) => {
      await assignments.recheckUser(tenantId, userId, actor);
    },
    userNumbersReleased: async (tenantId, userId, kinds, brokenLicenses, actor) => {
      await assignments.userChanges.numbersReleased(tenantId, userId, kinds, brokenLicenses, actor);
    },
    seatsAdded: async (tenantId, productId, actor) => {
      await assignments.activateWaiting(tenantId, productId, actor);
    },
  };
  const numberStore = new NumberStore(db);
  const users = new UserService(userStore, events, reactions, new ContactNumberOwnership(numberStore));
  const groups = new GroupService(new GroupStore(db), userStore, events, reactions);
  const seatStore = new SeatStore(db);
  const catalog = new CatalogService(new CatalogStore(db), events, (tenantId, productId) =>
    seatStore.openInventory(tenantId, productId),
  );
  const seats = new SeatService(seatStore, catalog, events, reactions);
  const numbers = new NumberService(numberStore, events, users, reactions, (tenantId) =>
    licenseSettings(db, tenantId),
  );
  const assignments: AssignmentService = new AssignmentService(
    new AssignmentStore(db),
    events,
    catalog,
    seats,
    numbers,
    (tenantId) => licenseSettings(db, tenantId),
  );
  const ruleStore = new RuleStore(db);
  const rules = new RuleService(ruleStore, events, catalog);
  const ruleHolds = new RuleHolds(new RuleHoldStore(db), events);
  // Each savepoint of an evaluation gets its own AssignmentService, bound to that savepoint.
  const ruleEngine: RuleEngine = new RuleEngine(
    db,
    ruleStore,
    rules,
    ruleHolds,
    catalog,
    (sp, userChanged) => servicesFor(sp, { userChanged }).assignments,
  );
  const tenants = new TenantService(new TenantStore(db), events);
  return {
    events,
    reactions,
    eventSearch: new EventSearch(db),
    tenants,
    tenantSettings: new TenantSettingsService(new TenantStore(db), new NotificationSettingsStore(db), events),
    tokens: new TokenService(new TokenStore(db), events),
    users,
    groups,
    catalog,
    seats,
    numbers,
    assignments,
    rules,
    ruleHolds,
    ruleEngine,
    rulePreview: new RulePreviewer(db, ruleStore, rules, ruleEngine, catalog, seats),
    ruleReports: new RuleReports(db, ruleStore, assignments, rules),
    // The rows of a batch are applied with services of their own on the batch's transaction.
    imports: new ImportService(db, new ImportStore(db), events, tenants, catalog, seats, rules, (trx) =>
      servicesFor(trx),
    ),
    outbox: new OutboxStore(db),
  };
}

export interface Container {
  config: Config;
  logger: Logger;
  database: Database;
  /** Services on the pool, for reads that need no transaction. */
  services: Services;
  tokenVerifier: TokenVerifier;
  /** Console sessions on `db` (the pool, or a transaction that ends or opens one). */
  sessions(db: Knex): SessionService;
  /** Entra ID pull connections and their sync. */
  directory: DirectoryFeature;
  /** Queues jobs (Agenda) for the workers; the job runner processes them in a worker process. */
  jobs: JobQueue;
  /** Messages out: webhook endpoints, notification settings, the outbox and its delivery. */
  messages: MessagesFeature;
  /**
   * Runs `work` in one transaction: everything commits together or nothing does. `db` is the transaction, for the
   * features built per transaction outside Services (the directory feature's connections and run requests).
   * `deadline` (epoch ms), for an HTTP request's work: nothing of the transaction outlives it, and work not done by
   * then rolls back (db/deadline-bound-transaction.ts).
   */
  transaction<T>(
    work: (services: Services, db: Knex) => Promise<T>,
    options?: { deadline?: number },
  ): Promise<T>;
  close(): Promise<void>;
}

/** The composition root: the only place that creates the database, stores, services and clients. */
export async function createContainer(
  config: Config,
  logger: Logger,
  options: {
    database?: Database;
    reuseRunningEmbedded?: boolean;
    entraClientOptions?: EntraDirectoryClientOptions;
  } = {},
): Promise<Container> {
  const database =
    options.database ??
    (await openDatabase(config, { reuseRunningEmbedded: options.reuseRunningEmbedded ?? false, logger }));
  const services = servicesFor(database.knex);
  const jobs = new JobQueue(database, logger);
  const messages = createMessagesFeature({
    knex: database.knex,
    config,
    logger,
    eventsOn: (db) => servicesFor(db).events,
  });
  return {
    config,
    logger,
    database,
    services,
    tokenVerifier: new TokenVerifier(
      () => services.tokens,
      config.TOKEN_CACHE_SECONDS * 1000,
      (error) => logger.warn({ err: error }, 'token bookkeeping failed (last use or revocation check)'),
    ),
    sessions: (db) =>
      new SessionService(new SessionStore(db), servicesFor(db).events, {
        idleMs: config.SESSION_IDLE_MINUTES * 60_000,
        absoluteMs: config.SESSION_MAX_HOURS * 3600_000,
      }),
    directory: createDirectoryFeature({
      knex: database.knex,
      config,
      logger,
      servicesOn: servicesFor,
      // Entra ID is the directory connections read; the client options are the tests' (page size, retry sleeps).
      sources: new EntraClientRegistry({
        ...options.entraClientOptions,
        logger: options.entraClientOptions?.logger ?? logger.child({ component: 'entra' }),
      }),
    }),
    jobs,
    messages,
    transaction: (work, { deadline } = {}) =>
      deadline === undefined
        ? database.knex.transaction((trx) => work(servicesFor(trx), trx))
        : deadlineBoundTransaction(database, deadline, (trx) => work(servicesFor(trx), trx)),
    async close() {
      messages.close();
      await jobs.close();
      await database.close();
    },
  };
}
