import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, buildTestApp, type AdminClient, type TestApp } from '../helpers/test-app.js';

interface Event {
  id: string;
  occurredAt: string;
  action: string;
  entity: { type: string; id: string | null };
  userId: string | null;
  actor: { type: string; id: string | null; label: string };
  after: Record<string, unknown> | null;
}

describe('audit log: GET /events', () => {
  let t: TestApp;
  let alice: AdminClient;
  let aliceTokenId: string;
  let userId: string;
  let otherUserId: string;
  let numberId: string;

  const events = async (query: string): Promise<Event[]> => {
    const res = await t.admin.get(`/events?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items as Event[];
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const issued = await t.container.transaction((s) =>
      s.tokens.issue(t.tenant.tenantId, 'admin', 'owner', { type: 'cli' }, 'console-alice'),
    );
    alice = adminClient(t.app, issued.token);
    aliceTokenId = issued.id;

    // Onboarding e-mail request, contact edit and a number move, each made by Alice's token.
    const created = await alice.post('/users', {
      firstName: 'Ada',
      surname: 'Lovelace',
      email: 'ada@example.com',
      sendOnboardingEmail: true,
    });
    expect(created.status).toBe(201);
    userId = created.body.id;
    const edited = await alice.patch(`/users/${userId}`, { department: 'Analytical Engines' });
    expect(edited.status).toBe(200);
    const acquired = await alice.post('/numbers/acquire', { country: 'SE', kind: 'fixed', quantity: 1 });
    expect(acquired.status).toBe(201);
    numberId = acquired.body.items[0].id;
    expect((await alice.post(`/numbers/${numberId}/assign`, { userId })).status).toBe(200);

    // Another user, by the tenant's unlabelled owner token.
    const other = await t.admin.post('/users', {
      firstName: 'Grace',
      surname: 'Hopper',
      email: 'grace@example.com',
    });
    otherUserId = other.body.id;
  });
  afterAll(() => t.close());

  it('names the token and its label as the actor of onboarding requests, contact edits and number moves', async () => {
    const aliceLabel = 'owner admin token "console-alice"';
    const [onboarding] = await events('action=user.onboarding_requested');
    expect(onboarding).toMatchObject({
      entity: { type: 'user', id: userId },
      userId,
      actor: { type: 'token', id: aliceTokenId, label: aliceLabel },
      after: { email: 'ada@example.com' },
    });
    const edits = await events(`action=user.updated&userId=${userId}`);
    expect(edits.length).toBeGreaterThan(0);
    for (const edit of edits)
      expect(edit.actor).toEqual({ type: 'token', id: aliceTokenId, label: aliceLabel });

    const numberEvents = await events(`entityType=phone_number&entityId=${numberId}`);
    expect(numberEvents.map((e) => e.action)).toEqual(['number.assigned', 'number.acquired']);
    expect(numberEvents[0]).toMatchObject({ userId, actor: { id: aliceTokenId, label: aliceLabel } });

    const [otherCreated] = await events(`action=user.created&userId=${otherUserId}`);
    expect(otherCreated?.actor).toMatchObject({
      type: 'token',
      label: 'owner admin token "initial owner token"',
    });
  });

  it('names a job as the actor of what it changes', async () => {
    expect((await alice.post(`/numbers/${numberId}/release`)).status).toBe(200);
    await t.container.transaction((s) =>
      s.numbers.expireQuarantine({ now: new Date(Date.now() + 200 * 86_400_000) }),
    );
    const [available] = await events(`action=number.available&entityId=${numberId}`);
    expect(available?.actor).toEqual({
      type: 'job',
      id: 'number-quarantine-expiry',
      label: 'job number-quarantine-expiry',
    });
  });

  it('filters by user, actor, action kind and time, newest first', async () => {
    const ofUser = await events(`userId=${userId}`);
    expect(ofUser.length).toBeGreaterThan(3);
    expect(ofUser.every((e) => e.userId === userId)).toBe(true);
    expect(ofUser.map((e) => e.entity.type)).toEqual(expect.arrayContaining(['user', 'phone_number']));
    const ids = ofUser.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const byAlice = await events(`actorType=token&actorId=${aliceTokenId}`);
    expect(byAlice.length).toBeGreaterThan(0);
    expect(byAlice.every((e) => e.actor.id === aliceTokenId)).toBe(true);
    expect(byAlice.some((e) => e.userId === otherUserId)).toBe(false);

    const numberKinds = await events('action=number.*');
    expect(new Set(numberKinds.map((e) => e.action))).toEqual(
      new Set(['number.acquired', 'number.assigned', 'number.released', 'number.available']),
    );

    const newest = ofUser[0]!;
    expect(await events(`userId=${userId}&from=${encodeURIComponent(newest.occurredAt)}`)).toContainEqual(
      newest,
    );
    const past = new Date(Date.parse(ofUser[ofUser.length - 1]!.occurredAt) - 1000).toISOString();
    expect(await events(`userId=${userId}&to=${past}`)).toEqual([]);
    expect(await events('from=2999-01-01T00:00:00Z')).toEqual([]);
    expect(await events('userId=not-a-uuid')).toEqual([]);
  });

  it('pages through the whole log with cursors, each event once', async () => {
    const all = await events('limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.admin.get(`/events?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((e: Event) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it.each([
    ['entityType=planet', 'entityType'],
    ['from=yesterday', 'from'],
    ['action=DROP TABLE', 'action'],
    ['actorType=god', 'actorType'],
    ['user=x', 'user'],
  ])('refuses %s with a 400 naming the field', async (query, field) => {
    const res = await t.admin.get(`/events?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation.failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('shows a tenant only its own events', async () => {
    const other = await buildTestAppTenant(t);
    const res = await other.get(`/events?userId=${userId}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });
});

async function buildTestAppTenant(t: TestApp): Promise<AdminClient> {
  const { createTenant } = await import('../../src/operator.js');
  const tenant = await createTenant(t.container, `other-${Math.random().toString(36).slice(2, 8)}`);
  return adminClient(t.app, tenant.adminToken);
}
