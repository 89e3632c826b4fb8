import type { Knex } from 'knex';
import type { SqlText } from '../../db/prepared-reads.js';
import { isUuid } from '../../lib/uuid.js';
import type { NumberFilter, NumberStatus, PhoneNumber, PortOrder } from './number.js';
import type { NumberKind } from './numbering-plan.js';

interface NumberRow {
  id: string;
  tenant_id: string;
  e164: string;
  kind: NumberKind;
  country: string;
  status: NumberStatus;
  origin: 'provider' | 'port_in';
  user_id: string | null;
  quarantine_until: Date | null;
  version: number;
}

interface PortOrderRow {
  id: string;
  tenant_id: string;
  e164: string;
  kind: NumberKind;
  country: string;
  losing_operator: string;
  state: PortOrder['state'];
  port_at: Date | null;
  reject_reason: string | null;
  created_at: Date;
}

const toNumber = (r: NumberRow): PhoneNumber => ({
  id: r.id,
  tenantId: r.tenant_id,
  e164: r.e164,
  kind: r.kind,
  country: r.country,
  status: r.status,
  origin: r.origin,
  userId: r.user_id,
  quarantineUntil: r.quarantine_until,
  version: r.version,
});

const toPortOrder = (r: PortOrderRow): PortOrder => ({
  id: r.id,
  tenantId: r.tenant_id,
  e164: r.e164,
  kind: r.kind,
  country: r.country,
  losingOperator: r.losing_operator,
  state: r.state,
  portAt: r.port_at,
  rejectReason: r.reject_reason,
  createdAt: r.created_at,
});

/** What a number's state change may set. */
export type NumberChange = Partial<{
  status: NumberStatus;
  user_id: string | null;
  quarantine_until: Date | null;
}>;

/** What a port order's state change may set. */
export type PortOrderChange = Partial<{ state: PortOrder['state']; port_at: Date; reject_reason: string }>;

export interface NumberRange {
  id: string;
  next: bigint;
  last: bigint;
}

/** The one writer of `phone_numbers`, `number_ranges` and `port_orders`. */
export class NumberStore {
  constructor(private readonly db: Knex) {}

  // ---------------------------------------------------------------- provider ranges

  async insertRange(values: {
    country: string;
    kind: NumberKind;
    first: string;
    last: string;
  }): Promise<string> {
    const [row] = await this.db('number_ranges')
      .insert({
        country: values.country,
        kind: values.kind,
        first_number: values.first,
        last_number: values.last,
        next_number: values.first,
      })
      .returning('id');
    return (row as { id: string }).id;
  }

  /** The ranges of a country and kind with numbers left, locked (tenants acquiring from one range queue). */
  async lockRangesWithFree(country: string, kind: NumberKind): Promise<NumberRange[]> {
    const rows: Array<{ id: string; next_number: string; last_number: string }> = await this.db(
      'number_ranges',
    )
      .where({ country, kind })
      .whereRaw('next_number <= last_number')
      .orderBy(['first_number', 'id'])
      .forUpdate();
    return rows.map((r) => ({ id: r.id, next: BigInt(r.next_number), last: BigInt(r.last_number) }));
  }

  async advanceRange(id: string, next: bigint): Promise<void> {
    await this.db('number_ranges').where({ id }).update({ next_number: next.toString() });
  }

  // ---------------------------------------------------------------- numbers

  /** Whether the number is in any tenant's pool. */
  async exists(e164: string): Promise<boolean> {
    return Boolean(await this.db('phone_numbers').where({ e164 }).first('id'));
  }

  async insert(values: {
    tenantId: string;
    e164: string;
    kind: NumberKind;
    country: string;
    status: NumberStatus;
    origin: PhoneNumber['origin'];
  }): Promise<PhoneNumber> {
    const [row] = await this.db('phone_numbers')
      .insert({
        tenant_id: values.tenantId,
        e164: values.e164,
        kind: values.kind,
        country: values.country,
        status: values.status,
        origin: values.origin,
      })
      .returning('*');
    return toNumber(row);
  }

  async find(tenantId: string, idOrE164: string): Promise<PhoneNumber | undefined> {
    const row = await this.byIdOrE164(tenantId, idOrE164).first();
    return row ? toNumber(row) : undefined;
  }

  async lock(tenantId: string, idOrE164: string): Promise<PhoneNumber | undefined> {
    const row = await this.byIdOrE164(tenantId, idOrE164).forUpdate().first();
    return row ? toNumber(row) : undefined;
  }

  /** In number order; with `page`, only `limit` numbers after the number `after` (a keyset page). */
  async list(
    tenantId: string,
    filter: NumberFilter,
    page?: { after?: string | undefined; limit: number },
  ): Promise<PhoneNumber[]> {
    const q = this.db('phone_numbers').where({ tenant_id: tenantId }).orderBy('e164');
    if (filter.status) q.where({ status: filter.status });
    if (filter.kind) q.where({ kind: filter.kind });
    if (filter.country) q.where({ country: filter.country });
    if (filter.userId) q.where({ user_id: filter.userId });
    if (page?.after !== undefined) q.where('e164', '>', page.after);
    if (page) q.limit(page.limit);
    return (await q).map(toNumber);
  }

  /** An available provider number of `kind` in `country`, locked; numbers another request holds are skipped. */
  async claimFree(tenantId: string, kind: NumberKind, country: string): Promise<string | undefined> {
    const row = await this.db('phone_numbers')
      // Reserved numbers were set aside and ported-in ones are the customer's own: only an explicit choice
      // (POST /numbers/{id}/assign, or numbers named in an assign request) takes them.
      .where({ tenant_id: tenantId, kind, country, status: 'available', origin: 'provider' })
      .orderBy('e164')
      .forUpdate()
      .skipLocked()
      .first('id');
    return (row as { id: string } | undefined)?.id;
  }

  /** The user's assigned pool numbers (what their contact details must show). */
  async assignedNumbers(
    tenantId: string,
    userId: string,
  ): Promise<Array<{ e164: string; kind: NumberKind }>> {
    return this.db('phone_numbers')
      .where({ tenant_id: tenantId, user_id: userId, status: 'assigned' })
      .orderBy('e164')
      .select('e164', 'kind');
  }

  /** Of these numbers, the tenant's: e164 → the user it is assigned to, or null when it is not assigned. */
  async holders(tenantId: string, e164s: readonly string[]): Promise<Map<string, string | null>> {
    const rows: Array<{ e164: string; user_id: string | null; status: string }> = await this.db(
      'phone_numbers',
    )
      .where({ tenant_id: tenantId })
      .whereRaw('e164 = ANY(?::text[])', [[...e164s]])
      .select('e164', 'user_id', 'status');
    return new Map(rows.map((r) => [r.e164, r.status === 'assigned' ? r.user_id : null]));
  }

  /** The numbers of these kinds assigned to the user. */
  async assignedTo(tenantId: string, userId: string, kinds: readonly NumberKind[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db('phone_numbers')
      .where({ tenant_id: tenantId, user_id: userId, status: 'assigned' })
      .whereIn('kind', kinds)
      .select('id');
    return rows.map((r) => r.id);
  }

  /** Quarantined numbers whose rest is over (all tenants), claimed for this transaction. */
  async claimQuarantineEnded(now: Date, limit: number): Promise<PhoneNumber[]> {
    const rows: NumberRow[] = await this.db('phone_numbers')
      .where({ status: 'quarantine' })
      .where('quarantine_until', '<=', now)
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return rows.map(toNumber);
  }

  /**
   * The UPDATE of `update` as one statement for EventLog.appendWith, so the change and its event take one round
   * trip; `read` turns the returned row into the number.
   */
  updateStatement(
    id: string,
    change: NumberChange,
    now: Date,
  ): { statement: SqlText; read(row: object): PhoneNumber } {
    // In a fixed column order, so each kind of change is one statement shape (they are prepared).
    const set = (['status', 'user_id', 'quarantine_until'] as const).filter((c) => change[c] !== undefined);
    return {
      statement: {
        sql:
          `UPDATE phone_numbers SET ${set.map((c) => `${c} = ?, `).join('')}version = version + 1, updated_at = ?` +
          ' WHERE id = ? RETURNING *',
        bindings: [...set.map((c) => change[c] ?? null), now, id],
      },
      read: (row) => toNumber(row as NumberRow),
    };
  }

  async update(id: string, change: NumberChange, now: Date): Promise<PhoneNumber> {
    const [row] = await this.db('phone_numbers')
      .where({ id })
      .update({ ...change, version: this.db.raw('version + 1'), updated_at: now })
      .returning('*');
    return toNumber(row);
  }

  /** A completed port: the ported number becomes reserved. */
  async reservePorted(tenantId: string, e164: string, now: Date): Promise<void> {
    await this.db('phone_numbers')
      .where({ tenant_id: tenantId, e164, status: 'porting' })
      .update({ status: 'reserved', version: this.db.raw('version + 1'), updated_at: now });
  }

  async deletePorting(tenantId: string, e164: string): Promise<void> {
    await this.db('phone_numbers').where({ tenant_id: tenantId, e164, status: 'porting' }).delete();
  }

  // ---------------------------------------------------------------- port orders

  async insertPortOrder(values: {
    tenantId: string;
    e164: string;
    kind: NumberKind;
    country: string;
    losingOperator: string;
  }): Promise<PortOrder> {
    const [row] = await this.db('port_orders')
      .insert({
        tenant_id: values.tenantId,
        e164: values.e164,
        kind: values.kind,
        country: values.country,
        losing_operator: values.losingOperator,
        state: 'submitted',
      })
      .returning('*');
    return toPortOrder(row);
  }

  async findPortOrder(tenantId: string, id: string): Promise<PortOrder | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db('port_orders').where({ tenant_id: tenantId, id }).first();
    return row ? toPortOrder(row) : undefined;
  }

  async lockPortOrder(tenantId: string, id: string): Promise<PortOrder | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db('port_orders').where({ tenant_id: tenantId, id }).forUpdate().first();
    return row ? toPortOrder(row) : undefined;
  }

  async listPortOrders(tenantId: string): Promise<PortOrder[]> {
    return (
      await this.db('port_orders')
        .where({ tenant_id: tenantId })
        .orderBy([{ column: 'created_at' }, { column: 'id' }])
    ).map(toPortOrder);
  }

  /** Confirmed port orders whose date has come (all tenants), claimed for this transaction. */
  async claimDuePortOrders(now: Date, limit: number): Promise<PortOrder[]> {
    const rows: PortOrderRow[] = await this.db('port_orders')
      .where({ state: 'confirmed' })
      .where('port_at', '<=', now)
      .orderBy('port_at')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    return rows.map(toPortOrder);
  }

  async updatePortOrder(id: string, change: PortOrderChange, now: Date): Promise<PortOrder> {
    const [row] = await this.db('port_orders')
      .where({ id })
      .update({ ...change, updated_at: now })
      .returning('*');
    return toPortOrder(row);
  }

  private byIdOrE164(tenantId: string, idOrE164: string) {
    return this.db('phone_numbers')
      .where({ tenant_id: tenantId })
      .where(isUuid(idOrE164) ? { id: idOrE164 } : { e164: idOrE164 });
  }
}
