import type { Knex } from 'knex';
import type { z } from 'zod';
import { isUniqueViolation } from '../../db/database-errors.js';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Actor, EventLog } from '../events/event-log.js';
import { ConnectionLease } from './connection-lease.js';
import { SyncRunStore } from './sync-run-store.js';
import {
  ConnectionStore,
  toConnection,
  type ConnectionColumns,
  type ConnectionRecord,
} from './connection-store.js';
import {
  connectionInputSchema,
  connectionUpdateSchema,
  type ConnectionInput,
  type ConnectionUpdate,
  type DirectoryConnection,
} from './directory-connection.js';
import { DirectoryMirrorStore } from './directory-mirror-store.js';
import type { DirectorySources, SourceCredentials, SourceTestResult } from './directory-source.js';
import { requireSecretForRetarget, type EntraEndpointPolicy } from './entra-endpoint-policy.js';
import type { SecretBox } from './secret-box.js';

/** The sync's lease, only to see whether a run holds the connection (the length of a lease plays no part). */
const SYNC_LEASE = new ConnectionLease('sync', 0);

/**
 * Directory connections of a tenant: create, update, read (never the secret), test. Runs on the caller's
 * connection or transaction; the client registry and the secret box are process-wide.
 */
export class ConnectionService {
  private readonly store: ConnectionStore;

  constructor(
    private readonly db: Knex,
    private readonly secrets: SecretBox,
    private readonly sources: DirectorySources,
    private readonly events: EventLog,
    private readonly endpoints: EntraEndpointPolicy,
  ) {
    this.store = new ConnectionStore(db);
  }

  async create(tenantId: string, input: ConnectionInput, actor: Actor): Promise<DirectoryConnection> {
    const parsed = parse(connectionInputSchema, input);
    this.endpoints.check('authorityHost', parsed.authorityHost);
    this.endpoints.check('graphBaseUrl', parsed.graphBaseUrl);
    const record = await guardUnique(parsed.name, () =>
      this.store.insert(tenantId, {
        kind: 'entra',
        name: parsed.name,
        entra_tenant_id: parsed.entraTenantId,
        client_id: parsed.clientId,
        client_secret_encrypted: this.secrets.encrypt(parsed.clientSecret),
        authority_host: parsed.authorityHost ?? null,
        graph_base_url: parsed.graphBaseUrl ?? null,
        scoped_group_ids: parsed.scopedGroupIds,
        attribute_mapping: parsed.attributeMapping,
        directory_owned: parsed.directoryOwned,
        sync_interval: parsed.syncInterval,
        reconcile_interval: parsed.reconcileInterval,
        enabled: parsed.enabled,
      }),
    );
    const connection = toConnection(record);
    await this.events.append({
      tenantId,
      actor,
      action: 'directory_connection.created',
      entityType: 'directory_connection',
      entityId: connection.id,
      after: connection,
    });
    return connection;
  }

  async update(
    tenantId: string,
    id: string,
    update: ConnectionUpdate,
    actor: Actor,
  ): Promise<DirectoryConnection> {
    const parsed = parse(connectionUpdateSchema, update);
    const current = await this.requireRecord(tenantId, id, true);
    this.endpoints.check('authorityHost', parsed.authorityHost);
    this.endpoints.check('graphBaseUrl', parsed.graphBaseUrl);
    requireSecretForRetarget(parsed, current);
    const columns: ConnectionColumns = {};
    if (parsed.name !== undefined) columns.name = parsed.name;
    if (parsed.entraTenantId !== undefined) columns.entra_tenant_id = parsed.entraTenantId;
    if (parsed.clientId !== undefined) columns.client_id = parsed.clientId;
    if (parsed.clientSecret !== undefined)
      columns.client_secret_encrypted = this.secrets.encrypt(parsed.clientSecret);
    if (parsed.authorityHost !== undefined) columns.authority_host = parsed.authorityHost;
    if (parsed.graphBaseUrl !== undefined) columns.graph_base_url = parsed.graphBaseUrl;
    if (parsed.attributeMapping !== undefined) columns.attribute_mapping = parsed.attributeMapping;
    if (parsed.directoryOwned !== undefined) columns.directory_owned = parsed.directoryOwned;
    if (parsed.syncInterval !== undefined) columns.sync_interval = parsed.syncInterval;
    if (parsed.reconcileInterval !== undefined) columns.reconcile_interval = parsed.reconcileInterval;
    if (parsed.enabled !== undefined) columns.enabled = parsed.enabled;
    const scopeChanged =
      parsed.scopedGroupIds !== undefined &&
      JSON.stringify([...parsed.scopedGroupIds].sort()) !==
        JSON.stringify([...current.scopedGroupIds].sort());
    const tenantChanged =
      parsed.entraTenantId !== undefined && parsed.entraTenantId !== current.entraTenantId;
    if (scopeChanged) columns.scoped_group_ids = parsed.scopedGroupIds;
    if (scopeChanged || tenantChanged) {
      // A run under way judges users by the scope it started with and would save its delta links and settle the
      // users over what this change resets; with the connection's row locked, no run can start until this commits.
      if (await SYNC_LEASE.isHeld(this.db, id))
        throw new DomainError(
          'directory_sync.already_running',
          'A sync of this connection is running; change its scope or directory once it has finished',
        );
      // A held run was planned under the old scope: rejecting it after the change would settle users the new scope
      // must judge again, so it is decided first.
      if (await new SyncRunStore(this.db).hasHeld(id))
        throw new DomainError(
          'directory_sync.held_run_pending',
          'A sync run of this connection is held for approval; approve or reject it before changing its scope or directory',
        );
      // Memberships are mirrored for scoped groups only, and another tenant is another directory: both need a
      // full enumeration, and every mirrored user and group judged again after it, changed or not.
      Object.assign(columns, {
        users_delta_link: null,
        groups_delta_link: null,
        users_resume_link: null,
        groups_resume_link: null,
        users_full_marker: null,
        groups_full_marker: null,
      });
      await new DirectoryMirrorStore(this.db).markAllForNewScope(id);
    }
    if (Object.keys(columns).length === 0) return toConnection(current);
    const record = await guardUnique(parsed.name ?? current.name, () =>
      this.store.update(tenantId, id, columns),
    );
    this.sources.forget(id);
    const connection = toConnection(record);
    await this.events.append({
      tenantId,
      actor,
      action: 'directory_connection.updated',
      entityType: 'directory_connection',
      entityId: id,
      before: toConnection(current),
      after: connection,
    });
    return connection;
  }

  async get(tenantId: string, id: string): Promise<DirectoryConnection> {
    return toConnection(await this.requireRecord(tenantId, id));
  }

  async list(tenantId: string): Promise<DirectoryConnection[]> {
    return (await this.store.list(tenantId)).map(toConnection);
  }

  /** Every enabled connection, of every tenant (for their recurring jobs). */
  async listEnabled(): Promise<DirectoryConnection[]> {
    return (await this.store.listEnabled()).map(toConnection);
  }

  async delete(tenantId: string, id: string, actor: Actor): Promise<void> {
    const current = await this.requireRecord(tenantId, id, true);
    await this.store.delete(tenantId, id);
    this.sources.forget(id);
    await this.events.append({
      tenantId,
      actor,
      action: 'directory_connection.deleted',
      entityType: 'directory_connection',
      entityId: id,
      before: toConnection(current),
    });
  }

  /** The directory groups the connection's syncs have seen, for choosing its scope (empty before a first sync). */
  async directoryGroups(tenantId: string, id: string, options: { search?: string; limit: number }) {
    const record = await this.requireRecord(tenantId, id);
    return new DirectoryMirrorStore(this.db).listGroups(record.id, options);
  }

  /** Signs in to the directory and reads one user and one group with the stored credentials. */
  async test(tenantId: string, id: string): Promise<SourceTestResult> {
    const record = await this.requireRecord(tenantId, id);
    return this.sourceFor(record).testConnection();
  }

  /** The connection's directory source (reused across runs while the connection is unchanged). */
  sourceFor(record: ConnectionRecord) {
    return this.sources.sourceFor(record, () => this.credentials(record));
  }

  /** The record with its sync state, for the sync service. */
  async record(tenantId: string, id: string): Promise<ConnectionRecord> {
    return this.requireRecord(tenantId, id);
  }

  private credentials(record: ConnectionRecord): SourceCredentials {
    // Rows stored before the host allow-list, or under a wider ENTRA_EXTRA_HOSTS, are checked again here.
    this.endpoints.check('authorityHost', record.authorityHost);
    this.endpoints.check('graphBaseUrl', record.graphBaseUrl);
    return {
      tenantId: record.entraTenantId,
      clientId: record.clientId,
      clientSecret: this.secrets.decrypt(record.clientSecretEncrypted),
      ...(record.authorityHost ? { authorityHost: record.authorityHost } : {}),
      ...(record.graphBaseUrl ? { graphBaseUrl: record.graphBaseUrl } : {}),
    };
  }

  private async requireRecord(tenantId: string, id: string, forUpdate = false): Promise<ConnectionRecord> {
    const record = isUuid(id) ? await this.store.find(tenantId, id, { forUpdate }) : null;
    if (!record) throw notFound('Directory connection', id);
    return record;
  }
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DomainError(
      'invalid_value',
      `${issue?.path.join('.') || 'connection'}: ${issue?.message ?? 'invalid'}`,
      {
        issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    );
  }
  return result.data;
}

async function guardUnique(name: string, write: () => Promise<ConnectionRecord>): Promise<ConnectionRecord> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError('uniqueness', `A directory connection named ${name} already exists`);
    throw error;
  }
}
