import { describe, expect, it } from 'vitest';
import { ConnectorError } from './connector-error.js';
import { parseRetryAfter } from './graph-retry-middleware.js';
import { parseGroupsDeltaPage, parseUsersDeltaPage } from './graph-schemas.js';

const USERS = 'https://graph.microsoft.com/v1.0/users/delta';
const GROUPS = 'https://graph.microsoft.com/v1.0/groups/delta';
const last = { '@odata.deltaLink': `${USERS}?$deltatoken=t` };

describe('parseUsersDeltaPage', () => {
  it.each([
    {
      name: 'drops unknown fields and keeps nulls as "cleared"',
      source: { id: 'u1', mail: null, surname: 'Ek', '@odata.etag': 'W/1', proxyAddresses: ['x'] },
      target: { id: 'u1', mail: null, surname: 'Ek' },
    },
    {
      name: 'maps on-premises extension attributes',
      source: {
        id: 'u1',
        onPremisesExtensionAttributes: { extensionAttribute1: 'CC-1', extensionAttribute2: null },
      },
      target: { id: 'u1', extensionAttributes: { extensionAttribute1: 'CC-1', extensionAttribute2: null } },
    },
    {
      name: 'takes the live manager link over a removed one',
      source: {
        id: 'u1',
        'manager@delta': [
          { '@odata.type': '#microsoft.graph.user', id: 'old', '@removed': { reason: 'deleted' } },
          { '@odata.type': '#microsoft.graph.user', id: 'new' },
        ],
      },
      target: { id: 'u1', managerId: 'new' },
    },
    {
      name: 'reads only removed manager links as no manager',
      source: { id: 'u1', 'manager@delta': [{ id: 'old', '@removed': { reason: 'deleted' } }] },
      target: { id: 'u1', managerId: null },
    },
    {
      name: 'treats an unknown removal reason as a soft removal',
      source: { id: 'u1', '@removed': { reason: 'archived' } },
      target: { id: 'u1', removed: 'changed' },
    },
    {
      name: 'ignores a null accountEnabled',
      source: { id: 'u1', accountEnabled: null },
      target: { id: 'u1' },
    },
  ])('$name', ({ source, target }) => {
    expect(parseUsersDeltaPage({ value: [source], ...last }, USERS).items).toEqual([target]);
  });

  it.each([
    ['a number for a string', { value: [{ id: 'u1', mail: 5 }], ...last }],
    ['a missing id', { value: [{ mail: 'a@b' }], ...last }],
    ['no value array', { ...last }],
    ['neither link', { value: [] }],
    ['both links', { value: [], ...last, '@odata.nextLink': `${USERS}?$skiptoken=s` }],
    ['a link to another resource', { value: [], '@odata.nextLink': `${GROUPS}?$skiptoken=s` }],
  ])('rejects %s as graph.invalid_response', (_name, body) => {
    let caught: unknown;
    try {
      parseUsersDeltaPage(body, USERS);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConnectorError);
    expect(caught).toMatchObject({ code: 'graph.invalid_response', retryable: false });
  });
});

describe('parseGroupsDeltaPage', () => {
  it('splits members@delta into users and nested groups, added and removed', () => {
    const page = parseGroupsDeltaPage(
      {
        value: [
          {
            id: 'g1',
            displayName: 'Sales',
            'members@delta': [
              { '@odata.type': '#microsoft.graph.user', id: 'u1' },
              { '@odata.type': '#microsoft.graph.user', id: 'u2', '@removed': { reason: 'deleted' } },
              { '@odata.type': '#microsoft.graph.group', id: 'g9' },
              { '@odata.type': '#microsoft.graph.device', id: 'd1' },
            ],
          },
          { id: 'g2', '@removed': { reason: 'deleted' } },
        ],
        '@odata.nextLink': `${GROUPS}?$skiptoken=s`,
      },
      GROUPS,
    );
    expect(page).toEqual({
      nextLink: `${GROUPS}?$skiptoken=s`,
      items: [
        {
          id: 'g1',
          displayName: 'Sales',
          membersAdded: ['u1'],
          membersRemoved: ['u2'],
          nestedGroupsAdded: ['g9'],
          nestedGroupsRemoved: [],
        },
        {
          id: 'g2',
          removed: 'deleted',
          membersAdded: [],
          membersRemoved: [],
          nestedGroupsAdded: [],
          nestedGroupsRemoved: [],
        },
      ],
    });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['1', 1000],
    ['0', 0],
    [' 120 ', 120_000],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
  ])('reads %j as %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
