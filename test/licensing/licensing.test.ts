import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/container.js';
import { createTenant } from '../../src/operator.js';
import { activateDueAssignmentsJob } from '../../src/jobs/activate-due-assignments-job.js';
import { runLicensingJob } from '../../src/jobs/licensing-job.js';
import { admin, licensingFixture, type LicensingFixture } from './licensing-fixture.js';

// One database for the whole file (a migrated database costs seconds); scenarios that count seats take a
// tenant of their own with f.newTenant().
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

let f: LicensingFixture;
beforeAll(async () => {
  f = await licensingFixture();
});
afterAll(() => f.close());

async function heldOf(t: LicensingFixture, product: string): Promise<number> {
  const [line] = await t.app.container.services.seats.inventory(t.tenantId, {
    productId: (await t.app.container.services.catalog.getProduct(t.tenantId, product)).id,
  });
  return line!.held;
}

async function countActions(t: LicensingFixture, assignmentId: string, action: string): Promise<number> {
  return (await t.app.container.services.assignments.history(t.tenantId, assignmentId)).filter(
    (e) => e.action === action,
  ).length;
}

const assignOne = (
  t: LicensingFixture,
  userId: string,
  product: string,
  extra: Record<string, unknown> = {},
) =>
  t.tx(
    async (s) =>
      (await s.assignments.assign(t.tenantId, { userIds: [userId], product, ...extra }, admin))[0]!,
  );

describe('catalog', () => {
  it('creates the default catalog with every tenant', async () => {
    const products = await f.app.container.services.catalog.listProducts(f.tenantId);
    expect(products.map((p) => [p.trackKey, p.key])).toEqual([
      ['voice', 'basic'],
      ['voice', 'business-mobile'],
      ['mobile-data', 'unlimited-5g'],
      ['contact-centre', 'cc-pro'],
    ]);
    expect(Object.fromEntries(products.map((p) => [p.key, p.requirements.map((r) => r.kind)]))).toEqual({
      basic: ['fixed_number', 'emergency_address'],
      'business-mobile': ['fixed_number', 'mobile_number', 'emergency_address'],
      'unlimited-5g': ['active_license_in_track'],
      'cc-pro': [],
    });
    const tracks = await f.app.container.services.catalog.listTracks(f.tenantId);
    expect(tracks.map((t) => [t.key, t.exclusive])).toEqual([
      ['voice', true],
      ['mobile-data', true],
      ['contact-centre', false],
    ]);
  });

  it('gives each tenant its own catalog, editable independently', async () => {
    const other = await createTenant(f.app.container, `other-${Date.now()}`);
    await f.tx((s) => s.catalog.updateProduct(other.tenantId, 'basic', { name: 'Basic Plus' }, admin));
    const mine = await f.app.container.services.catalog.getProduct(f.tenantId, 'basic');
    const theirs = await f.app.container.services.catalog.getProduct(other.tenantId, 'basic');
    expect([mine.name, theirs.name]).toEqual(['Basic', 'Basic Plus']);
    expect(theirs.id).not.toBe(mine.id);
    // A change names what it changes: renaming keeps what the product includes and requires.
    expect(theirs.requirements).toEqual(mine.requirements);
    expect(theirs.includes).toEqual(mine.includes);
    expect(theirs.requirements.length).toBeGreaterThan(0);
  });

  it('builds the side-by-side comparison of a track', async () => {
    const comparison = await f.app.container.services.catalog.comparison(f.tenantId, 'voice');
    expect(comparison.products.map((p) => p.key)).toEqual(['basic', 'business-mobile']);
    expect(comparison.features).toContainEqual({
      feature: 'Mobile subscription',
      includedIn: ['business-mobile'],
    });
    expect(comparison.features).toContainEqual({
      feature: 'Voicemail',
      includedIn: ['basic', 'business-mobile'],
    });
  });

  it('refuses invalid requirements and duplicate keys', async () => {
    const t = await f.newTenant();
    const product = await t.tx((s) =>
      s.catalog.createProduct(
        t.tenantId,
        {
          key: 'cc-lite',
          name: 'CC Lite',
          track: 'contact-centre',
          requirements: [{ kind: 'sold_in_country', countries: ['se'] }],
        },
        admin,
      ),
    );
    expect(product.requirements).toEqual([{ kind: 'sold_in_country', countries: ['SE'] }]);
    const bad = [
      (s: Services) =>
        s.catalog.createProduct(
          t.tenantId,
          {
            key: 'x',
            name: 'X',
            track: 'voice',
            requirements: [{ kind: 'active_license_in_track', track: 'nope' }],
          },
          admin,
        ),
      (s: Services) =>
        s.catalog.updateProduct(
          t.tenantId,
          'basic',
          { requirements: [{ kind: 'active_license_in_track', track: 'voice' }] },
          admin,
        ),
      (s: Services) =>
        s.catalog.createProduct(t.tenantId, { key: 'Bad Key', name: 'X', track: 'voice' }, admin),
    ];
    for (const attempt of bad) await expect(t.tx(attempt)).rejects.toMatchObject({ code: 'catalog.invalid' });
    await expect(
      t.tx((s) =>
        s.catalog.createProduct(t.tenantId, { key: 'basic', name: 'Again', track: 'voice' }, admin),
      ),
    ).rejects.toMatchObject({
      code: 'uniqueness',
    });
  });
});

describe('subscriptions and inventory', () => {
  it('refuses a purchase without accepted terms and records who accepted them', async () => {
    const t = await f.newTenant();
    await expect(
      t.tx((s) =>
        s.seats.purchase(
          t.tenantId,
          { product: 'basic', quantity: 5, bindingMonths: 12, termsAccepted: false },
          admin,
        ),
      ),
    ).rejects.toMatchObject({ code: 'terms.not_accepted' });
    const sub = await t.tx((s) =>
      s.seats.purchase(
        t.tenantId,
        { product: 'basic', quantity: 5, bindingMonths: 24, termsAccepted: true },
        admin,
      ),
    );
    expect(sub.termsAcceptedBy).toBe('token:licensing-test-admin');
    expect(sub.termsAcceptedAt).toBeInstanceOf(Date);
    expect(sub.bindingEndsAt.getUTCFullYear() - sub.startsAt.getUTCFullYear()).toBe(2);
    const [basic] = await t.app.container.services.seats.inventory(t.tenantId);
    expect(basic).toMatchObject({ productKey: 'basic', purchased: 5, held: 0, availableNow: 5 });
  });

  it('reports seats available now and on a future date', async () => {
    const t = await f.newTenant();
    await t.buy('cc-pro', 5);
    await t.tx((s) =>
      s.seats.purchase(
        t.tenantId,
        { product: 'cc-pro', quantity: 2, startsAt: inDays(10), bindingMonths: 1, termsAccepted: true },
        admin,
      ),
    );
    const now = await t.user('now');
    await assignOne(t, now, 'cc-pro');
    for (const name of ['a', 'b'])
      await assignOne(t, await t.user(name), 'cc-pro', { effectiveAt: inDays(5) });
    const productId = (await t.app.container.services.catalog.getProduct(t.tenantId, 'cc-pro')).id;
    const [in7] = await t.app.container.services.seats.inventory(t.tenantId, { productId, on: inDays(7) });
    expect(in7).toMatchObject({ purchased: 5, held: 1, active: 1, scheduled: 2, availableNow: 4 });
    expect(in7!.on).toMatchObject({ purchased: 5, committed: 3, available: 2 });
    const [in3] = await t.app.container.services.seats.inventory(t.tenantId, { productId, on: inDays(3) });
    expect(in3!.on).toMatchObject({ committed: 1, available: 4 });
    const [in11] = await t.app.container.services.seats.inventory(t.tenantId, { productId, on: inDays(11) });
    expect(in11!.on).toMatchObject({ purchased: 7, available: 4 });
    // Narrowed to one product, the line is the same as that product's line of the whole inventory.
    await t.buy('basic', 3);
    await assignOne(t, await t.user('other-product'), 'basic', { effectiveAt: inDays(5) });
    const on = inDays(7);
    const all = await t.app.container.services.seats.inventory(t.tenantId, { on });
    expect(all.find((l) => l.productId === productId)).toEqual(
      (await t.app.container.services.seats.inventory(t.tenantId, { productId, on }))[0],
    );
    expect(all.find((l) => l.productId === productId)).toMatchObject({
      held: 1,
      scheduled: 2,
      on: { committed: 3, available: 2 },
    });
    expect(all.find((l) => l.productKey === 'basic')).toMatchObject({
      purchased: 3,
      scheduled: 1,
      on: { committed: 1, available: 2 },
    });
  });

  it('never oversubscribes: 50 concurrent assignments for 10 seats activate exactly 10', async () => {
    const t = await f.newTenant();
    await t.buy('cc-pro', 10);
    const users = await Promise.all(Array.from({ length: 50 }, (_, i) => t.user(`race${i}`)));
    const results = await Promise.all(users.map((u) => assignOne(t, u, 'cc-pro')));
    const states = results.map((r) => r.assignment.state);
    expect(states.filter((s) => s === 'active')).toHaveLength(10);
    expect(states.filter((s) => s === 'blocked')).toHaveLength(40);
    for (const r of results.filter((x) => x.assignment.state === 'blocked')) {
      expect(r.assignment.blockedReasons).toEqual(['seat_unavailable']);
      expect(r.conflicts[0]?.reason).toBe('seat_unavailable');
    }
    expect(await heldOf(t, 'cc-pro')).toBe(10);

    // Seats bought: the oldest blocked ones take them, by themselves, in the purchase's transaction.
    const blocked = results
      .map((r) => r.assignment)
      .filter((a) => a.state === 'blocked')
      .sort(
        (a, b) =>
          a.effectiveAt.getTime() - b.effectiveAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime(),
      );
    await t.buy('cc-pro', 5);
    const after = await Promise.all(blocked.map((a) => t.state(a.id)));
    expect(after.slice(0, 5)).toEqual(Array(5).fill('active'));
    expect(after.slice(5)).toEqual(Array(35).fill('blocked'));
    expect(await heldOf(t, 'cc-pro')).toBe(15);
  });
});

describe('assignments', () => {
  it('reports a missing Voice license at scheduling, blocks at activation, activates once Voice is active', async () => {
    const t = await f.newTenant();
    await t.buy('unlimited-5g', 5);
    await t.buy('basic', 5);
    const u = await t.user('mobile');
    const scheduled = await assignOne(t, u, 'unlimited-5g', { effectiveAt: inDays(1) });
    expect(scheduled.assignment.state).toBe('scheduled');
    expect(scheduled.conflicts.map((c) => c.reason)).toEqual(['requirement_unmet:active_license_in_track']);
    expect(scheduled.conflicts[0]!.message).toBe('Unlimited 5G needs an active license in the Voice track');

    await t.tx((s) => s.assignments.sweeps.activateDue({ now: inDays(2) }));
    const blocked = await t.app.container.services.assignments.get(t.tenantId, scheduled.assignment.id);
    expect(blocked.state).toBe('blocked');
    expect(blocked.blockedReasons).toEqual(['requirement_unmet:active_license_in_track']);

    // Basic needs a fixed number: without one it is blocked too, and says so.
    const voice = await assignOne(t, u, 'basic');
    expect(voice.assignment.state).toBe('blocked');
    expect(voice.conflicts.map((c) => c.reason)).toEqual(['requirement_unmet:fixed_number']);

    // A number assigned: Basic activates, and Unlimited 5G with it, in the same transaction.
    await t.giveNumbers(u, ['fixed']);
    expect(await t.state(voice.assignment.id)).toBe('active');
    expect(await t.state(scheduled.assignment.id)).toBe('active');
  });

  it('projects scheduled licenses: Unlimited 5G after a Voice license due before it has no conflict', async () => {
    const t = await f.newTenant();
    const u = await t.user('projected');
    await t.giveNumbers(u, ['fixed']);
    await assignOne(t, u, 'basic', { effectiveAt: inDays(1) });
    const later = await assignOne(t, u, 'unlimited-5g', { effectiveAt: inDays(2) });
    expect(later.conflicts.filter((c) => c.reason.startsWith('requirement'))).toEqual([]);
    const earlier = await assignOne(t, await t.user('other'), 'unlimited-5g', { effectiveAt: inDays(2) });
    expect(earlier.conflicts.map((c) => c.reason)).toContain('requirement_unmet:active_license_in_track');
  });

  it('changes a license in an exclusive track as one atomic swap on the chosen date', async () => {
    const t = await f.newTenant();
    await t.buy('basic', 1);
    await t.buy('business-mobile', 1);
    const u = await t.user('swap');
    await t.giveNumbers(u, ['fixed']);
    const basic = await assignOne(t, u, 'basic');
    expect(basic.assignment.state).toBe('active');

    const upgrade = await assignOne(t, u, 'business-mobile', { effectiveAt: inDays(1) });
    expect(upgrade.assignment.replacesId).toBe(basic.assignment.id);
    expect(upgrade.conflicts.map((c) => c.reason)).toEqual(['requirement_unmet:mobile_number']);

    // Due but unmet: the swap does not happen half — Basic stays active.
    await t.tx((s) => s.assignments.sweeps.activateDue({ now: inDays(2) }));
    expect(await t.state(upgrade.assignment.id)).toBe('blocked');
    expect(await t.state(basic.assignment.id)).toBe('active');

    await t.giveNumbers(u, ['mobile']);
    const swapped = await t.app.container.services.assignments.get(t.tenantId, basic.assignment.id);
    expect(await t.state(upgrade.assignment.id)).toBe('active');
    expect(swapped).toMatchObject({ state: 'removed', removalCause: 'swap' });
    expect([await heldOf(t, 'basic'), await heldOf(t, 'business-mobile')]).toEqual([0, 1]);
    // The swap kept the numbers: the user still has service in the track.
    expect(await t.app.container.services.numbers.list(t.tenantId, { userId: u })).toHaveLength(2);
  });

  it('removes only with confirmDataLoss, through grace, then frees the seat for the next in line', async () => {
    const t = await f.newTenant();
    await t.buy('basic', 1);
    const [leaver, waiting] = [await t.user('leaver'), await t.user('waiting')];
    await t.giveNumbers(leaver);
    await t.giveNumbers(waiting);
    const held = await assignOne(t, leaver, 'basic');
    const queued = await assignOne(t, waiting, 'basic');
    expect(queued.assignment.blockedReasons).toEqual(['seat_unavailable']);

    for (const input of [{}, { confirmDataLoss: false }]) {
      await expect(
        t.tx((s) => s.assignments.remove(t.tenantId, held.assignment.id, input, admin)),
      ).rejects.toMatchObject({
        code: 'confirmation.required',
      });
    }
    const grace = await t.tx((s) =>
      s.assignments.remove(t.tenantId, held.assignment.id, { confirmDataLoss: true }, admin),
    );
    expect(grace.state).toBe('grace');
    expect(grace.graceEndsAt!.getTime()).toBeGreaterThan(inDays(6).getTime());
    expect(await heldOf(t, 'basic')).toBe(1);
    expect(await t.state(queued.assignment.id)).toBe('blocked');

    const result = await t.tx((s) => s.assignments.sweeps.advanceRemovals({ now: inDays(8) }));
    expect(result.removed).toBeGreaterThanOrEqual(1);
    expect(await t.state(held.assignment.id)).toBe('removed');
    expect(await t.state(queued.assignment.id)).toBe('active');
    expect(await heldOf(t, 'basic')).toBe(1);
    // The leaver's number rests in quarantine and left their contact details.
    const [number] = await t.app.container.services.numbers.list(t.tenantId, { status: 'quarantine' });
    expect(number).toBeDefined();
    const user = await t.app.container.services.users.get(t.tenantId, leaver);
    expect(user.profile.phoneNumbers ?? []).toEqual([]);
  });

  it('schedules removal on a date, then grace, then removal', async () => {
    const t = await f.newTenant();
    await t.buy('cc-pro', 1);
    const a = await assignOne(t, await t.user('dated'), 'cc-pro');
    const scheduled = await t.tx((s) =>
      s.assignments.remove(t.tenantId, a.assignment.id, { confirmDataLoss: true, at: inDays(3) }, admin),
    );
    expect(scheduled).toMatchObject({ state: 'removal_scheduled', removalCause: 'admin' });
    await t.tx((s) => s.assignments.sweeps.advanceRemovals({ now: inDays(4) }));
    expect(await t.state(a.assignment.id)).toBe('grace');
    await t.tx((s) => s.assignments.sweeps.advanceRemovals({ now: inDays(20) }));
    expect(await t.state(a.assignment.id)).toBe('removed');
    expect(await heldOf(t, 'cc-pro')).toBe(0);
  });

  it('moves licenses of a suspended user to removal after the grace days, and restores them on reactivation', async () => {
    const t = await f.newTenant();
    await t.buy('cc-pro', 2);
    const u = await t.user('suspended');
    const active = await assignOne(t, u, 'cc-pro');
    const setActive = (value: boolean) =>
      t.tx((s) =>
        s.users.modify(
          t.tenantId,
          u,
          (c) => ({ userName: c.userName, externalId: c.externalId, active: value, profile: c.profile }),
          admin,
          undefined,
        ),
      );
    await setActive(false);
    const removal = await t.app.container.services.assignments.get(t.tenantId, active.assignment.id);
    expect(removal).toMatchObject({ state: 'removal_scheduled', removalCause: 'suspension' });
    expect(Math.round((removal.removalAt!.getTime() - Date.now()) / DAY)).toBe(30);
    expect(await heldOf(t, 'cc-pro')).toBe(1);

    // Granting again while the user is still suspended does not bring the service back ...
    const again = await assignOne(t, u, 'cc-pro');
    expect(again.assignment.state).toBe('removal_scheduled');
    // ... reactivating the user does.
    await setActive(true);
    expect(await t.state(active.assignment.id)).toBe('active');
  });

  it('blocks a suspended user at activation and activates on reactivation', async () => {
    const t = await f.newTenant();
    await t.buy('cc-pro', 2);
    const u = await t.user('inactive');
    await t.tx((s) =>
      s.users.modify(
        t.tenantId,
        u,
        (c) => ({ userName: c.userName, active: false, profile: c.profile }),
        admin,
        undefined,
      ),
    );
    const a = await assignOne(t, u, 'cc-pro');
    expect(a.assignment.blockedReasons).toEqual(['user_inactive']);
    await t.tx((s) =>
      s.users.modify(
        t.tenantId,
        u,
        (c) => ({ userName: c.userName, active: true, profile: c.profile }),
        admin,
        undefined,
      ),
    );
    expect(await t.state(a.assignment.id)).toBe('active');
  });

  it('cancels, re-dates one, and sets the activation date of all of a user’s scheduled assignments', async () => {
    const t = await f.newTenant();
    await t.buy('cc-pro', 5);
    await t.buy('unlimited-5g', 5);
    await t.buy('basic', 5);
    const u = await t.user('dates');
    await t.giveNumbers(u);
    const cc = await assignOne(t, u, 'cc-pro', { effectiveAt: inDays(10) });
    const data = await assignOne(t, u, 'unlimited-5g', { effectiveAt: inDays(10) });
    const voice = await assignOne(t, u, 'basic', { effectiveAt: inDays(12) });

    const moved = await t.tx((s) => s.assignments.reschedule(t.tenantId, cc.assignment.id, inDays(3), admin));
    expect(Math.abs(moved.assignment.effectiveAt.getTime() - inDays(3).getTime())).toBeLessThan(60_000);
    expect(moved.assignment.state).toBe('scheduled');

    const all = await t.tx((s) => s.assignments.setActivationDate(t.tenantId, u, new Date(), admin));
    expect(all).toHaveLength(3);
    for (const id of [cc, data, voice].map((r) => r.assignment.id)) expect(await t.state(id)).toBe('active');

    const other = await assignOne(t, await t.user('cancel'), 'cc-pro', { effectiveAt: inDays(5) });
    const cancelled = await t.tx((s) => s.assignments.cancel(t.tenantId, other.assignment.id, admin));
    expect(cancelled.state).toBe('cancelled');
    await expect(
      t.tx((s) => s.assignments.cancel(t.tenantId, cc.assignment.id, admin)),
    ).rejects.toMatchObject({ code: 'assignment.invalid_state' });
  });

  it('shows why an assignment exists (grants) and its history', async () => {
    const t = await f.newTenant();
    await t.buy('cc-pro', 1);
    const u = await t.user('grants');
    const direct = await assignOne(t, u, 'cc-pro');
    const ruleId = await t.tx(async (s) => {
      const group = await s.groups.create(t.tenantId, { displayName: 'grants', members: [] }, 'scim', admin);
      return (
        await s.rules.create(t.tenantId, { name: 'grants', groupId: group.id, product: 'cc-pro' }, admin)
      ).id;
    });
    await assignOne(t, u, 'cc-pro', { grant: { kind: 'rule', ruleId } });
    const got = await t.app.container.services.assignments.get(t.tenantId, direct.assignment.id);
    expect(got.grants!.map((g) => [g.kind, g.ruleId])).toEqual([
      ['direct', null],
      ['rule', ruleId],
    ]);
    const history = await t.app.container.services.assignments.history(t.tenantId, direct.assignment.id);
    expect(history.map((e) => e.action)).toEqual(['assignment.scheduled', 'assignment.activated']);
    expect(history[0]!.actorId).toBe('licensing-test-admin');
  });

  it('turns a blocked assignment failed after the tenant cutoff', async () => {
    const t = await f.newTenant();
    const a = await assignOne(t, await t.user('cutoff'), 'cc-pro');
    expect(a.assignment.state).toBe('blocked');
    const early = await t.tx((s) => s.assignments.sweeps.recheckBlocked({ now: inDays(10) }));
    expect(early.failed).toBe(0);
    await t.tx((s) => s.assignments.sweeps.recheckBlocked({ now: inDays(31) }));
    expect(await t.state(a.assignment.id)).toBe('failed');
  });

  it('refuses in strict mode instead of keeping a blocked assignment, writing nothing', async () => {
    const t = await f.newTenant();
    const u = await t.user('strict');
    await expect(assignOne(t, u, 'cc-pro', { strict: true })).rejects.toMatchObject({
      code: 'seat.unavailable',
    });
    await t.buy('basic', 1);
    await expect(assignOne(t, u, 'basic', { strict: true })).rejects.toMatchObject({
      code: 'requirement.unmet',
    });
    expect(await t.app.container.services.assignments.listForUser(t.tenantId, u)).toEqual([]);
  });
});

describe('scheduled activation jobs', () => {
  it('activates due assignments exactly once when two runners process the same batch concurrently', async () => {
    const t = await f.newTenant();
    await t.buy('cc-pro', 100);
    const users = await Promise.all(Array.from({ length: 40 }, (_, i) => t.user(`due${i}`)));
    // Due in an hour, and the runners run as of then: however slow the machine, they are scheduled first.
    const effectiveAt = new Date(Date.now() + 3_600_000);
    const ids = await t.tx(async (s) =>
      (await s.assignments.assign(t.tenantId, { userIds: users, product: 'cc-pro', effectiveAt }, admin)).map(
        (r) => r.assignment.id,
      ),
    );
    for (const id of ids) expect(await t.state(id)).toBe('scheduled');
    const runner = async () => {
      let handled = 0;
      for (;;) {
        const batch = await t.tx((s) => s.assignments.sweeps.activateDue({ limit: 7, now: effectiveAt }));
        handled += batch.processed;
        if (batch.processed === 0) return handled;
      }
    };
    const [a, b] = await Promise.all([runner(), runner()]);
    expect(a + b).toBeGreaterThanOrEqual(40);
    for (const id of ids) {
      expect(await t.state(id)).toBe('active');
      expect(await countActions(t, id, 'assignment.activated')).toBe(1);
    }
    expect(await heldOf(t, 'cc-pro')).toBe(40);
  });

  it('loses nothing when a worker dies mid-batch, and the Agenda job handler runs it idempotently', async () => {
    const t = await f.newTenant();
    await t.buy('cc-pro', 5);
    const users = await Promise.all(Array.from({ length: 3 }, (_, i) => t.user(`killed${i}`)));
    const ids = await t.tx(async (s) =>
      (
        await s.assignments.assign(
          t.tenantId,
          { userIds: users, product: 'cc-pro', effectiveAt: new Date(Date.now() + 3_600_000) },
          admin,
        )
      ).map((r) => r.assignment.id),
    );
    for (const id of ids) expect(await t.state(id)).toBe('scheduled');
    // The hour passes: the job below runs on the real clock, so the assignments are made due now.
    await t.app.container.database
      .knex('license_assignments')
      .whereIn('id', ids)
      .update({ effective_at: t.app.container.database.knex.raw("now() - interval '1 second'") });
    // A worker that claims and activates, then dies before commit: its transaction rolls back whole.
    await expect(
      t.tx(async (s) => {
        const r = await s.assignments.sweeps.activateDue({});
        expect(r.activated).toBeGreaterThanOrEqual(3);
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    for (const id of ids) expect(await t.state(id)).toBe('scheduled');

    await runLicensingJob(activateDueAssignmentsJob, t.app.container, { batchSize: 2 });
    await runLicensingJob(activateDueAssignmentsJob, t.app.container, undefined);
    for (const id of ids) {
      expect(await t.state(id)).toBe('active');
      expect(await countActions(t, id, 'assignment.activated')).toBe(1);
    }
    await expect(
      runLicensingJob(activateDueAssignmentsJob, t.app.container, { batchSize: 0 }),
    ).rejects.toThrow();
  });
});

describe('phone numbers', () => {
  it.each([
    ['0812345678', 'fixed', 'SE', /not an E\.164/],
    ['+46 8 123 456', 'fixed', 'SE', /not an E\.164/],
    ['+4722000000', 'fixed', 'SE', /not a SE number/],
    ['+46701234567', 'fixed', 'SE', /is a mobile number, not a fixed one/],
    ['+46812345678', 'mobile', 'SE', /is a fixed number, not a mobile one/],
    ['+4681', 'fixed', 'SE', /not an E\.164|wrong length/],
    ['+46812345678', 'fixed', 'XX', /not a XX number/],
  ] as const)('refuses %s as a %s number of %s', async (number, kind, country, message) => {
    const t = f;
    await expect(
      t.tx((s) =>
        s.numbers.portIn(t.tenantId, { number, kind, country, losingOperator: 'Other Telecom' }, admin),
      ),
    ).rejects.toMatchObject({ code: 'number.invalid', message: expect.stringMatching(message) });
  });

  it('acquires from the provider range, assigns into contact details, releases to quarantine and back', async () => {
    const t = await f.newTenant();
    const acquired = await t.tx((s) =>
      s.numbers.acquire(t.tenantId, { country: 'SE', kind: 'fixed', quantity: 2 }, admin),
    );
    expect(acquired.map((n) => n.status)).toEqual(['available', 'available']);
    expect(acquired.every((n) => /^\+46812\d{6}$/.test(n.e164))).toBe(true);
    const u = await t.user('numbers');
    await t.tx((s) => s.numbers.assign(t.tenantId, acquired[0]!.e164, u, admin));
    const user = await t.app.container.services.users.get(t.tenantId, u);
    expect(user.profile.phoneNumbers).toEqual([{ value: acquired[0]!.e164, type: 'work' }]);
    await expect(t.tx((s) => s.numbers.assign(t.tenantId, acquired[0]!.id, u, admin))).resolves.toMatchObject(
      { status: 'assigned' },
    );

    const released = await t.tx((s) => s.numbers.release(t.tenantId, acquired[0]!.id, admin));
    expect(released.status).toBe('quarantine');
    expect((await t.app.container.services.users.get(t.tenantId, u)).profile.phoneNumbers).toEqual([]);
    await expect(t.tx((s) => s.numbers.assign(t.tenantId, acquired[0]!.id, u, admin))).rejects.toMatchObject({
      code: 'number.invalid_state',
    });
    await t.tx((s) => s.numbers.expireQuarantine({ now: inDays(89) }));
    expect((await t.app.container.services.numbers.get(t.tenantId, acquired[0]!.id)).status).toBe(
      'quarantine',
    );
    await t.tx((s) => s.numbers.expireQuarantine({ now: inDays(91) }));
    expect((await t.app.container.services.numbers.get(t.tenantId, acquired[0]!.id)).status).toBe(
      'available',
    );
  });

  it('ports a number in: porting, confirmed, completed on the date → reserved; a rejected port leaves nothing', async () => {
    const t = await f.newTenant();
    const { order, number } = await t.tx((s) =>
      s.numbers.portIn(
        t.tenantId,
        { number: '+46855501234', kind: 'fixed', country: 'SE', losingOperator: 'Telia' },
        admin,
      ),
    );
    expect([order.state, number.status]).toEqual(['submitted', 'porting']);
    await t.tx((s) => s.numbers.confirmPortOrder(t.tenantId, order.id, inDays(2), admin));
    await t.tx((s) => s.numbers.progressPortOrders({ now: inDays(1) }));
    expect((await t.app.container.services.numbers.get(t.tenantId, number.id)).status).toBe('porting');
    await t.tx((s) => s.numbers.progressPortOrders({ now: inDays(3) }));
    expect((await t.app.container.services.numbers.get(t.tenantId, number.id)).status).toBe('reserved');
    expect((await t.app.container.services.numbers.listPortOrders(t.tenantId))[0]!.state).toBe('completed');
    await expect(
      t.tx((s) =>
        s.numbers.portIn(
          t.tenantId,
          { number: '+46855501234', kind: 'fixed', country: 'SE', losingOperator: 'Telia' },
          admin,
        ),
      ),
    ).rejects.toMatchObject({ code: 'number.unavailable' });

    const rejected = await t.tx((s) =>
      s.numbers.portIn(
        t.tenantId,
        { number: '+46855509999', kind: 'fixed', country: 'SE', losingOperator: 'Tele2' },
        admin,
      ),
    );
    await t.tx((s) =>
      s.numbers.rejectPortOrder(t.tenantId, rejected.order.id, 'wrong account holder', admin),
    );
    await expect(t.app.container.services.numbers.get(t.tenantId, rejected.number.id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('seed scenarios (admin-portal workflows)', () => {
  it('Telavox create/upgrade users: numbers and licenses first, then the user, then the upgrade with pool numbers', async () => {
    const t = await f.newTenant();
    // 1. Phone numbers: order new ones and port one in; 2. licenses: a 24-month binding period.
    await t.tx((s) => s.numbers.acquire(t.tenantId, { country: 'SE', kind: 'fixed', quantity: 3 }, admin));
    await t.tx((s) => s.numbers.acquire(t.tenantId, { country: 'SE', kind: 'mobile', quantity: 3 }, admin));
    await t.tx((s) =>
      s.seats.purchase(
        t.tenantId,
        { product: 'business-mobile', quantity: 3, bindingMonths: 24, termsAccepted: true },
        admin,
      ),
    );
    // 3. Create the user; 4. contact details; 5. upgrade, numbers picked from the pool, assign now.
    const u = await t.user('Ellinor', { department: 'Sales' });
    const [result] = await t.tx((s) =>
      s.assignments.assign(
        t.tenantId,
        { userIds: [u], product: 'business-mobile', numbers: { pickFromPool: true } },
        admin,
      ),
    );
    expect(result!.assignment.state).toBe('active');
    const user = await t.app.container.services.users.get(t.tenantId, u);
    expect((user.profile.phoneNumbers ?? []).map((p) => p.type).sort()).toEqual(['mobile', 'work']);
    const [line] = await t.app.container.services.seats.inventory(t.tenantId, {
      productId: (await t.app.container.services.catalog.getProduct(t.tenantId, 'business-mobile')).id,
    });
    expect(line).toMatchObject({ purchased: 3, active: 1, availableNow: 2 });
  });

  it('Telavox mass edit: assign to several users on a custom date, with conflicts per user', async () => {
    const t = await f.newTenant();
    await t.buy('basic', 2);
    const [a, b, c] = [await t.user('a'), await t.user('b'), await t.user('c')];
    await t.giveNumbers(a);
    const results = await t.tx((s) =>
      s.assignments.assign(
        t.tenantId,
        { userIds: [a, b, c], product: 'basic', effectiveAt: inDays(7) },
        admin,
      ),
    );
    expect(results.map((r) => r.assignment.state)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(results[0]!.conflicts).toEqual([]);
    expect(results[1]!.conflicts.map((x) => x.reason)).toEqual(['requirement_unmet:fixed_number']);
    // Three scheduled for two seats: the third sees the shortfall on that date.
    expect(results[2]!.conflicts.map((x) => x.reason)).toContain('seat_unavailable');
  });

  it('US users need an emergency address for a voice license (Nextiva E911)', async () => {
    const t = await f.newTenant();
    await t.buy('basic', 2);
    const us = await t.user('us', { country: 'US' });
    const [n] = await t.tx((s) =>
      s.numbers.acquire(t.tenantId, { country: 'US', kind: 'fixed', quantity: 1 }, admin),
    );
    await t.tx((s) => s.numbers.assign(t.tenantId, n!.id, us, admin));
    const first = await assignOne(t, us, 'basic');
    expect(first.assignment.blockedReasons).toEqual(['requirement_unmet:emergency_address']);
    await t.tx((s) =>
      s.users.modify(
        t.tenantId,
        us,
        (c) => ({
          userName: c.userName,
          active: c.active,
          profile: {
            ...c.profile,
            emergencyAddress: { streetAddress: '1 Main St', locality: 'Springfield' },
          },
        }),
        admin,
        undefined,
      ),
    );
    await t.tx((s) => s.assignments.sweeps.recheckBlocked({}));
    expect(await t.state(first.assignment.id)).toBe('active');
  });

  it('8x8: no license available is an error, buy one, assign, change license, remove with data-loss confirmation', async () => {
    const t = await f.newTenant();
    const u = await t.user('eight');
    await t.giveNumbers(u, ['fixed', 'mobile']);
    await expect(assignOne(t, u, 'basic', { strict: true })).rejects.toMatchObject({
      code: 'seat.unavailable',
    });
    await t.buy('basic', 1);
    const basic = await assignOne(t, u, 'basic', { strict: true });
    expect(basic.assignment.state).toBe('active');
    await t.buy('business-mobile', 1);
    const changed = await assignOne(t, u, 'business-mobile');
    expect(changed.assignment.state).toBe('active');
    expect(await t.state(basic.assignment.id)).toBe('removed');
    expect(await heldOf(t, 'basic')).toBe(0);
    await expect(
      t.tx((s) => s.assignments.remove(t.tenantId, changed.assignment.id, {}, admin)),
    ).rejects.toMatchObject({
      code: 'confirmation.required',
    });
    const removed = await t.tx((s) =>
      s.assignments.remove(t.tenantId, changed.assignment.id, { confirmDataLoss: true }, admin),
    );
    expect(removed.state).toBe('grace');
  });
});
