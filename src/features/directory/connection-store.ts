import type { Knex } from 'knex';
import type { DirectoryConnection, SourceAttribute } from './directory-connection.js';

/** Everything stored about a connection, the encrypted secret and sync state included: for the sync, never for the API. */
export interface ConnectionRecord extends DirectoryConnection {
  clientSecretEncrypted: Buffer;
  usersDeltaLink: string | null;
  groupsDeltaLink: string | null;
  usersResumeLink: string | null;
  groupsResumeLink: string | null;
  usersFullMarker: string | null;
  groupsFullMarker: string | null;
}

export interface ConnectionRow {
  id: string;
  tenant_id: string;
  kind: 'entra';
  name: string;
  entra_tenant_id: string;
  client_id: string;
  client_secret_encrypted: Buffer;
  authority_host: string | null;
  graph_base_url: string | null;
  scoped_group_ids: string[];
  attribute_mapping: Record<string, SourceAttribute | null>;
  directory_owned: string[] | null;
  sync_interval: string;
  reconcile_interval: string;
  enabled: boolean;
  version: number;
  users_delta_link: string | null;
  groups_delta_link: string | null;
  users_resume_link: string | null;
  groups_resume_link: string | null;
  users_full_marker: string | null;
  groups_full_marker: string | null;
  created_at: Date;
  updated_at: Date;
}

export type ConnectionColumns = Partial<
  Omit<ConnectionRow, 'id' | 'tenant_id' | 'created_at' | 'updated_at' | 'version'>
>;

export class ConnectionStore {
  constructor(private readonly db: Knex) {}

  async find(
    tenantId: string,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<ConnectionRecord | null> {
    const q = this.db('directory_connections').where({ tenant_id: tenantId, id });
    if (options.forUpdate) q.forUpdate();
    const row = await q.first();
    return row ? toRecord(row) : null;
  }

  /** By id alone: for jobs, which carry only the connection id. */
  async findById(id: string): Promise<ConnectionRecord | null> {
    const row = await this.db('directory_connections').where({ id }).first();
    return row ? toRecord(row) : null;
  }

  async list(tenantId: string): Promise<ConnectionRecord[]> {
    const rows = await this.db('directory_connections').where({ tenant_id: tenantId }).orderBy('created_at');
    return rows.map(toRecord);
  }

  async listEnabled(): Promise<ConnectionRecord[]> {
    const rows = await this.db('directory_connections').where({ enabled: true }).orderBy('created_at');
    return rows.map(toRecord);
  }

  async insert(tenantId: string, values: ConnectionColumns): Promise<ConnectionRecord> {
    const [row] = await this.db('directory_connections')
      .insert({ tenant_id: tenantId, ...serialise(values) })
      .returning('*');
    return toRecord(row);
  }

  async update(tenantId: string, id: string, values: ConnectionColumns): Promise<ConnectionRecord> {
    const [row] = await this.db('directory_connections')
      .where({ tenant_id: tenantId, id })
      .update({ ...serialise(values), version: this.db.raw('version + 1'), updated_at: this.db.fn.now() })
      .returning('*');
    return toRecord(row);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return (await this.db('directory_connections').where({ tenant_id: tenantId, id }).delete()) > 0;
  }
}

function serialise(values: ConnectionColumns): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const key of ['scoped_group_ids', 'attribute_mapping', 'directory_owned'] as const) {
    if (values[key] !== undefined) out[key] = values[key] === null ? null : JSON.stringify(values[key]);
  }
  return out;
}

export function toRecord(row: ConnectionRow): ConnectionRecord {
  const resuming = row.users_resume_link !== null || row.groups_resume_link !== null;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    name: row.name,
    entraTenantId: row.entra_tenant_id,
    clientId: row.client_id,
    clientSecretSet: true,
    authorityHost: row.authority_host,
    graphBaseUrl: row.graph_base_url,
    scopedGroupIds: row.scoped_group_ids,
    attributeMapping: row.attribute_mapping,
    directoryOwned: row.directory_owned,
    syncInterval: row.sync_interval,
    reconcileInterval: row.reconcile_interval,
    enabled: row.enabled,
    version: row.version,
    nextRun: resuming ? 'resume' : row.users_delta_link && row.groups_delta_link ? 'incremental' : 'full',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    clientSecretEncrypted: row.client_secret_encrypted,
    usersDeltaLink: row.users_delta_link,
    groupsDeltaLink: row.groups_delta_link,
    usersResumeLink: row.users_resume_link,
    groupsResumeLink: row.groups_resume_link,
    usersFullMarker: row.users_full_marker,
    groupsFullMarker: row.groups_full_marker,
  };
}

/** The public view: the record without the secret and the sync cursors. */
export function toConnection(record: ConnectionRecord): DirectoryConnection {
  const {
    clientSecretEncrypted: _secret,
    usersDeltaLink: _u,
    groupsDeltaLink: _g,
    usersResumeLink: _ur,
    groupsResumeLink: _gr,
    usersFullMarker: _um,
    groupsFullMarker: _gm,
    ...connection
  } = record;
  return connection;
}
