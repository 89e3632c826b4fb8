import { describe, expect, it } from 'vitest';
import { orderingKey, planMessages, seatsLowAlerts, type AppendedEvent } from './event-messages.js';

const T = '00000000-0000-4000-8000-000000000001';
const U = '00000000-0000-4000-8000-0000000000aa';

function event(
  action: string,
  entityType: string,
  after: unknown,
  extra: Partial<AppendedEvent> = {},
): AppendedEvent {
  return {
    id: '41',
    tenantId: T,
    occurredAt: new Date('2026-12-02T08:00:00Z'),
    actorType: 'token',
    actorId: 'tok',
    action,
    entityType,
    entityId: '00000000-0000-4000-8000-0000000000ee',
    before: null,
    after,
    ...extra,
  };
}

const facts = {
  numbersByUser: new Map([[U, [{ e164: '+46855501234', kind: 'fixed' }]]]),
  productKeys: new Map([['p-1', 'cc-pro']]),
};

describe('planMessages', () => {
  it.each([
    // action, entity type, after → webhook type?, onboarding?, alert group key?
    ['user.created', 'user', { userName: 'a@x' }, 'user.created', false, null],
    ['user.onboarding_requested', 'user', { email: 'a@x', language: 'sv' }, null, true, null],
    [
      'assignment.activated',
      'assignment',
      { userId: U, product: 'basic' },
      'assignment.activated',
      false,
      null,
    ],
    [
      'assignment.blocked',
      'assignment',
      { userId: U, product: 'basic', blockedReasons: ['seat_unavailable'] },
      'assignment.blocked',
      false,
      'license_blocked:basic',
    ],
    [
      'assignment.failed',
      'assignment',
      { userId: U, product: 'basic' },
      'assignment.failed',
      false,
      'license_failed:basic',
    ],
    [
      'port_order.rejected',
      'port_order',
      { e164: '+4685550' },
      'port_order.rejected',
      false,
      'port_rejected',
    ],
    [
      'rule_hold.created',
      'rule_hold',
      { cause: 'rule_change' },
      null,
      false,
      `rule_hold:00000000-0000-4000-8000-0000000000ee`,
    ],
    [
      'directory_connection.sync_failed',
      'directory_connection',
      { errorCode: 'x' },
      null,
      false,
      `sync_failed:00000000-0000-4000-8000-0000000000ee`,
    ],
    ['group.created', 'group', { displayName: 'G' }, null, false, null],
    ['token.created', 'token', {}, null, false, null],
  ] as const)(
    '%s → webhook %s, onboarding %s, alert %s',
    (action, entityType, after, webhook, onboarding, alert) => {
      const planned = planMessages([event(action, entityType, after)], facts);
      expect(planned.webhooks.map((w) => w.type)).toEqual(webhook ? [webhook] : []);
      expect(planned.onboarding).toHaveLength(onboarding ? 1 : 0);
      expect(planned.alerts.map((a) => a.groupKey)).toEqual(alert ? [alert] : []);
    },
  );

  it("puts the user's numbers on license payloads and the product key on subscriptions", () => {
    const planned = planMessages(
      [
        event('assignment.activated', 'assignment', { userId: U, product: 'basic' }),
        event('subscription.cancelled', 'subscription', { productId: 'p-1', quantity: 3 }),
      ],
      facts,
    );
    expect(planned.webhooks[0]!.payload).toMatchObject({
      type: 'assignment.activated',
      version: 1,
      timestamp: '2026-12-02T08:00:00.000Z',
      data: { numbers: [{ e164: '+46855501234', kind: 'fixed' }], after: { product: 'basic' } },
    });
    expect(planned.webhooks[1]!.payload.data.product).toBe('cc-pro');
  });
});

describe('orderingKey', () => {
  it.each([
    [{ entityType: 'assignment', entityId: 'a1', before: null, after: { userId: U } }, `user:${U}`],
    [{ entityType: 'assignment', entityId: 'a1', before: { userId: U }, after: null }, `user:${U}`],
    [{ entityType: 'user', entityId: U, before: null, after: {} }, `user:${U}`],
    [{ entityType: 'phone_number', entityId: 'n1', before: null, after: { userId: U } }, 'phone_number:n1'],
    [{ entityType: 'subscription', entityId: null, before: null, after: {} }, 'subscription:none'],
  ])('%o → %s', (e, key) => {
    expect(orderingKey(e)).toBe(key);
  });
});

describe('seatsLowAlerts', () => {
  it.each([
    [{ product: 'basic', available: 2, threshold: 2 }, true],
    [{ product: 'basic', available: 0, threshold: 2 }, true],
    [{ product: 'basic', available: 3, threshold: 2 }, false],
    [{ product: 'basic', available: -1, threshold: 0 }, true],
  ])('%o → alert %s', (line, alerts) => {
    expect(seatsLowAlerts(T, [line]).map((a) => a.groupKey)).toEqual(alerts ? ['seats_low:basic'] : []);
  });
});
