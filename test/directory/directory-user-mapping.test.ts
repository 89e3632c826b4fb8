import { describe, expect, it } from 'vitest';
import {
  contactMapping,
  effectiveMapping,
  type SourceAttribute,
} from '../../src/features/directory/directory-connection.js';
import {
  mapProfile,
  matchKeys,
  sourceValue,
  userNameOf,
  type MappingContext,
  type MirroredUser,
} from '../../src/features/directory/directory-user-mapping.js';
import type { UserProfile } from '../../src/features/users/user.js';

// The Entra profile mapping (Graph user, as the connector hands it over → seatsync profile) is pure: tables of cases.

const MANAGER_ID = 'mgr-object-id';
const managers: MappingContext['resolveManager'] = (id) =>
  id === MANAGER_ID ? { value: 'seatsync-manager-id', displayName: 'Grace Boss' } : undefined;

function context(
  overrides: Record<string, SourceAttribute | null> = {},
  owned: string[] | null = null,
): MappingContext {
  return {
    mapping: effectiveMapping(overrides),
    owned: owned === null ? () => true : (target) => owned.includes(target),
    resolveManager: managers,
  };
}

describe('mapProfile: a new user from a directory user', () => {
  const cases: Array<{
    name: string;
    user: MirroredUser;
    overrides?: Record<string, SourceAttribute | null>;
    profile: UserProfile;
    managerPending?: boolean;
  }> = [
    {
      name: 'every default target from its Graph property',
      user: {
        userPrincipalName: 'ada@contoso.example',
        mail: 'ada.l@contoso.example',
        givenName: 'Ada',
        surname: 'Lovelace',
        displayName: 'Ada Lovelace',
        jobTitle: 'Engineer',
        department: 'R&D',
        businessPhones: ['+46 8 555 00 01', '+46 8 555 00 02'],
        mobilePhone: '+46 70 111 11 11',
        officeLocation: 'Stockholm',
        usageLocation: 'SE',
        preferredLanguage: 'sv-SE',
        employeeId: 'E-1',
      },
      profile: {
        name: { givenName: 'Ada', familyName: 'Lovelace' },
        displayName: 'Ada Lovelace',
        emails: [{ value: 'ada.l@contoso.example', type: 'work', primary: true }],
        phoneNumbers: [
          { value: '+46 8 555 00 01', type: 'work' },
          { value: '+46 70 111 11 11', type: 'mobile' },
        ],
        title: 'Engineer',
        department: 'R&D',
        country: 'SE',
        preferredLanguage: 'sv-SE',
        employeeNumber: 'E-1',
        officeLocation: 'Stockholm',
      },
    },
    {
      name: 'no mailbox (mail null): the UPN is the work e-mail',
      user: { userPrincipalName: 'bo@contoso.example', mail: null },
      profile: { emails: [{ value: 'bo@contoso.example', type: 'work', primary: true }] },
    },
    {
      name: 'mail never reported: no e-mail at all',
      user: { userPrincipalName: 'bo@contoso.example' },
      profile: {},
    },
    {
      name: 'values are trimmed; blank and null values set nothing',
      user: { givenName: '  Cy ', surname: '   ', jobTitle: null, businessPhones: [] },
      profile: { name: { givenName: 'Cy' } },
    },
    {
      name: 'an overridden target reads another property; null turns a default off',
      user: {
        department: 'Sales',
        jobTitle: 'Agent',
        extensionAttributes: { extensionAttribute3: 'CC-42' },
      },
      overrides: { costCenter: 'extensionAttribute3', title: null },
      profile: { department: 'Sales', costCenter: 'CC-42' },
    },
    {
      name: 'a manager who is a seatsync user is referenced by seatsync id',
      user: { managerId: MANAGER_ID },
      profile: { manager: { value: 'seatsync-manager-id', displayName: 'Grace Boss' } },
    },
    {
      name: 'a manager who is not a seatsync user yet is left for a second pass',
      user: { managerId: 'someone-not-synced' },
      profile: {},
      managerPending: true,
    },
  ];
  it.each(cases)('$name', ({ user, overrides, profile, managerPending = false }) => {
    expect(mapProfile({}, user, context(overrides), true)).toEqual({ profile, managerPending });
  });
});

describe('mapProfile: an existing user, directory-owned targets against seatsync edits', () => {
  const current: UserProfile = {
    title: 'Edited in seatsync',
    department: 'Old department',
    phoneNumbers: [
      { value: '+46 8 000 00 00', type: 'work' },
      { value: '+46 8 999 99 99', type: 'home' },
    ],
    manager: { value: 'old-manager' },
  };
  const cases: Array<{
    name: string;
    user: MirroredUser;
    owned: string[] | null;
    expected: Partial<UserProfile>;
  }> = [
    {
      name: 'an owned target takes the directory value',
      user: { jobTitle: 'Directory title' },
      owned: ['title'],
      expected: { title: 'Directory title' },
    },
    {
      name: 'a target not owned keeps the seatsync value',
      user: { jobTitle: 'Directory title' },
      owned: [],
      expected: { title: 'Edited in seatsync' },
    },
    {
      name: 'a target not owned is filled while seatsync has nothing there',
      user: { officeLocation: 'Malmö' },
      owned: [],
      expected: { officeLocation: 'Malmö' },
    },
    {
      name: 'an owned target the directory cleared is cleared',
      user: { department: null },
      owned: null,
      expected: { department: undefined },
    },
    {
      name: 'a property not reported leaves seatsync alone',
      user: {},
      owned: null,
      expected: { department: 'Old department', title: 'Edited in seatsync' },
    },
    {
      name: 'a typed phone entry is replaced in place; entries of other types stay',
      user: { businessPhones: ['+46 8 123 45 67'] },
      owned: null,
      expected: {
        phoneNumbers: [
          { value: '+46 8 123 45 67', type: 'work' },
          { value: '+46 8 999 99 99', type: 'home' },
        ],
      },
    },
    {
      name: 'an owned manager cleared in the directory is removed',
      user: { managerId: null },
      owned: null,
      expected: { manager: undefined },
    },
  ];
  it.each(cases)('$name', ({ user, owned, expected }) => {
    const { profile } = mapProfile(current, user, context({}, owned), false);
    for (const [key, value] of Object.entries(expected)) expect(profile[key]).toEqual(value);
    // The caller's profile is never changed in place.
    expect(current.title).toBe('Edited in seatsync');
  });
});

describe('sourceValue', () => {
  const cases: Array<{ user: MirroredUser; source: SourceAttribute; value: string | null | undefined }> = [
    { user: {}, source: 'jobTitle', value: undefined },
    { user: { jobTitle: ' Agent ' }, source: 'jobTitle', value: 'Agent' },
    { user: { jobTitle: '' }, source: 'jobTitle', value: null },
    { user: { businessPhones: ['+1 1', '+1 2'] }, source: 'businessPhones', value: '+1 1' },
    { user: { businessPhones: [] }, source: 'businessPhones', value: null },
    { user: { mail: null, userPrincipalName: 'u@x.example' }, source: 'mail', value: 'u@x.example' },
    { user: { extensionAttributes: {} }, source: 'extensionAttribute7', value: null },
    { user: {}, source: 'extensionAttribute7', value: undefined },
    { user: { managerId: 'm-1' }, source: 'manager', value: 'm-1' },
  ];
  it.each(cases)('$source of $user is $value', ({ user, source, value }) => {
    expect(sourceValue(user, source)).toBe(value);
  });
});

describe('userNameOf and matchKeys', () => {
  const cases: Array<{ user: MirroredUser; userName: string | undefined; keys: string[] }> = [
    {
      user: { userPrincipalName: 'Ada@Contoso.example', mail: 'ada.l@contoso.example' },
      userName: 'Ada@Contoso.example',
      keys: ['ada.l@contoso.example', 'ada@contoso.example'],
    },
    { user: { mail: 'bo@contoso.example' }, userName: 'bo@contoso.example', keys: ['bo@contoso.example'] },
    {
      user: { userPrincipalName: 'cy@contoso.example', mail: 'CY@contoso.example' },
      userName: 'cy@contoso.example',
      keys: ['cy@contoso.example'],
    },
    { user: {}, userName: undefined, keys: [] },
  ];
  it.each(cases)('$user', ({ user, userName, keys }) => {
    expect(userNameOf(user)).toBe(userName);
    expect(matchKeys(user)).toEqual(keys);
  });
});

describe('contactMapping', () => {
  const cases: Array<{
    name: string;
    overrides: Record<string, SourceAttribute | null>;
    owned: string[] | null;
    targets: string[];
  }> = [
    {
      name: 'every mapped contact target when the directory owns everything',
      overrides: {},
      owned: null,
      targets: [
        'name.givenName',
        'name.familyName',
        'displayName',
        'phoneNumbers.work',
        'phoneNumbers.mobile',
        'title',
        'department',
        'country',
        'preferredLanguage',
        'officeLocation',
        'manager',
      ],
    },
    {
      name: 'only the contact targets the directory owns',
      overrides: {},
      owned: ['title', 'employeeNumber', 'phoneNumbers.mobile'],
      targets: ['phoneNumbers.mobile', 'title'],
    },
    {
      name: 'a contact target turned off is not compared',
      overrides: { 'phoneNumbers.mobile': null },
      owned: ['title', 'phoneNumbers.mobile'],
      targets: ['title'],
    },
  ];
  it.each(cases)('$name', ({ overrides, owned, targets }) => {
    expect([...contactMapping(overrides, owned).keys()].sort()).toEqual([...targets].sort());
  });
});
