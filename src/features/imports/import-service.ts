import type { Knex } from 'knex';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { Actor, EventLog } from '../events/event-log.js';
import { compileRuleFilter } from '../rules/rule-filter.js';
import type { RuleService } from '../rules/rule-service.js';
import type { SeatService } from '../seats/seat-service.js';
import type { TenantService } from '../tenants/tenant-service.js';
import { planImport, seatKey, type ImportFacts, type ImportPlan } from './import-plan.js';
import { planProfile } from './import-profile.js';
import type { ParsedRow, RowOutcome } from './import-row.js';
import { importRowInputSchema } from './import-row.js';
import { applyRow, type RowServices } from './import-row-applier.js';
import type { ImportRecord, ImportStore, RowStatus, StoredRow } from './import-store.js';

export interface ImportFile {
  fileName: string | null;
  format: 'csv' | 'xlsx';
  /** Refuse rows whose licenses would wait blocked, instead of keeping them blocked (the API's `strict`). */
  strict: boolean;
}

/**
 * File imports: a dry run plans every row (import-plan.ts) and keeps the rows, changing nothing in the tenant; an
 * apply is done by the apply-imports job in batches (applyBatch), each batch one transaction and each row in its
 * own savepoint, so one row's failure never stops the others. Every change an applied row makes is recorded with
 * the import's id and the admin who applied it as the actor.
 */
export class ImportService {
  constructor(
    private readonly db: Knex,
    private readonly store: ImportStore,
    private readonly events: EventLog,
    private readonly tenants: TenantService,
    private readonly catalog: CatalogService,
    private readonly seats: SeatService,
    private readonly rules: RuleService,
    /** The services the rows of a batch are applied with, bound to the batch's transaction. */
    private readonly rowServices: (db: Knex) => RowServices,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async dryRun(
    tenantId: string,
    file: ImportFile,
    rows: readonly ParsedRow[],
    actor: Actor,
  ): Promise<{ import: ImportRecord; rows: RowOutcome[] }> {
    const plan = await this.plan(tenantId, rows, file.strict);
    const record = await this.store.insert(
      {
        tenantId,
        createdBy: actorName(actor),
        fileName: file.fileName,
        format: file.format,
        strict: file.strict,
        status: 'validated',
        totalRows: rows.length,
        invalidRows: plan.summary.invalid,
        summary: plan.summary,
      },
      plan.rows.map((outcome, i) => ({
        line: outcome.line,
        email: outcome.email,
        input: outcome.status === 'valid' ? (rows[i]?.input ?? null) : null,
        outcome,
        status: outcome.status === 'valid' ? 'pending' : 'invalid',
      })),
    );
    return { import: record, rows: plan.rows };
  }

  async get(tenantId: string, id: string): Promise<ImportRecord> {
    const record = isUuid(id) ? await this.store.find(tenantId, id) : null;
    if (!record) throw notFound('Import', id);
    return record;
  }

  /** A page of the tenant's imports, newest first. */
  list(tenantId: string, limit: number, before?: { createdAt: string; id: string }): Promise<ImportRecord[]> {
    return this.store.list(tenantId, limit, before);
  }

  /** Queues the import's valid rows for the apply-imports job; an import is applied once. */
  async requestApply(tenantId: string, id: string, actor: Actor): Promise<ImportRecord> {
    const record = isUuid(id) ? await this.store.find(tenantId, id, { forUpdate: true }) : null;
    if (!record) throw notFound('Import', id);
    if (record.status !== 'validated')
      throw new DomainError('import.invalid_state', `Import ${id} is already ${record.status}`);
    await this.store.markApplying(id, actorName(actor));
    await this.events.append({
      tenantId,
      actor: { ...actor, importId: id },
      action: 'import.apply_requested',
      entityType: 'import',
      entityId: id,
      after: { rows: record.totalRows - record.invalidRows, fileName: record.fileName },
    });
    return this.get(tenantId, id);
  }

  /** The import's rows in file order, a page at a time (for the result file). */
  rows(importId: string, afterLine: number, limit: number): Promise<StoredRow[]> {
    return this.store.rows(importId, afterLine, limit);
  }

  /**
   * Applies the next batch of pending rows of one import, in the caller's transaction. The rows are planned again
   * against the tenant as it is now (a number taken or a seat sold since the dry run is seen), then each valid row
   * is applied in a savepoint. Returns the rows handled (0: nothing pending anywhere).
   */
  async applyBatch(limit: number): Promise<number> {
    const claimed = await this.store.claimPending(limit);
    const first = claimed[0];
    if (!first) return 0;
    const record = (await this.store.findClaimed(first.importId))!;
    const actor: Actor = { ...parseActor(record.appliedBy ?? record.createdBy), importId: record.id };
    const parsed: ParsedRow[] = claimed.map((row) => ({
      line: row.line,
      email: row.email,
      input: row.input ? importRowInputSchema.parse(row.input) : null,
      errors: [],
    }));
    const facts = await this.facts(record.tenantId, parsed);
    const plan = planImport(parsed, facts, record.strict);
    const groupIds = new Map([...facts.groups.entries()].map(([name, g]) => [name, g.id]));
    // One set of services for the whole batch, so what they keep for a transaction's life (the tenant's outbox
    // destinations, products, tracks and license settings) is read once per batch rather than once per row. Each
    // row runs in its own savepoint of the batch's transaction; nothing they keep is written by a row.
    const services = this.rowServices(this.db);
    const results: Array<{ line: number; status: RowStatus; outcome: RowOutcome }> = [];
    for (const [i, planned] of plan.rows.entries()) {
      const input = parsed[i]?.input;
      if (planned.status !== 'valid' || !input) {
        results.push({ line: planned.line, status: 'failed', outcome: { ...planned, status: 'failed' } });
        continue;
      }
      await this.db.raw('SAVEPOINT import_row');
      try {
        const outcome = await applyRow(
          services,
          record.tenantId,
          input,
          planned,
          groupIds,
          facts.defaults,
          actor,
        );
        await this.db.raw('RELEASE SAVEPOINT import_row');
        results.push({ line: planned.line, status: 'applied', outcome });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await this.db.raw('ROLLBACK TO SAVEPOINT import_row');
        const failed: RowOutcome = {
          ...planned,
          status: 'failed',
          errors: [{ column: null, code: error.code, message: error.message }],
        };
        results.push({ line: planned.line, status: 'failed', outcome: failed });
      }
    }
    await this.store.saveOutcomes(record.id, results);
    const completed = await this.store.completeIfDone(record.id);
    if (completed)
      await this.events.append({
        tenantId: record.tenantId,
        actor,
        action: 'import.completed',
        entityType: 'import',
        entityId: record.id,
        after: { rowsDone: completed.rowsDone, rowsFailed: completed.rowsFailed },
      });
    return claimed.length;
  }

  private async tenantOf(importId: string): Promise<string> {
    const row = (await this.db('imports').where({ id: importId }).first('tenant_id')) as {
      tenant_id: string;
    };
    return row.tenant_id;
  }

  private async plan(tenantId: string, rows: readonly ParsedRow[], strict: boolean): Promise<ImportPlan> {
    return planImport(rows, await this.facts(tenantId, rows), strict);
  }

  /** Reads, once for all the rows, everything their plan decides on. */
  private async facts(tenantId: string, rows: readonly ParsedRow[]): Promise<ImportFacts> {
    const now = this.clock();
    const inputs = rows.flatMap((r) => (r.input ? [{ line: r.line, input: r.input }] : []));
    const tenant = await this.tenants.get(tenantId);
    const defaults = { country: tenant.defaultCountry, language: tenant.defaultLanguage };
    const users = await this.store.existingUsers(tenantId, [
      ...new Set(inputs.map((r) => r.input.email.toLowerCase())),
    ]);
    const numbers = await this.store.poolNumbers(
      tenantId,
      inputs.flatMap((r) => [r.input.mobileNumber, r.input.fixedNumber]).filter((n): n is string => !!n),
    );
    const groups = await this.store.groupsByName(tenantId, [
      ...new Set(inputs.flatMap((r) => r.input.groups)),
    ]);
    const productList = await this.catalog.listProducts(tenantId);
    const products = new Map(productList.map((p) => [p.key.toLowerCase(), p]));
    const tracks = new Map((await this.catalog.listTracks(tenantId)).map((t) => [t.key, t]));

    // Free seats now, and on every activation date in the file (one inventory read per distinct day).
    const seats = new Map<string, number>();
    for (const line of await this.seats.inventory(tenantId))
      seats.set(seatKey(line.productId, null), line.availableNow);
    const days = new Set(
      inputs
        .map((r) => r.input.activationDate)
        .filter((d): d is string => !!d && new Date(d) > now)
        .map((d) => d.slice(0, 10)),
    );
    for (const day of days) {
      const on = new Date(`${day}T00:00:00.000Z`);
      for (const line of await this.seats.inventory(tenantId, { on: on > now ? on : now }))
        seats.set(seatKey(line.productId, on), line.on?.available ?? 0);
    }

    const rules = (await this.rules.active(tenantId)).filter((r) => r.groupId !== null);
    const ruleSelects = new Set<string>();
    for (const rule of rules.filter((r) => r.filter)) {
      const candidates = inputs
        .filter((r) => r.input.groups.some((name) => groups.get(name.toLowerCase())?.id === rule.groupId))
        .map((r) => {
          const existing = users.get(r.input.email.toLowerCase());
          return {
            line: r.line,
            userName: r.input.email,
            active: existing?.active ?? true,
            profile: planProfile(r.input, existing?.profile ?? null, defaults).next,
          };
        });
      for (const line of await this.store.filterSelects(candidates, compileRuleFilter(rule.filter!)))
        ruleSelects.add(`${line}|${rule.id}`);
    }
    return { now, defaults, users, numbers, products, tracks, groups, seats, rules, ruleSelects };
  }
}

const actorName = (actor: Actor) => (actor.id ? `${actor.type}:${actor.id}` : actor.type);
function parseActor(name: string): Actor {
  const [type, ...rest] = name.split(':');
  return { type: (type ?? 'system') as Actor['type'], ...(rest.length > 0 ? { id: rest.join(':') } : {}) };
}
