import { describe, expect, it } from 'vitest';
import {
  decideActivations,
  type ActivationCandidate,
  type ActivationFacts,
} from '../../src/features/assignments/activation-decision.js';
import type { BlockReason } from '../../src/features/assignments/assignment.js';
import type { Product, Requirement, Track } from '../../src/features/catalog/catalog.js';
import type { NumberKind } from '../../src/features/numbers/numbering-plan.js';
import type { LicenseFact, UserState } from '../../src/features/assignments/user-facts.js';

// The default catalog's shape (src/features/catalog/default-catalog.ts), by id = key.
function track(key: string, exclusive: boolean): Track {
  return { id: key, tenantId: 't', key, name: key, exclusive, position: 0 };
}
function product(key: string, trackKey: string, requirements: Requirement[] = []): Product {
  const p = { id: key, tenantId: 't', trackId: trackKey, trackKey, key, name: key, includes: [] };
  return {
    ...p,
    requirements,
    trackNames: { voice: 'Voice' },
    sellable: true,
    price: null,
    position: 0,
    version: 1,
    retiredAt: null,
  };
}
const tracks = new Map(
  [track('voice', true), track('mobile-data', true), track('contact-centre', false)].map((t) => [t.key, t]),
);
const products = new Map(
  [
    product('basic', 'voice', [{ kind: 'fixed_number' }, { kind: 'emergency_address', countries: ['US'] }]),
    product('business-mobile', 'voice', [{ kind: 'fixed_number' }, { kind: 'mobile_number' }]),
    product('unlimited-5g', 'mobile-data', [{ kind: 'active_license_in_track', track: 'voice' }]),
    product('cc-pro', 'contact-centre'),
    product('se-only', 'contact-centre', [{ kind: 'sold_in_country', countries: ['SE'] }]),
  ].map((p) => [p.id, p]),
);

const T0 = new Date('2026-12-01T00:00:00Z');

function user(extra: Partial<Omit<UserState, 'numberKinds'>> & { numbers?: NumberKind[] } = {}): UserState {
  const { numbers = ['fixed', 'mobile'], ...rest } = extra;
  return {
    active: true,
    country: 'SE',
    hasEmergencyAddress: false,
    numberKinds: new Set(numbers),
    licenses: [],
    ...rest,
  };
}
const running = (id: string, trackKey: string): LicenseFact => ({
  id,
  state: 'active',
  effectiveAt: T0,
  removalAt: null,
  trackKey,
});

function candidate(
  id: string,
  productId: string,
  extra: Partial<ActivationCandidate> = {},
): ActivationCandidate {
  return {
    id,
    userId: 'u1',
    productId,
    state: 'scheduled',
    effectiveAt: T0,
    blockedReasons: [],
    replacesId: null,
    ...extra,
  };
}

function facts(extra: Partial<ActivationFacts> = {}): ActivationFacts {
  return {
    products,
    tracks,
    users: new Map([['u1', user()]]),
    exclusiveHolders: [],
    freeSeats: new Map([...products.keys()].map((id) => [id, 10])),
    ...extra,
  };
}

/** The decision as [id, verdict]: 'active', 'active, replaces X', 'blocked: reasons' or 'unchanged: reasons'. */
function verdicts(candidates: ActivationCandidate[], f: ActivationFacts): Array<[string, string]> {
  const d = decideActivations(candidates, f);
  const reasons = (c: { conflicts: Array<{ reason: BlockReason }> }) =>
    c.conflicts.map((x) => x.reason).join(',');
  const out = new Map<string, string>();
  for (const a of d.activate) out.set(a.id, a.replacedId ? `active, replaces ${a.replacedId}` : 'active');
  for (const b of d.block) out.set(b.id, `blocked: ${reasons(b)}`);
  for (const u of d.unchanged) out.set(u.id, `unchanged: ${reasons(u)}`);
  return candidates.filter((c) => out.has(c.id)).map((c) => [c.id, out.get(c.id) as string]);
}

const cases: Array<{
  name: string;
  candidates: ActivationCandidate[];
  facts: ActivationFacts;
  expected: Array<[string, string]>;
}> = [
  {
    name: 'a standalone add-on with a free seat runs',
    candidates: [candidate('a', 'cc-pro')],
    facts: facts(),
    expected: [['a', 'active']],
  },
  {
    name: 'seats go in batch order; the rest wait for one',
    candidates: [
      candidate('a', 'cc-pro', { userId: 'u1' }),
      candidate('b', 'cc-pro', { userId: 'u2' }),
      candidate('c', 'cc-pro', { userId: 'u3' }),
    ],
    facts: facts({
      users: new Map([
        ['u1', user()],
        ['u2', user()],
        ['u3', user()],
      ]),
      freeSeats: new Map([['cc-pro', 2]]),
    }),
    expected: [
      ['a', 'active'],
      ['b', 'active'],
      ['c', 'blocked: seat_unavailable'],
    ],
  },
  {
    name: 'an oversubscribed product (negative free count) takes nobody',
    candidates: [candidate('a', 'cc-pro')],
    facts: facts({ freeSeats: new Map([['cc-pro', -3]]) }),
    expected: [['a', 'blocked: seat_unavailable']],
  },
  {
    name: 'unmet requirements block with one reason each, the seat check last',
    candidates: [candidate('a', 'business-mobile')],
    facts: facts({ users: new Map([['u1', user({ numbers: [] })]]), freeSeats: new Map() }),
    expected: [
      ['a', 'blocked: requirement_unmet:fixed_number,requirement_unmet:mobile_number,seat_unavailable'],
    ],
  },
  {
    name: 'an emergency address is needed only in the listed countries',
    candidates: [candidate('a', 'basic', { userId: 'us' }), candidate('b', 'basic', { userId: 'se' })],
    facts: facts({
      users: new Map([
        ['us', user({ country: 'US' })],
        ['se', user({ country: 'SE' })],
      ]),
    }),
    expected: [
      ['a', 'blocked: requirement_unmet:emergency_address'],
      ['b', 'active'],
    ],
  },
  {
    name: 'a product not sold in the user’s country is blocked',
    candidates: [candidate('a', 'se-only', { userId: 'no' })],
    facts: facts({ users: new Map([['no', user({ country: 'NO' })]]) }),
    expected: [['a', 'blocked: requirement_unmet:sold_in_country']],
  },
  {
    name: 'an inactive or unknown user is blocked as inactive',
    candidates: [
      candidate('a', 'cc-pro', { userId: 'gone' }),
      candidate('b', 'cc-pro', { userId: 'nobody' }),
    ],
    facts: facts({ users: new Map([['gone', user({ active: false })]]) }),
    expected: [
      ['a', 'blocked: user_inactive'],
      ['b', 'blocked: user_inactive'],
    ],
  },
  {
    name: 'Unlimited 5G waits for a running Voice license',
    candidates: [candidate('a', 'unlimited-5g')],
    facts: facts(),
    expected: [['a', 'blocked: requirement_unmet:active_license_in_track']],
  },
  {
    name: 'Voice activated earlier in the batch counts for the user’s Unlimited 5G after it',
    candidates: [candidate('v', 'basic'), candidate('d', 'unlimited-5g')],
    facts: facts(),
    expected: [
      ['v', 'active'],
      ['d', 'active'],
    ],
  },
  {
    name: 'in batch order: Unlimited 5G before its Voice is blocked (the re-check of the user runs it later)',
    candidates: [candidate('d', 'unlimited-5g'), candidate('v', 'basic')],
    facts: facts(),
    expected: [
      ['d', 'blocked: requirement_unmet:active_license_in_track'],
      ['v', 'active'],
    ],
  },
  {
    name: 'a running Voice license of the user (not in the batch) counts',
    candidates: [candidate('d', 'unlimited-5g')],
    facts: facts({ users: new Map([['u1', user({ licenses: [running('old', 'voice')] })]]) }),
    expected: [['d', 'active']],
  },
  {
    name: 'an exclusive track holds one license: another active one is a conflict',
    candidates: [candidate('bm', 'business-mobile')],
    facts: facts({ exclusiveHolders: [{ id: 'old', userId: 'u1', trackKey: 'voice' }] }),
    expected: [['bm', 'blocked: track_conflict']],
  },
  {
    name: 'a swap replaces the license it names, in the same decision',
    candidates: [candidate('bm', 'business-mobile', { replacesId: 'old' })],
    facts: facts({ exclusiveHolders: [{ id: 'old', userId: 'u1', trackKey: 'voice' }] }),
    expected: [['bm', 'active, replaces old']],
  },
  {
    name: 'two licenses of one exclusive track in a batch: the first takes the track',
    candidates: [candidate('a', 'basic'), candidate('b', 'business-mobile')],
    facts: facts(),
    expected: [
      ['a', 'active'],
      ['b', 'blocked: track_conflict'],
    ],
  },
  {
    name: 'a non-exclusive track allows many licenses',
    candidates: [candidate('a', 'cc-pro'), candidate('b', 'se-only')],
    facts: facts({ exclusiveHolders: [{ id: 'x', userId: 'u1', trackKey: 'contact-centre' }] }),
    expected: [
      ['a', 'active'],
      ['b', 'active'],
    ],
  },
  {
    name: 'a blocked one blocked again for the same reasons is unchanged (no write, no event)',
    candidates: [candidate('a', 'cc-pro', { state: 'blocked', blockedReasons: ['seat_unavailable'] })],
    facts: facts({ freeSeats: new Map([['cc-pro', 0]]) }),
    expected: [['a', 'unchanged: seat_unavailable']],
  },
  {
    name: 'a blocked one blocked for other reasons is written again',
    candidates: [
      candidate('a', 'business-mobile', { state: 'blocked', blockedReasons: ['seat_unavailable'] }),
    ],
    facts: facts({ users: new Map([['u1', user({ numbers: ['fixed'] })]]) }),
    expected: [['a', 'blocked: requirement_unmet:mobile_number']],
  },
  {
    name: 'only scheduled and blocked ones are decided',
    candidates: [
      candidate('a', 'cc-pro', { state: 'active' }),
      candidate('b', 'cc-pro', { state: 'cancelled' }),
      candidate('c', 'cc-pro', { state: 'blocked', blockedReasons: ['seat_unavailable'] }),
    ],
    facts: facts(),
    expected: [['c', 'active']],
  },
];

describe('decideActivations (pure)', () => {
  it.each(cases)('$name', ({ candidates, facts: f, expected }) => {
    expect(verdicts(candidates, f)).toEqual(expected);
  });

  it('leaves the facts it was given as they were', () => {
    const f = facts({
      freeSeats: new Map([
        ['basic', 1],
        ['unlimited-5g', 1],
      ]),
    });
    const before = f.users.get('u1')?.licenses.length;
    decideActivations([candidate('v', 'basic'), candidate('d', 'unlimited-5g')], f);
    expect(f.freeSeats.get('basic')).toBe(1);
    expect(f.users.get('u1')?.licenses.length).toBe(before);
  });

  it('refuses facts that lack a candidate’s product (a read that missed it is a bug, not a block)', () => {
    expect(() => decideActivations([candidate('a', 'unknown')], facts())).toThrow(/unknown/);
  });
});
