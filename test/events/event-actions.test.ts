import { describe, expect, it } from 'vitest';
import {
  EVENT_ACTIONS,
  eventActionInfo,
  eventActions,
  isEventAction,
} from '../../src/features/events/event-actions.js';

// Phone numbers' actions keep the `number.` spelling the audit log has always stored (see event-actions.ts).
const prefixOf = (entityType: string) => (entityType === 'phone_number' ? 'number' : entityType);

describe('event actions', () => {
  it('are named <entity>.<what happened> after the entity they are grouped under, each with a meaning', () => {
    for (const { action, entityType, description } of eventActions) {
      expect(action).toMatch(/^[a-z_]+\.[a-z_]+$/);
      expect(action.split('.')[0]).toBe(prefixOf(entityType));
      expect(description.length).toBeGreaterThan(10);
    }
  });

  it('flatten to one entry per declared action, in declaration order', () => {
    const declared = Object.values(EVENT_ACTIONS).flatMap((actions) => Object.keys(actions));
    expect(eventActions.map((e) => e.action)).toEqual(declared);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it.each([
    ['user.created', true],
    ['assignment.removed', true],
    ['number.assigned', true],
    ['user.username_taken', false],
    ['assignment.active', false],
    ['', false],
  ])('isEventAction(%j) is %s', (value, known) => {
    expect(isEventAction(value)).toBe(known);
  });

  it('knows the entity type of each action', () => {
    expect(eventActionInfo('number.released').entityType).toBe('phone_number');
    expect(eventActionInfo('rule_hold.approved').entityType).toBe('rule_hold');
  });
});
