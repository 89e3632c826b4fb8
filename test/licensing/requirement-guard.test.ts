import { describe, expect, it } from 'vitest';
import { brokenByChange, type RunningLicense } from '../../src/features/assignments/requirement-guard.js';
import type { UserState } from '../../src/features/assignments/user-facts.js';
import type { Product, Requirement } from '../../src/features/catalog/catalog.js';
import { settleNumbers, type Holder } from '../../src/features/numbers/contact-number-ownership.js';
import type { NumberKind } from '../../src/features/numbers/numbering-plan.js';
import type { MultiValue } from '../../src/features/users/user.js';

function product(key: string, trackKey: string, requirements: Requirement[]): Product {
  return {
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
  };
}
const basic = product('basic', 'voice', [
  { kind: 'fixed_number' },
  { kind: 'emergency_address', countries: ['US'] },
]);
const mobile = product('business-mobile', 'voice', [{ kind: 'fixed_number' }, { kind: 'mobile_number' }]);
const fiveG = product('unlimited-5g', 'mobile-data', [{ kind: 'active_license_in_track', track: 'voice' }]);

function state(extra: Partial<Omit<UserState, 'numberKinds'>> & { numbers?: NumberKind[] } = {}): UserState {
  const { numbers = ['fixed'], ...rest } = extra;
  return {
    active: true,
    country: 'SE',
    hasEmergencyAddress: false,
    numberKinds: new Set(numbers),
    licenses: [
      { id: 'voice', state: 'active', effectiveAt: new Date(0), removalAt: null, trackKey: 'voice' },
      { id: '5g', state: 'active', effectiveAt: new Date(0), removalAt: null, trackKey: 'mobile-data' },
    ],
    ...rest,
  };
}

describe('brokenByChange: the running licenses a change leaves without a requirement', () => {
  const cases: Array<{
    name: string;
    licenses: RunningLicense[];
    before: UserState;
    after: UserState;
    broken: Array<[string, string[]]>;
  }> = [
    {
      name: 'the only fixed number released breaks Basic',
      licenses: [{ id: 'voice', product: basic }],
      before: state(),
      after: state({ numbers: [] }),
      broken: [['voice', ['requirement_unmet:fixed_number']]],
    },
    {
      name: 'a mobile number released breaks Business Mobile, not Basic',
      licenses: [{ id: 'voice', product: mobile }],
      before: state({ numbers: ['fixed', 'mobile'] }),
      after: state({ numbers: ['fixed'] }),
      broken: [['voice', ['requirement_unmet:mobile_number']]],
    },
    {
      name: 'an emergency address cleared breaks Basic in the US only',
      licenses: [{ id: 'voice', product: basic }],
      before: state({ country: 'US', hasEmergencyAddress: true }),
      after: state({ country: 'US' }),
      broken: [['voice', ['requirement_unmet:emergency_address']]],
    },
    {
      name: 'an emergency address cleared in Sweden breaks nothing',
      licenses: [{ id: 'voice', product: basic }],
      before: state({ hasEmergencyAddress: true }),
      after: state(),
      broken: [],
    },
    {
      name: 'moving to the US without an emergency address breaks Basic',
      licenses: [{ id: 'voice', product: basic }],
      before: state(),
      after: state({ country: 'US' }),
      broken: [['voice', ['requirement_unmet:emergency_address']]],
    },
    {
      name: 'a requirement unmet before the change is not the change’s doing',
      licenses: [{ id: 'voice', product: basic }],
      before: state({ numbers: [], country: 'US', hasEmergencyAddress: true }),
      after: state({ numbers: [], country: 'US' }),
      broken: [['voice', ['requirement_unmet:emergency_address']]],
    },
    {
      name: 'an inactive user is the suspension’s business',
      licenses: [{ id: 'voice', product: basic }],
      before: state(),
      after: state({ active: false }),
      broken: [],
    },
    {
      name: 'a license in another track still counts for Unlimited 5G',
      licenses: [
        { id: 'voice', product: basic },
        { id: '5g', product: fiveG },
      ],
      before: state(),
      after: state({ numbers: [] }),
      broken: [['voice', ['requirement_unmet:fixed_number']]],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(
        brokenByChange(c.licenses, c.before, c.after).map((b) => [
          b.assignmentId,
          b.conflicts.map((x) => x.reason),
        ]),
      ).toEqual(c.broken);
    });
});

describe('settleNumbers: the phone numbers a write stores', () => {
  const pool = [{ e164: '+4681000001', kind: 'fixed' as const }];
  const holders: Record<string, Holder> = {
    '+4681000001': 'user',
    '+4681000002': 'other_user',
    '+4681000003': 'pool',
  };
  const holderOf = (e164: string): Holder => holders[e164] ?? 'not_tenant';
  const work = (value: string): MultiValue => ({ value, type: 'work' });
  const mobile = (value: string): MultiValue => ({ value, type: 'mobile' });
  const cases: Array<{
    name: string;
    by: 'admin' | 'directory';
    before: MultiValue[];
    after: MultiValue[];
    out?: MultiValue[];
    error?: string;
  }> = [
    {
      name: 'directory: a PUT without the pool number gets it back',
      by: 'directory',
      before: [work('+4681000001')],
      after: [mobile('+46701234567')],
      out: [mobile('+46701234567'), work('+4681000001')],
    },
    {
      name: 'directory: another user’s number is kept as contact data',
      by: 'directory',
      before: [work('+4681000001')],
      after: [work('+4681000001'), mobile('+4681000002')],
      out: [work('+4681000001'), mobile('+4681000002')],
    },
    {
      name: 'admin: dropping a pool number is refused',
      by: 'admin',
      before: [work('+4681000001')],
      after: [],
      error: 'number.pool_assigned',
    },
    {
      name: 'admin: another user’s number is refused',
      by: 'admin',
      before: [work('+4681000001')],
      after: [work('+4681000001'), mobile('+4681000002')],
      error: 'number.not_owned',
    },
    {
      name: 'admin: an unassigned pool number is refused (assign it instead)',
      by: 'admin',
      before: [work('+4681000001')],
      after: [work('+4681000001'), mobile('+4681000003')],
      error: 'number.not_owned',
    },
    {
      name: 'admin: a number that is not the tenant’s is refused, written with spaces or not',
      by: 'admin',
      before: [work('+4681000001')],
      after: [work('+4681000001'), mobile('+46 70 999 99 99')],
      error: 'number.not_owned',
    },
    {
      name: 'admin: a number the user already had (typed by the IdP) may stay',
      by: 'admin',
      before: [work('+4681000001'), mobile('+46709999999')],
      after: [work('+4681000001'), mobile('+46709999999')],
      out: [work('+4681000001'), mobile('+46709999999')],
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const run = () => settleNumbers(c.before, c.after, pool, holderOf, c.by);
      if (c.error) expect(run).toThrow(expect.objectContaining({ code: c.error }));
      else expect(run()).toEqual(c.out);
    });
});
