import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INLINE_EVALUATION_LIMIT } from '../../src/features/rules/rule-engine.js';
import { licensingFixture, type LicensingFixture } from '../licensing/licensing-fixture.js';
import { admin, rulesHelpers } from './rules-fixture.js';

// One database for the file; each scenario takes a tenant of its own so seats and thresholds stay independent.
let root: LicensingFixture;
beforeAll(async () => {
  root = await licensingFixture();
});
afterAll(() => root.close());

async function tenant() {
  const f = await root.newTenant();
  return { f, r: rulesHelpers(f) };
}

/** A user who meets Basic's requirements (a fixed number; SE needs no emergency address). */
async function voiceReadyUser(f: LicensingFixture, name: string, profile = {}) {
  const id = await f.user(name, profile);
  await f.giveNumbers(id, ['fixed', 'mobile']);
  return id;
}

describe('desired licenses', () => {
  it('grants the union of the matching rules, one license (and one seat) for a product several rules grant', async () => {
    const { f, r } = await tenant();
    await f.buy('cc-pro', 5);
    await f.buy('basic', 5);
    const u = await voiceReadyUser(f, 'union');
    const sales = await r.group('sales', [u]);
    const support = await r.group('support', [u]);
    const ccBySales = await r.rule({ name: 'cc sales', groupId: sales, product: 'cc-pro' });
    const ccBySupport = await r.rule({ name: 'cc support', groupId: support, product: 'cc-pro' });
    await r.rule({ name: 'voice sales', groupId: sales, product: 'basic' });

    expect(await r.live(u)).toEqual({ basic: 'active', 'cc-pro': 'active' });
    const cc = (await r.licenses(u)).find((a) => a.productKey === 'cc-pro')!;
    expect(cc.grants!.map((g) => g.ruleId).sort()).toEqual([ccBySales.id, ccBySupport.id].sort());
    const [line] = await f.app.container.services.seats.inventory(f.tenantId, { productId: cc.productId });
    expect(line!.held).toBe(1);
  });

  it('in an exclusive track the lowest priority number wins and the losing rule is reported', async () => {
    const { f, r } = await tenant();
    await f.buy('basic', 5);
    await f.buy('business-mobile', 5);
    const u = await voiceReadyUser(f, 'prio');
    const g1 = await r.group('office', [u]);
    const g2 = await r.group('field', [u]);
    const loser = await r.rule({
      name: 'mobile for field',
      groupId: g2,
      product: 'business-mobile',
      priority: 20,
    });
    expect(await r.live(u)).toEqual({ 'business-mobile': 'active' });
    const winner = await r.rule({ name: 'basic for office', groupId: g1, product: 'basic', priority: 10 });

    // The winner replaces the loser in one swap; the loser's rule is a visible conflict, not silently dropped.
    expect(await r.live(u)).toEqual({ basic: 'active' });
    const conflicts = await r.conflicts(u);
    expect(conflicts.map((c) => [c.kind, c.rule_id])).toEqual([['priority_lost', loser.id]]);
    expect(conflicts[0].details).toEqual({ winningRuleId: winner.id });
  });

  it('never replaces a direct license in an exclusive track; the rule reports the conflict', async () => {
    const { f, r } = await tenant();
    await f.buy('basic', 5);
    await f.buy('business-mobile', 5);
    const u = await voiceReadyUser(f, 'direct');
    await f.tx((s) => s.assignments.assign(f.tenantId, { userIds: [u], product: 'business-mobile' }, admin));
    const g = await r.group('office', [u]);
    const rule = await r.rule({ name: 'basic', groupId: g, product: 'basic' });
    expect(await r.live(u)).toEqual({ 'business-mobile': 'active' });
    expect((await r.conflicts(u)).map((c) => [c.kind, c.rule_id])).toEqual([
      ['track_held_by_direct', rule.id],
    ]);
  });

  it('narrows a group with a SCIM filter over user attributes', async () => {
    const { f, r } = await tenant();
    await f.buy('cc-pro', 5);
    const se = await f.user('se', {
      country: 'SE',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales' },
    });
    const no = await f.user('no', {
      country: 'NO',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Sales' },
    });
    const g = await r.group('all', [se, no]);
    await r.rule({ name: 'se sales', groupId: g, product: 'cc-pro', filter: 'country eq "SE"' });
    expect(await r.live(se)).toEqual({ 'cc-pro': 'active' });
    expect(await r.live(no)).toEqual({});

    // An attribute change re-evaluates the user in the same transaction.
    await f.tx((s) =>
      s.users.modify(
        f.tenantId,
        no,
        (u) => ({
          userName: u.userName,
          externalId: u.externalId,
          active: u.active,
          profile: { ...u.profile, country: 'SE' },
        }),
        admin,
        undefined,
      ),
    );
    expect(await r.live(no)).toEqual({ 'cc-pro': 'active' });
  });

  it('schedules by the activation policy: on a date, or N days after the user appeared', async () => {
    const { f, r } = await tenant();
    await f.buy('cc-pro', 5);
    const u = await f.user('dated');
    const g = await r.group('later', [u]);
    const date = new Date(Date.now() + 10 * 86_400_000);
    await r.rule({ name: 'on date', groupId: g, product: 'cc-pro', activation: { kind: 'on_date', date } });
    const [a] = await r.licenses(u);
    expect(a!.state).toBe('scheduled');
    expect(a!.effectiveAt.toISOString()).toBe(date.toISOString());
  });
});

describe('removal', () => {
  it('removing a user from a group removes only that rule grant; the license ends with the last one', async () => {
    const { f, r } = await tenant();
    await f.buy('cc-pro', 5);
    const u = await f.user('leaver');
    const g1 = await r.group('a', [u]);
    const g2 = await r.group('b', [u]);
    await r.rule({ name: 'a', groupId: g1, product: 'cc-pro' });
    const kept = await r.rule({ name: 'b', groupId: g2, product: 'cc-pro', removalGraceDays: 3 });
    await f.tx((s) => s.assignments.assign(f.tenantId, { userIds: [u], product: 'cc-pro' }, admin));

    await r.removeMembers(g1, [u]);
    let [cc] = await r.licenses(u);
    expect(cc!.state).toBe('active');
    expect(cc!.grants!.map((g) => [g.kind, g.ruleId])).toEqual([
      ['rule', kept.id],
      ['direct', null],
    ]);
    await f.tx(async (s) => {
      const [direct] = await s.assignments.listForUser(f.tenantId, u);
      await s.assignments.revokeGrant(f.tenantId, direct!.id, { kind: 'direct' }, { graceDays: null }, admin);
    });
    await r.removeMembers(g2, [u]);
    [cc] = await r.licenses(u);
    expect(cc!.state).toBe('grace');
    expect(cc!.removalCause).toBe('grants_revoked');
    // The rule's removal policy: three days of grace, then the seat is freed.
    expect(Math.round((cc!.graceEndsAt!.getTime() - cc!.removalAt!.getTime()) / 86_400_000)).toBe(3);

    // Re-adding during grace restores the license.
    await r.addMembers(g2, [u]);
    [cc] = await r.licenses(u);
    expect(cc!.state).toBe('active');
  });

  it('retiring a rule revokes its grants', async () => {
    const { f, r } = await tenant();
    await f.buy('cc-pro', 5);
    const users = [await f.user('r1'), await f.user('r2')];
    const g = await r.group('retiring', users);
    const rule = await r.rule({ name: 'retiring', groupId: g, product: 'cc-pro' });
    expect(await r.live(users[0]!)).toEqual({ 'cc-pro': 'active' });
    await r.retire(rule.id);
    for (const u of users) expect(await r.live(u)).toEqual({ 'cc-pro': 'grace' });
  });

  it('reports a Voice removal that leaves an Unlimited 5G without its requirement', async () => {
    const { f, r } = await tenant();
    await f.buy('basic', 5);
    await f.buy('unlimited-5g', 5);
    const u = await voiceReadyUser(f, 'dep');
    const voice = await r.group('voice', [u]);
    const data = await r.group('data', [u]);
    const voiceRule = await r.rule({ name: 'voice', groupId: voice, product: 'basic' });
    await r.rule({ name: 'data', groupId: data, product: 'unlimited-5g' });
    expect(await r.live(u)).toEqual({ basic: 'active', 'unlimited-5g': 'active' });

    // The preview says so before anything happens…
    const preview = await f.tx((s) =>
      s.rulePreview.preview(f.tenantId, { change: { op: 'retire', ruleId: voiceRule.id } }),
    );
    expect(preview.conflicts.items.map((c) => c.kind)).toContain('dependents_lose_requirement');
    expect(preview.losingService.items.map((l) => [l.userId, l.productKey, l.reason])).toEqual(
      expect.arrayContaining([
        [u, 'basic', 'grant_revoked'],
        [u, 'unlimited-5g', 'requirement_lost'],
      ]),
    );
    // …and the evaluation keeps it as a conflict when it does.
    await r.removeMembers(voice, [u]);
    expect((await r.conflicts(u)).map((c) => c.kind)).toContain('dependents_lose_requirement');
  });

  it('gives Unlimited 5G to a user without Voice as a visible requirement conflict', async () => {
    const { f, r } = await tenant();
    await f.buy('unlimited-5g', 5);
    const u = await f.user('novoice');
    const g = await r.group('data-only', [u]);
    const rule = await r.rule({ name: 'data only', groupId: g, product: 'unlimited-5g' });
    expect(await r.live(u)).toEqual({ 'unlimited-5g': 'blocked' });
    const conflicts = await r.conflicts(u);
    expect(conflicts.map((c) => [c.kind, c.rule_id])).toEqual([['requirement_unmet', rule.id]]);
  });
});

describe('mass-change protection', () => {
  it('holds removals above the threshold for approval, and applies them once approved', async () => {
    const { f, r } = await tenant();
    await f.buy('cc-pro', 10);
    await r.setThreshold(2);
    const users = [await f.user('m1'), await f.user('m2'), await f.user('m3')];
    const g = await r.group('mass', users);
    const rule = await r.rule({ name: 'mass', groupId: g, product: 'cc-pro' });
    await r.retire(rule.id);

    for (const u of users) expect(await r.live(u)).toEqual({ 'cc-pro': 'active' });
    const [hold] = await f.app.container.services.ruleHolds.list(f.tenantId, {
      status: 'pending',
      limit: 10,
    });
    expect(hold!.removals).toBe(3);
    // A reconcile while the hold waits proposes nothing new.
    await f.tx((s) => s.rules.requestReconcile(f.tenantId, admin));
    await r.settle();
    expect(
      (await f.app.container.services.ruleHolds.list(f.tenantId, { limit: 10 })).map((h) => [
        h.status,
        h.removals,
      ]),
    ).toEqual([['pending', 3]]);

    await f.tx((s) => s.ruleEngine.decideHold(f.tenantId, hold!.id, 'approved', admin));
    await r.settle();
    for (const u of users) expect(await r.live(u)).toEqual({ 'cc-pro': 'grace' });
  });

  it('a rejected hold keeps the licenses and is not proposed again', async () => {
    const { f, r } = await tenant();
    await f.buy('cc-pro', 10);
    await r.setThreshold(1);
    const users = [await f.user('k1'), await f.user('k2')];
    const g = await r.group('keep', users);
    await r.rule({ name: 'keep', groupId: g, product: 'cc-pro' });
    await r.removeMembers(g, users);
    const [hold] = await f.app.container.services.ruleHolds.list(f.tenantId, {
      status: 'pending',
      limit: 10,
    });
    expect(hold!.removals).toBe(2);
    await f.tx((s) => s.ruleEngine.decideHold(f.tenantId, hold!.id, 'rejected', admin));
    await f.tx((s) => s.rules.requestReconcile(f.tenantId, admin));
    await r.settle();
    for (const u of users) expect(await r.live(u)).toEqual({ 'cc-pro': 'active' });
    expect(
      await f.app.container.services.ruleHolds.list(f.tenantId, { status: 'pending', limit: 10 }),
    ).toEqual([]);

    // Wanted again, then removed again: judged afresh (one removal is under the threshold).
    await r.addMembers(g, [users[0]!]);
    await r.removeMembers(g, [users[0]!]);
    expect(await r.live(users[0]!)).toEqual({ 'cc-pro': 'grace' });
  });
});

describe('evaluation', () => {
  it('isolates failures per product: a product short of seats blocks alone', async () => {
    const { f, r } = await tenant();
    await f.buy('cc-pro', 5);
    const u = await f.user('iso');
    const g = await r.group('iso', [u]);
    await r.rule({ name: 'cc', groupId: g, product: 'cc-pro' });
    await r.rule({ name: 'data', groupId: g, product: 'unlimited-5g' });
    expect(await r.live(u)).toEqual({ 'cc-pro': 'active', 'unlimited-5g': 'blocked' });
  });

  it('queues changes larger than a request should carry, and the job applies them', async () => {
    const { f, r } = await tenant();
    await f.buy('cc-pro', INLINE_EVALUATION_LIMIT + 10);
    const g = await r.group('big');
    await r.rule({ name: 'big', groupId: g, product: 'cc-pro' });
    const users: string[] = [];
    await f.tx(async (s) => {
      for (let i = 0; i <= INLINE_EVALUATION_LIMIT; i += 1) {
        users.push(
          (
            await s.users.create(
              f.tenantId,
              { userName: `big-${i}-${f.tenantId}@example.com`, active: true, profile: {} },
              'scim',
              admin,
            )
          ).id,
        );
      }
    });
    await r.addMembers(g, users);
    const queued = await f.app.container.database
      .knex('rule_evaluation_queue')
      .where({ tenant_id: f.tenantId })
      .count({ n: '*' });
    expect(Number(queued[0]!.n)).toBe(users.length);
    expect(await r.live(users[0]!)).toEqual({});
    await r.settle();
    expect(await r.live(users[0]!)).toEqual({ 'cc-pro': 'active' });
    expect(await r.live(users.at(-1)!)).toEqual({ 'cc-pro': 'active' });
    // Two hundred licenses through the real assignment path on the embedded database: seconds, not milliseconds.
  }, 120_000);

  it('a full reconcile fixes drift and leaves a settled tenant alone', async () => {
    const { f, r } = await tenant();
    await f.buy('cc-pro', 5);
    const u = await f.user('drift');
    const g = await r.group('drift', [u]);
    await r.rule({ name: 'drift', groupId: g, product: 'cc-pro' });
    // Drift: the license was removed behind the rules' back.
    const [cc] = await r.licenses(u);
    await f.tx((s) => s.assignments.remove(f.tenantId, cc!.id, { confirmDataLoss: true }, admin));
    expect(await r.live(u)).toEqual({ 'cc-pro': 'grace' });
    const summary = await f.tx((s) => s.ruleEngine.reconcileTenant(f.tenantId, admin));
    expect(summary.queued).toBe(1);
    await r.settle();
    expect(await r.live(u)).toEqual({ 'cc-pro': 'active' });
    expect((await f.tx((s) => s.ruleEngine.reconcileTenant(f.tenantId, admin))).queued).toBe(0);
  });
});
