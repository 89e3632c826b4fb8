import type { Knex } from 'knex';
import type { z } from 'zod';
import { isUniqueViolation } from '../../db/database-errors.js';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { EventActionOf } from '../events/event-actions.js';
import type { Actor, EventLog } from '../events/event-log.js';
import type { NumberReactions } from '../reactions.js';
import { addDays, licenseSettings } from '../seats/license-settings.js';
import type { MultiValue } from '../users/user.js';
import type { UserService } from '../users/user-service.js';
import {
  acquireSchema,
  numberRangeSchema,
  portInSchema,
  type AcquireInput,
  type NumberRangeInput,
  type NumberStatus,
  type PhoneNumber,
  type PortInInput,
  type PortOrder,
} from './number.js';
import { validateNumber, type NumberKind } from './numbering-plan.js';

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

/** The contact-details type a number of each kind is shown under. */
const profileType: Record<NumberKind, string> = { fixed: 'work', mobile: 'mobile' };

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new DomainError(
      'invalid_value',
      result.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '),
    );
  }
  return result.data;
}

/**
 * The tenant's phone-number pool: acquire from the provider's ranges, port in, reserve, assign to a user (which
 * puts the number in their contact details), release into quarantine. Each change takes the number's row lock
 * and records an event in the caller's transaction.
 */
export class NumberService {
  constructor(
    private readonly db: Knex,
    private readonly events: EventLog,
    private readonly users: UserService,
    private readonly reactions: NumberReactions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Operator data: a block of the provider's numbers that tenants acquire from. */
  async addRange(input: NumberRangeInput): Promise<string> {
    const data = parse(numberRangeSchema, input);
    const first = validateNumber(data.first, data.kind, data.country).slice(1);
    const last = validateNumber(data.last, data.kind, data.country).slice(1);
    if (BigInt(first) > BigInt(last))
      throw new DomainError('number.invalid', 'The range ends before it starts');
    const [row] = await this.db('number_ranges')
      .insert({
        country: data.country,
        kind: data.kind,
        first_number: first,
        last_number: last,
        next_number: first,
      })
      .returning('id');
    return (row as { id: string }).id;
  }

  /**
   * Takes `quantity` new numbers from the provider's ranges into the tenant's pool, as available. The range row
   * lock serialises tenants acquiring from one range; the global unique index on e164 is the backstop.
   */
  async acquire(tenantId: string, input: AcquireInput, actor: Actor): Promise<PhoneNumber[]> {
    const data = parse(acquireSchema, input);
    const acquired: PhoneNumber[] = [];
    const ranges: Array<{ id: string; next_number: string; last_number: string }> = await this.db(
      'number_ranges',
    )
      .where({ country: data.country, kind: data.kind })
      .whereRaw('next_number <= last_number')
      .orderBy(['first_number', 'id'])
      .forUpdate();
    for (const range of ranges) {
      let next = BigInt(range.next_number);
      const last = BigInt(range.last_number);
      while (acquired.length < data.quantity && next <= last) {
        const e164 = `+${next}`;
        next += 1n;
        const taken = await this.db('phone_numbers').where({ e164 }).first('id');
        if (taken) continue;
        const [row] = await this.db('phone_numbers')
          .insert({
            tenant_id: tenantId,
            e164,
            kind: data.kind,
            country: data.country,
            status: 'available',
            origin: 'provider',
          })
          .returning('*');
        acquired.push(toNumber(row));
      }
      await this.db('number_ranges').where({ id: range.id }).update({ next_number: next.toString() });
      if (acquired.length === data.quantity) break;
    }
    if (acquired.length < data.quantity) {
      throw new DomainError(
        'number.unavailable',
        `The provider has only ${acquired.length} free ${data.kind} numbers in ${data.country}`,
      );
    }
    await this.events.appendMany(
      acquired.map((n) => ({
        tenantId,
        actor,
        action: 'number.acquired',
        entityType: 'phone_number' as const,
        entityId: n.id,
        after: n,
      })),
    );
    return acquired;
  }

  /** Starts a port-in: the number enters the pool as `porting` until the order completes. */
  async portIn(
    tenantId: string,
    input: PortInInput,
    actor: Actor,
  ): Promise<{ order: PortOrder; number: PhoneNumber }> {
    const data = parse(portInSchema, input);
    const e164 = validateNumber(data.number, data.kind, data.country);
    let number: PhoneNumber;
    try {
      const [row] = await this.db('phone_numbers')
        .insert({
          tenant_id: tenantId,
          e164,
          kind: data.kind,
          country: data.country,
          status: 'porting',
          origin: 'port_in',
        })
        .returning('*');
      number = toNumber(row);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('number.unavailable', `${e164} is already in a pool`);
      throw error;
    }
    const [orderRow] = await this.db('port_orders')
      .insert({
        tenant_id: tenantId,
        e164,
        kind: data.kind,
        country: data.country,
        losing_operator: data.losingOperator,
        state: 'submitted',
      })
      .returning('*');
    const order = toPortOrder(orderRow);
    await this.events.append({
      tenantId,
      actor,
      action: 'port_order.submitted',
      entityType: 'port_order',
      entityId: order.id,
      after: order,
    });
    return { order, number };
  }

  /** The losing operator accepted: the number moves on `portAt` (the progress job completes it then). */
  async confirmPortOrder(tenantId: string, orderId: string, portAt: Date, actor: Actor): Promise<PortOrder> {
    return this.movePortOrder(
      tenantId,
      orderId,
      ['submitted', 'confirmed'],
      { state: 'confirmed', port_at: portAt },
      actor,
    );
  }

  async rejectPortOrder(tenantId: string, orderId: string, reason: string, actor: Actor): Promise<PortOrder> {
    const order = await this.movePortOrder(
      tenantId,
      orderId,
      ['submitted', 'confirmed'],
      { state: 'rejected', reject_reason: reason },
      actor,
    );
    await this.dropPortingNumber(tenantId, order.e164);
    return order;
  }

  async cancelPortOrder(tenantId: string, orderId: string, actor: Actor): Promise<PortOrder> {
    const order = await this.movePortOrder(
      tenantId,
      orderId,
      ['submitted', 'confirmed'],
      { state: 'cancelled' },
      actor,
    );
    await this.dropPortingNumber(tenantId, order.e164);
    return order;
  }

  /** Completes confirmed port orders whose date has come (all tenants); the number becomes reserved. */
  async progressPortOrders(options: { now?: Date; limit?: number } = {}): Promise<number> {
    const now = options.now ?? this.clock();
    const due: PortOrderRow[] = await this.db('port_orders')
      .where({ state: 'confirmed' })
      .where('port_at', '<=', now)
      .orderBy('port_at')
      .limit(options.limit ?? 100)
      .forUpdate()
      .skipLocked();
    const actor: Actor = { type: 'job', id: 'port-order-progress' };
    for (const row of due) {
      const before = toPortOrder(row);
      const [updated] = await this.db('port_orders')
        .where({ id: row.id })
        .update({ state: 'completed', updated_at: now })
        .returning('*');
      await this.db('phone_numbers')
        .where({ tenant_id: row.tenant_id, e164: row.e164, status: 'porting' })
        .update({ status: 'reserved', version: this.db.raw('version + 1'), updated_at: now });
      await this.events.append({
        tenantId: row.tenant_id,
        actor,
        action: 'port_order.completed',
        entityType: 'port_order',
        entityId: row.id,
        before,
        after: toPortOrder(updated),
      });
    }
    return due.length;
  }

  async reserve(tenantId: string, idOrE164: string, actor: Actor): Promise<PhoneNumber> {
    return this.transition(
      tenantId,
      idOrE164,
      ['available'],
      { status: 'reserved' },
      'number.reserved',
      actor,
    );
  }

  /** Assigns a pool number to a user and puts it in their contact details (profile.phoneNumbers). */
  async assign(tenantId: string, idOrE164: string, userId: string, actor: Actor): Promise<PhoneNumber> {
    const user = await this.users.get(tenantId, userId, false);
    const current = await this.lock(tenantId, idOrE164);
    if (current.status === 'assigned' && current.userId === user.id) return current;
    const number = await this.transition(
      tenantId,
      current.id,
      ['available', 'reserved'],
      { status: 'assigned', user_id: user.id },
      'number.assigned',
      actor,
    );
    await this.users.modify(
      tenantId,
      user.id,
      (u) => {
        const phones: MultiValue[] = (u.profile.phoneNumbers ?? []).filter((p) => p.value !== number.e164);
        phones.push({ value: number.e164, type: profileType[number.kind] });
        return {
          userName: u.userName,
          externalId: u.externalId,
          active: u.active,
          profile: { ...u.profile, phoneNumbers: phones },
        };
      },
      actor,
      undefined,
    );
    await this.reactions.userNumbersChanged(tenantId, user.id, actor);
    return number;
  }

  /** Picks a free number of `kind` in the user's country (reserved ones first: they were set aside for users). */
  async pickFor(
    tenantId: string,
    userId: string,
    kind: NumberKind,
    country: string,
    actor: Actor,
  ): Promise<PhoneNumber> {
    const row = await this.db('phone_numbers')
      .where({ tenant_id: tenantId, kind, country })
      .whereIn('status', ['reserved', 'available'])
      .orderByRaw("status = 'reserved' DESC, e164")
      .forUpdate()
      .skipLocked()
      .first('id');
    if (!row)
      throw new DomainError(
        'number.unavailable',
        `No free ${kind} number in ${country} in the pool: acquire or port one first`,
      );
    return this.assign(tenantId, (row as { id: string }).id, userId, actor);
  }

  /** Releases a number into quarantine and takes it out of its user's contact details. */
  async release(tenantId: string, idOrE164: string, actor: Actor): Promise<PhoneNumber> {
    const current = await this.lock(tenantId, idOrE164);
    const { numberQuarantineDays } = await licenseSettings(this.db, tenantId);
    const number = await this.transition(
      tenantId,
      current.id,
      ['available', 'reserved', 'assigned'],
      { status: 'quarantine', user_id: null, quarantine_until: addDays(this.clock(), numberQuarantineDays) },
      'number.released',
      actor,
    );
    if (current.userId) {
      await this.users.modify(
        tenantId,
        current.userId,
        (u) => ({
          userName: u.userName,
          externalId: u.externalId,
          active: u.active,
          profile: {
            ...u.profile,
            phoneNumbers: (u.profile.phoneNumbers ?? []).filter((p) => p.value !== current.e164),
          },
        }),
        actor,
        undefined,
      );
    }
    return number;
  }

  /** Releases every number of `kinds` assigned to the user (their last license needing them was removed). */
  async releaseUserNumbers(
    tenantId: string,
    userId: string,
    kinds: NumberKind[],
    actor: Actor,
  ): Promise<number> {
    if (kinds.length === 0) return 0;
    const rows: Array<{ id: string }> = await this.db('phone_numbers')
      .where({ tenant_id: tenantId, user_id: userId, status: 'assigned' })
      .whereIn('kind', kinds)
      .select('id');
    for (const r of rows) await this.release(tenantId, r.id, actor);
    return rows.length;
  }

  /** Quarantined numbers whose rest is over become available again (all tenants). */
  async expireQuarantine(options: { now?: Date; limit?: number } = {}): Promise<number> {
    const now = options.now ?? this.clock();
    const rows: NumberRow[] = await this.db('phone_numbers')
      .where({ status: 'quarantine' })
      .where('quarantine_until', '<=', now)
      .limit(options.limit ?? 500)
      .forUpdate()
      .skipLocked();
    const actor: Actor = { type: 'job', id: 'number-quarantine-expiry' };
    for (const row of rows) {
      const [updated] = await this.db('phone_numbers')
        .where({ id: row.id })
        .update({
          status: 'available',
          quarantine_until: null,
          version: this.db.raw('version + 1'),
          updated_at: now,
        })
        .returning('*');
      await this.events.append({
        tenantId: row.tenant_id,
        actor,
        action: 'number.available',
        entityType: 'phone_number',
        entityId: row.id,
        before: toNumber(row),
        after: toNumber(updated),
      });
    }
    return rows.length;
  }

  async list(
    tenantId: string,
    filter: { status?: NumberStatus; kind?: NumberKind; userId?: string } = {},
  ): Promise<PhoneNumber[]> {
    const q = this.db('phone_numbers').where({ tenant_id: tenantId }).orderBy('e164');
    if (filter.status) q.where({ status: filter.status });
    if (filter.kind) q.where({ kind: filter.kind });
    if (filter.userId) q.where({ user_id: filter.userId });
    return (await q).map(toNumber);
  }

  async get(tenantId: string, idOrE164: string): Promise<PhoneNumber> {
    const row = await this.db('phone_numbers')
      .where({ tenant_id: tenantId })
      .where(isUuid(idOrE164) ? { id: idOrE164 } : { e164: idOrE164 })
      .first();
    if (!row) throw notFound('Phone number', idOrE164);
    return toNumber(row);
  }

  async getPortOrder(tenantId: string, orderId: string): Promise<PortOrder> {
    const row = isUuid(orderId)
      ? await this.db('port_orders').where({ tenant_id: tenantId, id: orderId }).first()
      : undefined;
    if (!row) throw notFound('Port order', orderId);
    return toPortOrder(row);
  }

  async listPortOrders(tenantId: string): Promise<PortOrder[]> {
    return (
      await this.db('port_orders')
        .where({ tenant_id: tenantId })
        .orderBy([{ column: 'created_at' }, { column: 'id' }])
    ).map(toPortOrder);
  }

  private async lock(tenantId: string, idOrE164: string): Promise<PhoneNumber> {
    const row = await this.db('phone_numbers')
      .where({ tenant_id: tenantId })
      .where(isUuid(idOrE164) ? { id: idOrE164 } : { e164: idOrE164 })
      .forUpdate()
      .first();
    if (!row) throw notFound('Phone number', idOrE164);
    return toNumber(row);
  }

  private async transition(
    tenantId: string,
    idOrE164: string,
    from: NumberStatus[],
    values: Record<string, unknown>,
    action: EventActionOf<'phone_number'>,
    actor: Actor,
  ): Promise<PhoneNumber> {
    const before = await this.lock(tenantId, idOrE164);
    if (!from.includes(before.status)) {
      throw new DomainError(
        'number.invalid_state',
        `${before.e164} is ${before.status}; this needs it ${from.join(' or ')}`,
      );
    }
    const [row] = await this.db('phone_numbers')
      .where({ id: before.id })
      .update({ ...values, version: this.db.raw('version + 1'), updated_at: this.clock() })
      .returning('*');
    const after = toNumber(row);
    await this.events.append({
      tenantId,
      actor,
      action,
      entityType: 'phone_number',
      entityId: before.id,
      before,
      after,
    });
    return after;
  }

  private async movePortOrder(
    tenantId: string,
    orderId: string,
    from: PortOrder['state'][],
    values: Record<string, unknown>,
    actor: Actor,
  ): Promise<PortOrder> {
    const row = isUuid(orderId)
      ? await this.db('port_orders').where({ tenant_id: tenantId, id: orderId }).forUpdate().first()
      : undefined;
    if (!row) throw notFound('Port order', orderId);
    const before = toPortOrder(row);
    if (!from.includes(before.state))
      throw new DomainError('port_order.invalid_state', `Port order ${orderId} is ${before.state}`);
    const [updated] = await this.db('port_orders')
      .where({ id: before.id })
      .update({ ...values, updated_at: this.clock() })
      .returning('*');
    const after = toPortOrder(updated);
    await this.events.append({
      tenantId,
      actor,
      action: `port_order.${after.state}`,
      entityType: 'port_order',
      entityId: before.id,
      before,
      after,
    });
    return after;
  }

  /** A port that will not happen leaves nothing in the pool: the number was never ours. */
  private async dropPortingNumber(tenantId: string, e164: string): Promise<void> {
    await this.db('phone_numbers').where({ tenant_id: tenantId, e164, status: 'porting' }).delete();
  }
}
