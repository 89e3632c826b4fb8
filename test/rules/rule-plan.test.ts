import { describe, expect, it } from 'vitest';
import type { AssignmentState } from '../../src/features/assignments/assignment-states.js';
import type { Product, Requirement, Track } from '../../src/features/catalog/catalog.js';
import { planRules, type HeldLicense, type RulePlan } from '../../src/features/rules/rule-plan.js';
import type { Rule } from '../../src/features/rules/rule.js';

// planRules as a table: rules, who they select and what users hold → grants, revocations and conflicts.
// The PostgreSQL scenarios (rules-engine.test.ts) cover loading these facts and applying the plan.
const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;
const needsVoice: Requirement[] = [{ kind: 'active_license_in_track', track: 'voice' }];

const track = (key: string, exclusive: boolean): Track => ({
  id: key,
  tenantId: 't',
  key,
  name: key,
  exclusive,
  position: 0,
});
const product = (key: string, trackKey: string, requirements: Requirement[] = []): Product => ({
  id: key,
  tenantId: 't',
  trackId: trackKey,
  trackKey,
  key,
  name: key,
  includes: [],
  requirements,
  trackNames: { voice: 'Voice' },
  sellable: true,
  price: null,
  position: 0,
  version: 1,
  retiredAt: null,
});
const tracks = new Map(
  [track('voice', true), track('mobile-data', true), track('cc', false)].map((t) => [t.key, t]),
);
const products = new Map(
  [
    product('basic', 'voice'),
    product('mobile', 'voice'),
    product('5g', 'mobile-data', needsVoice),
    product('cc-pro', 'cc'),
  ].map((p) => [p.id, p]),
);

function rule(id: string, productId: string, extra: Partial<Rule> = {}): Rule {
  return {
    id,
    tenantId: 't',
    name: id,
    groupId: 'g',
    filter: null,
    productId,
    priority: 100,
    activation: { kind: 'now' },
    removalGraceDays: null,
    pickNumbers: false,
    status: 'active',
    version: 1,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...extra,
  };
}

function held(
  assignmentId: string,
  productId: string,
  state: AssignmentState,
  grants: Array<string | { kind: 'direct' | 'import' }>,
  extra: Partial<HeldLicense> = {},
): HeldLicense {
  return {
    assignmentId,
    userId: 'u1',
    productId,
    state,
    replacesId: null,
    blockedReasons: [],
    grants: grants.map((g) =>
      typeof g === 'string' ? { kind: 'rule', ruleId: g } : { kind: g.kind, ruleId: null },
    ),
    ...extra,
  };
}

/** The plan in one line per item, so each case reads as a table row. */
function summary(plan: RulePlan) {
  return {
    grants: plan.grants.map(
      (g) =>
        `${g.ruleId}→${g.productId}${g.assignmentId ? ` joins ${g.assignmentId}` : ''} at +${(g.effectiveAt.getTime() - NOW.getTime()) / DAY}d`,
    ),
    revocations: plan.revocations.map(
      (r) => `${r.ruleId}×${r.assignmentId}${r.endsLicense ? ' ends' : ''}${r.stopsService ? ' stops' : ''}`,
    ),
    conflicts: plan.conflicts.map((c) => `${c.kind} ${c.ruleId}/${c.productId}`),
  };
}

interface Case {
  name: string;
  rules: Rule[];
  /** Rule ids that select user u1 (created 10 days ago). */
  matching: string[];
  held?: HeldLicense[];
  expected: ReturnType<typeof summary>;
}

const none = { grants: [], revocations: [], conflicts: [] };

const cases: Case[] = [
  {
    name: 'a matching rule grants its product now',
    rules: [rule('r1', 'cc-pro')],
    matching: ['r1'],
    expected: { ...none, grants: ['r1→cc-pro at +0d'] },
  },
  {
    name: 'two rules granting one add-on both grant (one license, one seat when applied)',
    rules: [rule('r1', 'cc-pro'), rule('r2', 'cc-pro')],
    matching: ['r1', 'r2'],
    expected: { ...none, grants: ['r1→cc-pro at +0d', 'r2→cc-pro at +0d'] },
  },
  {
    name: 'in an exclusive track the lowest priority number wins; the other is priority_lost',
    rules: [rule('r1', 'mobile', { priority: 20 }), rule('r2', 'basic', { priority: 10 })],
    matching: ['r1', 'r2'],
    expected: { ...none, grants: ['r2→basic at +0d'], conflicts: ['priority_lost r1/mobile'] },
  },
  {
    name: 'at equal priority the older rule wins',
    rules: [
      rule('r1', 'mobile', { createdAt: new Date('2026-02-01T00:00:00Z') }),
      rule('r2', 'basic', { createdAt: new Date('2026-01-15T00:00:00Z') }),
    ],
    matching: ['r1', 'r2'],
    expected: { ...none, grants: ['r2→basic at +0d'], conflicts: ['priority_lost r1/mobile'] },
  },
  {
    name: 'rules granting the winning product all keep their grant',
    rules: [
      rule('r1', 'basic', { priority: 10 }),
      rule('r2', 'basic', { priority: 30 }),
      rule('r3', 'mobile', { priority: 20 }),
    ],
    matching: ['r1', 'r2', 'r3'],
    expected: {
      ...none,
      grants: ['r1→basic at +0d', 'r2→basic at +0d'],
      conflicts: ['priority_lost r3/mobile'],
    },
  },
  {
    name: 'a direct license of another product in the track wins over every rule',
    rules: [rule('r1', 'basic', { priority: 1 })],
    matching: ['r1'],
    held: [held('a1', 'mobile', 'active', [{ kind: 'direct' }])],
    expected: { ...none, conflicts: ['track_held_by_direct r1/basic'] },
  },
  {
    name: 'a grant the user already holds changes nothing',
    rules: [rule('r1', 'cc-pro')],
    matching: ['r1'],
    held: [held('a1', 'cc-pro', 'active', ['r1'])],
    expected: none,
  },
  {
    name: 'a new rule for a product the user holds joins that license',
    rules: [rule('r1', 'cc-pro'), rule('r2', 'cc-pro')],
    matching: ['r1', 'r2'],
    held: [held('a1', 'cc-pro', 'active', ['r1'])],
    expected: { ...none, grants: ['r2→cc-pro joins a1 at +0d'] },
  },
  {
    name: 'an unmatched rule loses its grant; the last grant of a running license ends it and stops service',
    rules: [rule('r1', 'cc-pro')],
    matching: [],
    held: [held('a1', 'cc-pro', 'active', ['r1'])],
    expected: { ...none, revocations: ['r1×a1 ends stops'] },
  },
  {
    name: 'a license with another grant left keeps running',
    rules: [rule('r1', 'cc-pro')],
    matching: [],
    held: [held('a1', 'cc-pro', 'active', ['r1', { kind: 'direct' }])],
    expected: { ...none, revocations: ['r1×a1'] },
  },
  {
    name: 'ending a license that has not started stops no service',
    rules: [rule('r1', 'cc-pro')],
    matching: [],
    held: [held('a1', 'cc-pro', 'scheduled', ['r1'])],
    expected: { ...none, revocations: ['r1×a1 ends'] },
  },
  {
    name: 'switching an exclusive track grants the new product and leaves the old one to the swap',
    rules: [rule('r1', 'basic'), rule('r2', 'mobile')],
    matching: ['r2'],
    held: [held('a1', 'basic', 'active', ['r1'])],
    expected: { ...none, grants: ['r2→mobile at +0d'] },
  },
  {
    name: 'a license whose pending replacement is waiting is not revoked',
    rules: [rule('r1', 'basic'), rule('r2', 'mobile')],
    matching: ['r2'],
    held: [
      held('a1', 'basic', 'active', ['r1']),
      held('a2', 'mobile', 'blocked', ['r2'], { replacesId: 'a1' }),
    ],
    expected: none,
  },
  {
    name: 'a rule-granted license blocked on a requirement stays a requirement_unmet conflict',
    rules: [rule('r1', 'basic')],
    matching: ['r1'],
    held: [held('a1', 'basic', 'blocked', ['r1'], { blockedReasons: ['requirement_unmet:fixed_number'] })],
    expected: { ...none, conflicts: ['requirement_unmet r1/basic'] },
  },
  {
    name: 'a license blocked on seats only is no requirement conflict',
    rules: [rule('r1', 'basic')],
    matching: ['r1'],
    held: [held('a1', 'basic', 'blocked', ['r1'], { blockedReasons: ['seat_unavailable'] })],
    expected: none,
  },
  {
    name: 'ending Voice while Unlimited 5G keeps running is reported against the rule that ends it',
    rules: [rule('r1', 'basic')],
    matching: [],
    held: [held('a1', 'basic', 'active', ['r1']), held('a2', '5g', 'active', [{ kind: 'direct' }])],
    expected: {
      ...none,
      revocations: ['r1×a1 ends stops'],
      conflicts: ['dependents_lose_requirement r1/5g'],
    },
  },
  {
    name: 'no dependent conflict when the track keeps another running license',
    rules: [rule('r1', 'basic')],
    matching: [],
    held: [
      held('a1', 'basic', 'active', ['r1', { kind: 'direct' }]),
      held('a2', '5g', 'active', [{ kind: 'direct' }]),
    ],
    expected: { ...none, revocations: ['r1×a1'] },
  },
  {
    name: 'activation on a future date, a past date (now), and N days after the user appeared',
    rules: [
      rule('r1', 'cc-pro', { activation: { kind: 'on_date', date: new Date(NOW.getTime() + 5 * DAY) } }),
      rule('r2', 'cc-pro', { activation: { kind: 'on_date', date: new Date(NOW.getTime() - 5 * DAY) } }),
      rule('r3', 'cc-pro', { activation: { kind: 'after_days', days: 30 } }),
      rule('r4', 'cc-pro', { activation: { kind: 'after_days', days: 3 } }),
    ],
    matching: ['r1', 'r2', 'r3', 'r4'],
    expected: {
      ...none,
      grants: ['r1→cc-pro at +5d', 'r2→cc-pro at +0d', 'r3→cc-pro at +20d', 'r4→cc-pro at +0d'],
    },
  },
  {
    name: 'a match of a rule the plan does not know (retired meanwhile) is ignored',
    rules: [rule('r1', 'cc-pro')],
    matching: ['r9'],
    expected: none,
  },
];

describe('planRules (pure)', () => {
  it.each(cases)('$name', ({ rules, matching, held: licenses = [], expected }) => {
    const userCreatedAt = new Date(NOW.getTime() - 10 * DAY);
    const plan = planRules({
      rules,
      products,
      tracks,
      matches: matching.map((ruleId) => ({ ruleId, userId: 'u1', userCreatedAt })),
      held: licenses,
      now: NOW,
    });
    expect(summary(plan)).toEqual(expected);
    expect(plan.userIds).toEqual(matching.length > 0 || licenses.length > 0 ? ['u1'] : []);
  });

  it('plans each user on their own: one user’s licenses never decide another’s', () => {
    const userCreatedAt = NOW;
    const plan = planRules({
      rules: [rule('r1', 'basic', { priority: 10 }), rule('r2', 'mobile', { priority: 20 })],
      products,
      tracks,
      matches: [
        { ruleId: 'r1', userId: 'u2', userCreatedAt },
        { ruleId: 'r2', userId: 'u1', userCreatedAt },
      ],
      held: [],
      now: NOW,
    });
    expect(plan.userIds).toEqual(['u1', 'u2']);
    expect(plan.grants.map((g) => `${g.userId}:${g.productId}`)).toEqual(['u1:mobile', 'u2:basic']);
    expect(plan.conflicts).toEqual([]);
  });
});
