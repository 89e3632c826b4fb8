import type { z } from 'zod';
import { isUniqueViolation } from '../../db/database-errors.js';
import { DomainError, invalidInput, notFound } from '../../domain-error.js';
import type { EventActionOf } from '../events/event-actions.js';
import type { Actor, EventLog } from '../events/event-log.js';
import type { NumberReactions } from '../reactions.js';
import { addDays, type LicenseSettings } from '../seats/license-settings.js';
import type { WritePolicy } from '../users/contact-numbers.js';
import type { MultiValue } from '../users/user.js';
import type { UserService } from '../users/user-service.js';
import {
  acquireSchema,
  numberRangeSchema,
  portInSchema,
  type AcquireInput,
  type NumberFilter,
  type NumberRangeInput,
  type NumberStatus,
  type PhoneNumber,
  type PortInInput,
  type PortOrder,
} from './number.js';
import type { NumberChange, NumberStore, PortOrderChange } from './number-store.js';
import { validateNumber, type NumberKind } from './numbering-plan.js';
import { compactNumber, type Holder } from './contact-number-ownership.js';

/** The contact-details type a number of each kind is shown under. */
const profileType: Record<NumberKind, string> = { fixed: 'work', mobile: 'mobile' };

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput('invalid_value', result.error.issues);
  return result.data;
}

/**
 * The tenant's phone-number pool: acquire from the provider's ranges, port in, reserve, assign to a user (which
 * puts the number in their contact details), release into quarantine. Each change takes the number's row lock
 * and records an event in the caller's transaction.
 */
export class NumberService {
  constructor(
    private readonly store: NumberStore,
    private readonly events: EventLog,
    private readonly users: UserService,
    private readonly reactions: NumberReactions,
    private readonly readSettings: (tenantId: string) => Promise<LicenseSettings>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Operator data: a block of the provider's numbers that tenants acquire from. */
  async addRange(input: NumberRangeInput): Promise<string> {
    const data = parse(numberRangeSchema, input);
    const first = validateNumber(data.first, data.kind, data.country).slice(1);
    const last = validateNumber(data.last, data.kind, data.country).slice(1);
    if (BigInt(first) > BigInt(last))
      throw new DomainError('number.invalid', 'The range ends before it starts');
    return this.store.insertRange({ country: data.country, kind: data.kind, first, last });
  }

  /**
   * Takes `quantity` new numbers from the provider's ranges into the tenant's pool, as available. The range row
   * lock serialises tenants acquiring from one range; the global unique index on e164 is the backstop.
   */
  async acquire(tenantId: string, input: AcquireInput, actor: Actor): Promise<PhoneNumber[]> {
    const data = parse(acquireSchema, input);
    const acquired: PhoneNumber[] = [];
    for (const range of await this.store.lockRangesWithFree(data.country, data.kind)) {
      let next = range.next;
      while (acquired.length < data.quantity && next <= range.last) {
        const e164 = `+${next}`;
        next += 1n;
        if (await this.store.exists(e164)) continue;
        acquired.push(
          await this.store.insert({
            tenantId,
            e164,
            kind: data.kind,
            country: data.country,
            status: 'available',
            origin: 'provider',
          }),
        );
      }
      await this.store.advanceRange(range.id, next);
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
      number = await this.store.insert({
        tenantId,
        e164,
        kind: data.kind,
        country: data.country,
        status: 'porting',
        origin: 'port_in',
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('number.unavailable', `${e164} is already in a pool`);
      throw error;
    }
    const order = await this.store.insertPortOrder({
      tenantId,
      e164,
      kind: data.kind,
      country: data.country,
      losingOperator: data.losingOperator,
    });
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
    const due = await this.store.claimDuePortOrders(now, options.limit ?? 100);
    const actor: Actor = { type: 'job', id: 'port-order-progress' };
    for (const before of due) {
      const after = await this.store.updatePortOrder(before.id, { state: 'completed' }, now);
      await this.store.reservePorted(before.tenantId, before.e164, now);
      await this.events.append({
        tenantId: before.tenantId,
        actor,
        action: 'port_order.completed',
        entityType: 'port_order',
        entityId: before.id,
        before,
        after,
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
      current,
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

  /** Picks an available provider number of `kind` in the user's country (never a reserved or ported-in one). */
  async pickFor(
    tenantId: string,
    userId: string,
    kind: NumberKind,
    country: string,
    actor: Actor,
  ): Promise<PhoneNumber> {
    const id = await this.store.claimFree(tenantId, kind, country);
    if (!id)
      throw new DomainError(
        'number.unavailable',
        `No available ${kind} number in ${country} in the pool (reserved and ported-in numbers are taken only when named): acquire one, or assign a reserved one explicitly`,
      );
    return this.assign(tenantId, id, userId, actor);
  }

  /**
   * Releases a number into quarantine and takes it out of its user's contact details. Running licenses of the user
   * that needed it are refused (`brokenLicenses: 'refuse'`, the admin API's default) or go to grace with it.
   */
  async release(
    tenantId: string,
    idOrE164: string,
    actor: Actor,
    brokenLicenses: WritePolicy['brokenLicenses'] = 'grace',
  ): Promise<PhoneNumber> {
    const { before, after } = await this.releaseNumber(tenantId, idOrE164, actor);
    if (before.userId)
      await this.reactions.userNumbersReleased(tenantId, before.userId, [before.kind], brokenLicenses, actor);
    return after;
  }

  /** Quarantines the number and takes it out of its user's contact details, without asking licensing. */
  private async releaseNumber(
    tenantId: string,
    idOrE164: string,
    actor: Actor,
  ): Promise<{ before: PhoneNumber; after: PhoneNumber }> {
    const current = await this.lock(tenantId, idOrE164);
    const { numberQuarantineDays } = await this.readSettings(tenantId);
    const number = await this.transition(
      tenantId,
      current,
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
    return { before: current, after: number };
  }

  /** Releases every number of `kinds` assigned to the user (their last license needing them was removed). */
  async releaseUserNumbers(
    tenantId: string,
    userId: string,
    kinds: NumberKind[],
    actor: Actor,
  ): Promise<number> {
    if (kinds.length === 0) return 0;
    const ids = await this.store.assignedTo(tenantId, userId, kinds);
    // No license of the user needs these kinds any more (the caller's decision): nothing for licensing to check.
    for (const id of ids) await this.releaseNumber(tenantId, id, actor);
    return ids.length;
  }

  /** Quarantined numbers whose rest is over become available again (all tenants). */
  async expireQuarantine(options: { now?: Date; limit?: number } = {}): Promise<number> {
    const now = options.now ?? this.clock();
    const rows = await this.store.claimQuarantineEnded(now, options.limit ?? 500);
    const actor: Actor = { type: 'job', id: 'number-quarantine-expiry' };
    for (const before of rows) {
      const after = await this.store.update(before.id, { status: 'available', quarantine_until: null }, now);
      await this.events.append({
        tenantId: before.tenantId,
        actor,
        action: 'number.available',
        entityType: 'phone_number',
        entityId: before.id,
        before,
        after,
      });
    }
    return rows.length;
  }

  /**
   * The user's contact phone numbers that are not their pool numbers (the IdP or directory put them there): plain
   * contact data that satisfies no requirement, each with who holds it.
   */
  async contactConflicts(
    tenantId: string,
    userId: string,
    phones: readonly MultiValue[],
  ): Promise<Array<{ value: string; type: string | null; holder: Exclude<Holder, 'user'> }>> {
    const typed = phones
      .map((p) => ({ phone: p, e164: compactNumber(p.value) }))
      .filter((p) => typeof p.phone.value === 'string');
    const e164s = typed.map((p) => p.e164).filter((e): e is string => e !== null);
    const holders =
      e164s.length > 0 ? await this.store.holders(tenantId, e164s) : new Map<string, string | null>();
    const out: Array<{ value: string; type: string | null; holder: Exclude<Holder, 'user'> }> = [];
    for (const { phone, e164 } of typed) {
      const h = e164 === null ? undefined : holders.get(e164);
      if (h === userId) continue;
      out.push({
        value: String(phone.value),
        type: typeof phone.type === 'string' ? phone.type : null,
        holder: h === undefined ? 'not_tenant' : h === null ? 'pool' : 'other_user',
      });
    }
    return out;
  }

  async list(
    tenantId: string,
    filter: NumberFilter = {},
    page?: { after?: string | undefined; limit: number },
  ): Promise<PhoneNumber[]> {
    return this.store.list(tenantId, filter, page);
  }

  async get(tenantId: string, idOrE164: string): Promise<PhoneNumber> {
    const number = await this.store.find(tenantId, idOrE164);
    if (!number) throw notFound('Phone number', idOrE164);
    return number;
  }

  async getPortOrder(tenantId: string, orderId: string): Promise<PortOrder> {
    const order = await this.store.findPortOrder(tenantId, orderId);
    if (!order) throw notFound('Port order', orderId);
    return order;
  }

  async listPortOrders(tenantId: string): Promise<PortOrder[]> {
    return this.store.listPortOrders(tenantId);
  }

  private async lock(tenantId: string, idOrE164: string): Promise<PhoneNumber> {
    const number = await this.store.lock(tenantId, idOrE164);
    if (!number) throw notFound('Phone number', idOrE164);
    return number;
  }

  /** `number`: the number, or the number as this transaction just locked it (not locked again). */
  private async transition(
    tenantId: string,
    number: string | PhoneNumber,
    from: NumberStatus[],
    change: NumberChange,
    action: EventActionOf<'phone_number'>,
    actor: Actor,
  ): Promise<PhoneNumber> {
    const before = typeof number === 'string' ? await this.lock(tenantId, number) : number;
    if (!from.includes(before.status)) {
      throw new DomainError(
        'number.invalid_state',
        `${before.e164} is ${before.status}; this needs it ${from.join(' or ')}`,
      );
    }
    // The change and its event in one statement: the event's `after` is `before` with the change applied, as the
    // row will read back, so it need not wait for the row.
    const after: PhoneNumber = {
      ...before,
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.user_id !== undefined ? { userId: change.user_id } : {}),
      ...(change.quarantine_until !== undefined ? { quarantineUntil: change.quarantine_until } : {}),
      version: before.version + 1,
    };
    const update = this.store.updateStatement(before.id, change, this.clock());
    const stored = await this.events.appendWith<object>(update.statement, [
      { tenantId, actor, action, entityType: 'phone_number', entityId: before.id, before, after },
    ]);
    if (!stored) throw new Error(`Phone number ${before.id} was not updated`);
    return update.read(stored);
  }

  private async movePortOrder(
    tenantId: string,
    orderId: string,
    from: PortOrder['state'][],
    change: PortOrderChange,
    actor: Actor,
  ): Promise<PortOrder> {
    const before = await this.store.lockPortOrder(tenantId, orderId);
    if (!before) throw notFound('Port order', orderId);
    if (!from.includes(before.state))
      throw new DomainError('port_order.invalid_state', `Port order ${orderId} is ${before.state}`);
    const after = await this.store.updatePortOrder(before.id, change, this.clock());
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
    await this.store.deletePorting(tenantId, e164);
  }
}
