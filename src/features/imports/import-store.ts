import type { Knex } from 'knex';
import type { NumberKind } from '../numbers/numbering-plan.js';
import type { UserProfile } from '../users/user.js';
import type { ImportRowInput, RowOutcome } from './import-row.js';
import type { ExistingUser, PoolNumber } from './import-plan.js';
import type { ImportSummary } from './import-plan.js';

export type ImportStatus = 'validated' | 'applying' | 'completed';
export type RowStatus = 'invalid' | 'pending' | 'applied' | 'failed';

export interface ImportRecord {
  id: string;
  tenantId: string;
  createdBy: string;
  appliedBy: string | null;
  fileName: string | null;
  format: 'csv' | 'xlsx';
  strict: boolean;
  status: ImportStatus;
  totalRows: number;
  invalidRows: number;
  rowsDone: number;
  rowsFailed: number;
  summary: ImportSummary;
  createdAt: Date;
  applyRequestedAt: Date | null;
  completedAt: Date | null;
}

export interface StoredRow {
  importId: string;
  line: number;
  email: string | null;
  input: ImportRowInput | null;
  outcome: RowOutcome;
  status: RowStatus;
}

interface ImportDbRow {
  id: string;
  tenant_id: string;
  created_by: string;
  applied_by: string | null;
  file_name: string | null;
  format: 'csv' | 'xlsx';
  strict: boolean;
  status: ImportStatus;
  total_rows: number;
  invalid_rows: number;
  rows_done: number;
  rows_failed: number;
  summary: ImportSummary;
  created_at: Date;
  apply_requested_at: Date | null;
  completed_at: Date | null;
}

const toImport = (r: ImportDbRow): ImportRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  createdBy: r.created_by,
  appliedBy: r.applied_by,
  fileName: r.file_name,
  format: r.format,
  strict: r.strict,
  status: r.status,
  totalRows: r.total_rows,
  invalidRows: r.invalid_rows,
  rowsDone: r.rows_done,
  rowsFailed: r.rows_failed,
  summary: r.summary,
  createdAt: r.created_at,
  applyRequestedAt: r.apply_requested_at,
  completedAt: r.completed_at,
});

interface RowDbRow {
  import_id: string;
  line: number;
  email: string | null;
  input: ImportRowInput | null;
  outcome: RowOutcome;
  status: RowStatus;
}

const toRow = (r: RowDbRow): StoredRow => ({
  importId: r.import_id,
  line: r.line,
  email: r.email,
  input: r.input,
  outcome: r.outcome,
  status: r.status,
});

/** Rows per INSERT: 10k rows go in ten statements, well under PostgreSQL's bind-parameter limit. */
const INSERT_CHUNK = 1000;

/** The one writer of `imports` and `import_rows`, and the reads an import plan decides on. */
export class ImportStore {
  constructor(private readonly db: Knex) {}

  async insert(
    record: Omit<
      ImportRecord,
      'id' | 'createdAt' | 'applyRequestedAt' | 'completedAt' | 'rowsDone' | 'rowsFailed' | 'appliedBy'
    >,
    rows: ReadonlyArray<Omit<StoredRow, 'importId'>>,
  ): Promise<ImportRecord> {
    const [inserted] = (await this.db('imports')
      .insert({
        tenant_id: record.tenantId,
        created_by: record.createdBy,
        file_name: record.fileName,
        format: record.format,
        strict: record.strict,
        status: record.status,
        total_rows: record.totalRows,
        invalid_rows: record.invalidRows,
        summary: JSON.stringify(record.summary),
      })
      .returning('*')) as ImportDbRow[];
    const id = inserted!.id;
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.db('import_rows').insert(
        rows.slice(i, i + INSERT_CHUNK).map((r) => ({
          import_id: id,
          tenant_id: record.tenantId,
          line: r.line,
          email: r.email,
          input: r.input === null ? null : JSON.stringify(r.input),
          outcome: JSON.stringify(r.outcome),
          status: r.status,
        })),
      );
    }
    return toImport(inserted!);
  }

  async find(
    tenantId: string,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<ImportRecord | null> {
    const q = this.db('imports').where({ tenant_id: tenantId, id }).first();
    if (options.forUpdate) q.forUpdate();
    const row = (await q) as ImportDbRow | undefined;
    return row ? toImport(row) : null;
  }

  /**
   * A tenant's imports, newest first, `limit` of them before the cursor (keyset on created_at, id, which the
   * (tenant_id, created_at) index serves).
   */
  async list(
    tenantId: string,
    limit: number,
    before?: { createdAt: string; id: string },
  ): Promise<ImportRecord[]> {
    const q = this.db('imports').where({ tenant_id: tenantId });
    if (before) {
      // The cursor's own row gives created_at at full (microsecond) precision, which a JavaScript Date cannot carry.
      q.whereRaw(
        '(created_at, id) < (COALESCE((SELECT c.created_at FROM imports c WHERE c.tenant_id = ? AND c.id = ?), ?::timestamptz), ?::uuid)',
        [tenantId, before.id, before.createdAt, before.id],
      );
    }
    const rows = (await q
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)) as ImportDbRow[];
    return rows.map(toImport);
  }

  /** The import of rows claimed by claimPending (any tenant: the job serves them all). */
  async findClaimed(id: string): Promise<ImportRecord | null> {
    const row = (await this.db('imports').where({ id }).first()) as ImportDbRow | undefined;
    return row ? toImport(row) : null;
  }

  async markApplying(id: string, appliedBy: string): Promise<void> {
    await this.db('imports')
      .where({ id })
      .update({ status: 'applying', applied_by: appliedBy, apply_requested_at: this.db.fn.now() });
  }

  /**
   * The next pending rows of one import being applied, locked (SKIP LOCKED: two workers never take the same rows,
   * and rows of a worker that dies are pending again when its transaction rolls back). Oldest import first.
   */
  async claimPending(limit: number): Promise<StoredRow[]> {
    const next = (await this.db('import_rows as r')
      .join('imports as i', 'i.id', 'r.import_id')
      .where('i.status', 'applying')
      .where('r.status', 'pending')
      .orderBy('i.apply_requested_at')
      .first('r.import_id')) as { import_id: string } | undefined;
    if (!next) return [];
    const rows = (await this.db('import_rows')
      .where({ import_id: next.import_id, status: 'pending' })
      .orderBy('line')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .select('*')) as RowDbRow[];
    return rows.map(toRow);
  }

  async saveOutcomes(
    importId: string,
    rows: ReadonlyArray<{ line: number; status: RowStatus; outcome: RowOutcome }>,
  ) {
    if (rows.length === 0) return;
    await this.db.raw(
      `UPDATE import_rows r SET status = v.status, outcome = v.outcome
       FROM jsonb_to_recordset(?::jsonb) AS v(line int, status text, outcome jsonb)
       WHERE r.import_id = ? AND r.line = v.line`,
      [JSON.stringify(rows), importId],
    );
    const failed = rows.filter((r) => r.status === 'failed').length;
    await this.db('imports')
      .where({ id: importId })
      .update({
        rows_done: this.db.raw('rows_done + ?', [rows.length]),
        rows_failed: this.db.raw('rows_failed + ?', [failed]),
      });
  }

  /** Marks the import completed when no row is left pending; true when this call did it. */
  async completeIfDone(importId: string): Promise<ImportRecord | null> {
    const [row] = (await this.db('imports')
      .where({ id: importId, status: 'applying' })
      .whereNotExists(
        this.db('import_rows').where({ import_id: importId, status: 'pending' }).select(this.db.raw('1')),
      )
      .update({ status: 'completed', completed_at: this.db.fn.now() })
      .returning('*')) as ImportDbRow[];
    return row ? toImport(row) : null;
  }

  /** A page of rows in file order, after `afterLine`. */
  async rows(importId: string, afterLine: number, limit: number): Promise<StoredRow[]> {
    const rows = (await this.db('import_rows')
      .where({ import_id: importId })
      .where('line', '>', afterLine)
      .orderBy('line')
      .limit(limit)
      .select('*')) as RowDbRow[];
    return rows.map(toRow);
  }

  // ------------------------------------------------------------------ facts a plan decides on

  /**
   * Users with these e-mails (userNames), with their groups, licenses that have not ended and assigned numbers.
   * One probe of the userName index per e-mail: the planner has no statistics of lower(user_name), guesses that
   * each e-mail matches 0.5% of the users and so, for a batch of 200, scanned every user of the tenant (0.5 s at
   * 100k users, most of it JIT compilation). LIMIT 1 (the unique index allows no more) keeps the probe a probe.
   */
  async existingUsers(tenantId: string, emails: readonly string[]): Promise<Map<string, ExistingUser>> {
    if (emails.length === 0) return new Map();
    const { rows } = (await this.db.raw(
      `SELECT u.id, lower(u.user_name) AS email, u.active, u.profile,
              ARRAY(SELECT gm.group_id FROM group_members gm WHERE gm.user_id = u.id) AS group_ids,
              ARRAY(SELECT DISTINCT n.kind FROM phone_numbers n
                    WHERE n.tenant_id = u.tenant_id AND n.user_id = u.id AND n.status = 'assigned') AS number_kinds,
              coalesce((SELECT jsonb_agg(jsonb_build_object('productId', a.product_id, 'trackKey', t.key,
                                                            'state', a.state, 'effectiveAt', a.effective_at))
                        FROM license_assignments a
                        JOIN catalog_products p ON p.id = a.product_id JOIN catalog_tracks t ON t.id = p.track_id
                        WHERE a.tenant_id = u.tenant_id AND a.user_id = u.id
                          AND a.state IN ('active', 'removal_scheduled', 'grace', 'scheduled', 'blocked')), '[]') AS licenses
       FROM unnest(?::text[]) AS e(email)
       CROSS JOIN LATERAL (SELECT x.id, x.tenant_id, x.user_name, x.active, x.profile FROM users x
                           WHERE x.tenant_id = ? AND x.deleted_at IS NULL AND lower(x.user_name) = e.email
                           LIMIT 1) u`,
      [[...emails], tenantId],
    )) as {
      rows: Array<{
        id: string;
        email: string;
        active: boolean;
        profile: UserProfile;
        group_ids: string[];
        number_kinds: NumberKind[];
        licenses: Array<{ productId: string; trackKey: string; state: string; effectiveAt: string }>;
      }>;
    };
    return new Map(
      rows.map((r) => [
        r.email,
        {
          id: r.id,
          active: r.active,
          profile: r.profile,
          groupIds: new Set(r.group_ids),
          numberKinds: new Set(r.number_kinds),
          licenses: r.licenses.map((l) => ({ ...l, effectiveAt: new Date(l.effectiveAt) })),
        },
      ]),
    );
  }

  async poolNumbers(tenantId: string, e164s: readonly string[]): Promise<Map<string, PoolNumber>> {
    if (e164s.length === 0) return new Map();
    const rows = (await this.db('phone_numbers')
      .where({ tenant_id: tenantId })
      .whereIn('e164', [...e164s])
      .select('e164', 'kind', 'status', 'user_id')) as Array<{
      e164: string;
      kind: NumberKind;
      status: string;
      user_id: string | null;
    }>;
    return new Map(rows.map((r) => [r.e164, { kind: r.kind, status: r.status, userId: r.user_id }]));
  }

  async groupsByName(
    tenantId: string,
    names: readonly string[],
  ): Promise<Map<string, { id: string; displayName: string }>> {
    if (names.length === 0) return new Map();
    const { rows } = (await this.db.raw(
      `SELECT id, display_name FROM groups
       WHERE tenant_id = ? AND deleted_at IS NULL AND lower(display_name) = ANY(?::text[])`,
      [tenantId, names.map((n) => n.toLowerCase())],
    )) as { rows: Array<{ id: string; display_name: string }> };
    return new Map(
      rows.map((r) => [r.display_name.toLowerCase(), { id: r.id, displayName: r.display_name }]),
    );
  }

  /**
   * Which would-be users a rule's filter selects, by running the rule's own SQL (over alias `u`) on rows shaped
   * like `users`, so the dry run means exactly what the rule engine will decide once they exist.
   */
  async filterSelects(
    candidates: ReadonlyArray<{ line: number; userName: string; active: boolean; profile: UserProfile }>,
    where: { sql: string; bindings: ReadonlyArray<string | number | boolean> },
  ): Promise<Set<number>> {
    if (candidates.length === 0) return new Set();
    const records = candidates.map((c) => ({
      id: lineUuid(c.line),
      user_name: c.userName,
      display_name: null,
      active: c.active,
      profile: c.profile,
      created_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    }));
    const { rows } = (await this.db.raw(
      `SELECT u.id FROM jsonb_populate_recordset(NULL::users, ?::jsonb) u WHERE ${where.sql}`,
      [JSON.stringify(records), ...where.bindings],
    )) as { rows: Array<{ id: string }> };
    return new Set(rows.map((r) => Number.parseInt(r.id.slice(-12), 10)));
  }
}

/** A stand-in id for a row's user that does not exist yet (only the filter query sees it). */
const lineUuid = (line: number) => `00000000-0000-4000-8000-${String(line).padStart(12, '0')}`;
