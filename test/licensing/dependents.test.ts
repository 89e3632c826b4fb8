import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Requirement } from '../../src/features/catalog/catalog.js';
import { dependentsOf, type UserLicense } from '../../src/features/assignments/dependents.js';
import { admin, licensingFixture, type LicensingFixture } from './licensing-fixture.js';

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);
const needsVoice: Requirement[] = [{ kind: 'active_license_in_track', track: 'voice' }];

function license(id: string, trackKey: string, extra: Partial<UserLicense> = {}): UserLicense {
  return { id, productKey: id, trackKey, state: 'active', removalAt: null, requirements: [], ...extra };
}

describe('dependentsOf (pure)', () => {
  it('names the running licenses that need the track the removed license is the last of', () => {
    const licenses = [
      license('basic', 'voice'),
      license('5g', 'mobile-data', { requirements: needsVoice }),
      license('cc', 'contact-centre'),
    ];
    expect(dependentsOf(licenses, 'basic')).toEqual([
      { license: licenses[1], track: 'voice', dependsOn: 'basic' },
    ]);
    expect(dependentsOf(licenses, 'cc')).toEqual([]);
    expect(dependentsOf(licenses, '5g')).toEqual([]);
  });

  it('follows chains, and ignores what another running license of the track still covers', () => {
    const chained = [
      license('basic', 'voice'),
      license('5g', 'mobile-data', { requirements: needsVoice }),
      license('roaming', 'roaming', {
        requirements: [{ kind: 'active_license_in_track', track: 'mobile-data' }],
      }),
    ];
    expect(dependentsOf(chained, 'basic').map((d) => [d.license.id, d.dependsOn])).toEqual([
      ['5g', 'basic'],
      ['roaming', '5g'],
    ]);
    const twoVoice = [
      license('basic', 'voice'),
      license('legacy', 'voice'),
      license('5g', 'mobile-data', { requirements: needsVoice }),
    ];
    expect(dependentsOf(twoVoice, 'basic')).toEqual([]);
  });

  it('counts only what runs at the date: pending, ended and already-ending licenses are not dependents', () => {
    const at = inDays(10);
    const licenses = [
      license('basic', 'voice', { state: 'removal_scheduled', removalAt: inDays(20) }),
      license('5g', 'mobile-data', {
        state: 'removal_scheduled',
        removalAt: inDays(5),
        requirements: needsVoice,
      }),
      license('5g-later', 'mobile-data', { state: 'scheduled', requirements: needsVoice }),
    ];
    expect(dependentsOf(licenses, 'basic', at)).toEqual([]);
    expect(dependentsOf(licenses, 'basic').map((d) => d.license.id)).toEqual(['5g']);
    // A removed license that was not running takes nothing away; nor is a requirement unmet before reported.
    expect(
      dependentsOf(
        [
          license('basic', 'voice', { state: 'grace' }),
          license('5g', 'mobile-data', { requirements: needsVoice }),
        ],
        'basic',
      ),
    ).toEqual([]);
  });
});

describe('removing a license that others require (Voice under Unlimited 5G)', () => {
  let f: LicensingFixture;
  beforeAll(async () => {
    f = await licensingFixture();
  });
  afterAll(() => f.close());

  /** A tenant with a user holding active Basic (Voice) and Unlimited 5G. */
  async function voiceAnd5g() {
    const t = await f.newTenant();
    await t.buy('basic', 2);
    await t.buy('unlimited-5g', 2);
    const u = await t.user('dependent');
    await t.giveNumbers(u, ['fixed']);
    const assign = (product: string) =>
      t.tx(
        async (s) =>
          (await s.assignments.assign(t.tenantId, { userIds: [u], product }, admin))[0]!.assignment,
      );
    const voice = await assign('basic');
    const data = await assign('unlimited-5g');
    expect([voice.state, data.state]).toEqual(['active', 'active']);
    const get = (id: string) => t.app.container.services.assignments.get(t.tenantId, id);
    const history = async (id: string) =>
      (await t.app.container.services.assignments.history(t.tenantId, id)).map((e) => e.action);
    const held = async (product: string) =>
      (
        await t.app.container.services.seats.inventory(t.tenantId, {
          productId: (await t.app.container.services.catalog.getProduct(t.tenantId, product)).id,
        })
      )[0]!.held;
    return { t, u, voice, data, assign, get, history, held };
  }

  it('refuses, naming the dependents, and writes nothing', async () => {
    const { t, voice, data, get, history } = await voiceAnd5g();
    const refused = t.tx((s) => s.assignments.remove(t.tenantId, voice.id, { confirmDataLoss: true }, admin));
    await expect(refused).rejects.toMatchObject({
      code: 'requirement.dependents',
      message: expect.stringMatching(
        /Unlimited 5G \(needs an active license in the Voice track\).*removeDependents: true/,
      ),
      details: {
        dependents: [{ assignmentId: data.id, product: 'unlimited-5g', track: 'voice', dependsOn: voice.id }],
      },
    });
    expect((await get(voice.id)).grants).toHaveLength(1);
    expect([(await get(voice.id)).state, (await get(data.id)).state]).toEqual(['active', 'active']);
    expect(await history(voice.id)).toEqual(['assignment.scheduled', 'assignment.activated']);
  });

  it('with removeDependents, now: both go to grace, the dependent with cause requirement_lost; re-granting Voice restores both', async () => {
    const { t, voice, data, assign, get, history, held } = await voiceAnd5g();
    await t.tx((s) =>
      s.assignments.remove(t.tenantId, voice.id, { confirmDataLoss: true, removeDependents: true }, admin),
    );
    expect(await get(voice.id)).toMatchObject({ state: 'grace', removalCause: 'admin' });
    expect(await get(data.id)).toMatchObject({ state: 'grace', removalCause: 'requirement_lost' });
    const [graceEvent] = (await t.app.container.services.assignments.history(t.tenantId, data.id)).filter(
      (e) => e.action === 'assignment.grace',
    );
    expect(graceEvent!.after).toMatchObject({
      cause: 'requirement_lost',
      dependsOn: voice.id,
      track: 'voice',
      state: 'grace',
    });
    // Grace keeps the data and the seat.
    expect([await held('basic'), await held('unlimited-5g')]).toEqual([1, 1]);

    await assign('basic');
    expect((await get(voice.id)).state).toBe('active');
    expect(await get(data.id)).toMatchObject({ state: 'active', removalCause: null });
    expect((await history(data.id)).slice(-1)).toEqual(['assignment.restored']);
    expect([await held('basic'), await held('unlimited-5g')]).toEqual([1, 1]);
  });

  it('with removeDependents on a date: both scheduled for it, then grace, then removed with their seats freed', async () => {
    const { t, voice, data, get, held } = await voiceAnd5g();
    const at = inDays(3);
    await t.tx((s) =>
      s.assignments.remove(
        t.tenantId,
        voice.id,
        { confirmDataLoss: true, at, removeDependents: true },
        admin,
      ),
    );
    expect(await get(data.id)).toMatchObject({
      state: 'removal_scheduled',
      removalAt: at,
      removalCause: 'requirement_lost',
    });
    // Until the date both still run; a re-check on the way (a number assigned) does not undo the schedule.
    await t.giveNumbers((await get(data.id)).userId, ['mobile']);
    expect((await get(data.id)).state).toBe('removal_scheduled');

    await t.tx((s) => s.assignments.sweeps.advanceRemovals({ now: inDays(4) }));
    expect([(await get(voice.id)).state, (await get(data.id)).state]).toEqual(['grace', 'grace']);
    expect((await get(data.id)).removalCause).toBe('requirement_lost');
    await t.tx((s) => s.assignments.sweeps.advanceRemovals({ now: inDays(12) }));
    expect([(await get(voice.id)).state, (await get(data.id)).state]).toEqual(['removed', 'removed']);
    expect([await held('basic'), await held('unlimited-5g')]).toEqual([0, 0]);
  });

  it('when Voice stops by its removal date, a dependent that came later follows it into grace instead of running on', async () => {
    const t = await f.newTenant();
    await t.buy('basic', 1);
    await t.buy('unlimited-5g', 1);
    const u = await t.user('later-5g');
    await t.giveNumbers(u, ['fixed']);
    const assign = (product: string) =>
      t.tx(
        async (s) =>
          (await s.assignments.assign(t.tenantId, { userIds: [u], product }, admin))[0]!.assignment,
      );
    const voice = await assign('basic');
    await t.tx((s) =>
      s.assignments.remove(t.tenantId, voice.id, { confirmDataLoss: true, at: inDays(2) }, admin),
    );
    // Voice still runs until its date, so Unlimited 5G can start meanwhile.
    const data = await assign('unlimited-5g');
    expect(data.state).toBe('active');

    await t.tx((s) => s.assignments.sweeps.advanceRemovals({ now: inDays(3) }));
    const after = await t.app.container.services.assignments.get(t.tenantId, data.id);
    expect(after).toMatchObject({ state: 'grace', removalCause: 'requirement_lost' });
    const events = await t.app.container.services.assignments.history(t.tenantId, data.id);
    expect(events.at(-1)).toMatchObject({
      action: 'assignment.grace',
      actorType: 'job',
      after: { dependsOn: voice.id },
    });
  });

  it('a suspension moves both with cause suspension, and reactivation restores both', async () => {
    const { t, u, voice, data, get } = await voiceAnd5g();
    const setActive = (active: boolean) =>
      t.tx((s) =>
        s.users.modify(
          t.tenantId,
          u,
          (c) => ({ userName: c.userName, active, profile: c.profile }),
          admin,
          undefined,
        ),
      );
    await setActive(false);
    await t.tx((s) => s.assignments.sweeps.advanceRemovals({ now: inDays(32) }));
    expect([(await get(voice.id)).removalCause, (await get(data.id)).removalCause]).toEqual([
      'suspension',
      'suspension',
    ]);
    expect([(await get(voice.id)).state, (await get(data.id)).state]).toEqual(['grace', 'grace']);
    await setActive(true);
    expect([(await get(voice.id)).state, (await get(data.id)).state]).toEqual(['active', 'active']);
  });
});
