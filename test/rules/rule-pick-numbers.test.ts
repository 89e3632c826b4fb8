import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { licensingFixture, type LicensingFixture } from '../licensing/licensing-fixture.js';
import { admin, rulesHelpers } from './rules-fixture.js';

// A rule grant with `pickNumbers` assigns a pool number, which changes the user, which the rules react to.
// The engine does not start a second evaluation of the user inside the first: it records the change and
// re-plans the user once its grants are applied (RuleEngine.evaluateUsers). These scenarios pin that path.
let root: LicensingFixture;
beforeAll(async () => {
  root = await licensingFixture();
});
afterAll(() => root.close());

async function tenant() {
  const f = await root.newTenant();
  const stock = (kind: 'fixed' | 'mobile', quantity = 1) =>
    f.tx((s) => s.numbers.acquire(f.tenantId, { country: 'SE', kind, quantity }, admin));
  const numbersOf = (userId: string) =>
    f.app.container.database
      .knex('phone_numbers')
      .where({ tenant_id: f.tenantId, user_id: userId, status: 'assigned' })
      .orderBy('kind')
      .select('kind', 'e164');
  const actions = (assignmentId: string) =>
    f.app.container.database
      .knex('events')
      .where({ tenant_id: f.tenantId, entity_type: 'assignment', entity_id: assignmentId })
      .orderBy('id')
      .pluck('action');
  return { f, r: rulesHelpers(f), stock, numbersOf, actions };
}

describe('a rule grant that picks numbers from the pool', () => {
  it('assigns the number and activates the license once, in the transaction of the membership change', async () => {
    const { f, r, stock, numbersOf, actions } = await tenant();
    await f.buy('basic', 2);
    const [fixed] = await stock('fixed');
    const u = await f.user('pick');
    const g = await r.group('voice');
    const rule = await r.rule({ name: 'voice', groupId: g, product: 'basic', pickNumbers: true });

    await r.addMembers(g, [u]);

    expect(await r.live(u)).toEqual({ basic: 'active' });
    expect(await numbersOf(u)).toEqual([{ kind: 'fixed', e164: fixed!.e164 }]);
    const [license] = await r.licenses(u);
    expect(license!.grants!.map((g) => [g.kind, g.ruleId])).toEqual([['rule', rule.id]]);
    // One decision, applied once: no second evaluation re-granted or re-activated the license.
    expect(await actions(license!.id)).toEqual(['assignment.scheduled', 'assignment.activated']);
    expect(await r.conflicts(u)).toEqual([]);
    const profile = (await f.app.container.services.users.get(f.tenantId, u)).profile;
    expect(profile.phoneNumbers).toEqual([expect.objectContaining({ value: fixed!.e164 })]);
  });

  it('picks both numbers Business Mobile needs, and a second change of the user picks nothing more', async () => {
    const { f, r, stock, numbersOf } = await tenant();
    await f.buy('business-mobile', 2);
    await stock('fixed', 2);
    await stock('mobile', 2);
    const u = await f.user('both');
    const g = await r.group('mobile', [u]);
    await r.rule({ name: 'mobile', groupId: g, product: 'business-mobile', pickNumbers: true });

    expect(await r.live(u)).toEqual({ 'business-mobile': 'active' });
    expect((await numbersOf(u)).map((n) => n.kind)).toEqual(['fixed', 'mobile']);

    await f.tx((s) =>
      s.users.modify(
        f.tenantId,
        u,
        (user) => ({ ...user, profile: { ...user.profile, title: 'Field engineer' } }),
        admin,
        undefined,
      ),
    );
    expect((await numbersOf(u)).map((n) => n.kind)).toEqual(['fixed', 'mobile']);
    expect(await r.live(u)).toEqual({ 'business-mobile': 'active' });
  });

  it('waits blocked on the missing number when the pool has none, and activates once one is assigned', async () => {
    const { f, r, stock, numbersOf } = await tenant();
    await f.buy('basic', 1);
    const u = await f.user('empty-pool');
    const g = await r.group('voice', [u]);
    await r.rule({ name: 'voice', groupId: g, product: 'basic', pickNumbers: true });

    expect(await r.live(u)).toEqual({ basic: 'blocked' });
    expect(await numbersOf(u)).toEqual([]);
    expect((await r.licenses(u))[0]!.blockedReasons).toEqual(['requirement_unmet:fixed_number']);

    const [fixed] = await stock('fixed');
    await f.tx((s) => s.numbers.assign(f.tenantId, fixed!.id, u, admin));
    expect(await r.live(u)).toEqual({ basic: 'active' });
  });

  it('re-plans the user after its own number pick: a rule filtering on phone numbers then selects them', async () => {
    const { f, r, stock, numbersOf } = await tenant();
    await f.buy('basic', 1);
    await f.buy('cc-pro', 1);
    await stock('fixed');
    const u = await f.user('replan');
    const g = await r.group('desk');
    await r.rule({ name: 'voice', groupId: g, product: 'basic', pickNumbers: true });
    await r.rule({ name: 'cc for numbered', groupId: g, product: 'cc-pro', filter: 'phoneNumbers pr' });

    await r.addMembers(g, [u]);

    // The first plan sees no number (CC Pro not selected); the pick changes the user; the second plan does.
    expect((await numbersOf(u)).map((n) => n.kind)).toEqual(['fixed']);
    expect(await r.live(u)).toEqual({ basic: 'active', 'cc-pro': 'active' });
    expect(await r.conflicts(u)).toEqual([]);
  });
});
