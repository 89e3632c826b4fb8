import { describe, expect, it } from 'vitest';
import { FilterError } from './filter-error.js';
import { matchesFilter } from './match-filter.js';
import { parseFilter } from './parse-filter.js';

const work = { value: 'Bjensen@Example.com', type: 'work', primary: true, display: '' };
const home = { value: 'babs@jensen.org', type: 'home', primary: 'False' };
const member = {
  value: '2819c223-7f76-453a-919d-413861904646',
  display: 'Babs',
  created: '2024-03-01T10:00:00Z',
  rank: 3,
};

const cases: { filter: string; element: Record<string, unknown>; expected: boolean }[] = [
  { filter: 'type eq "work"', element: work, expected: true },
  { filter: 'TYPE eq "WORK"', element: work, expected: true },
  { filter: 'type eq "work"', element: home, expected: false },
  { filter: 'type ne "work"', element: home, expected: true },
  { filter: 'missing ne "x"', element: home, expected: true },
  { filter: 'missing eq "x"', element: home, expected: false },
  { filter: 'not (missing eq "x")', element: home, expected: true },
  { filter: 'value co "@example.COM"', element: work, expected: true },
  { filter: 'value sw "bjensen@"', element: work, expected: true },
  { filter: 'value ew ".org"', element: work, expected: false },
  { filter: 'type eq "work" and value co "@example.com"', element: work, expected: true },
  { filter: 'type eq "home" or value co "nope"', element: work, expected: false },
  { filter: 'primary eq true', element: work, expected: true },
  { filter: 'primary eq "True"', element: work, expected: true },
  { filter: 'primary ne true', element: work, expected: false },
  { filter: 'primary eq "false"', element: home, expected: true },
  { filter: 'display pr', element: work, expected: false },
  { filter: 'display pr', element: member, expected: true },
  { filter: 'display eq null', element: work, expected: true },
  { filter: 'value eq "2819C223-7F76-453A-919D-413861904646"', element: member, expected: true },
  { filter: 'created gt "2024-03-01T09:00:00Z"', element: member, expected: true },
  { filter: 'created lt "2024-03-01T11:00:00+02:00"', element: member, expected: false },
  { filter: 'rank ge 3', element: member, expected: true },
  { filter: 'rank gt "2"', element: member, expected: true },
  { filter: 'display gt "A"', element: member, expected: true },
];

describe('matchesFilter', () => {
  it.each(cases)('$filter on $element.value → $expected', ({ filter, element, expected }) => {
    expect(matchesFilter(parseFilter(filter), element)).toBe(expected);
  });

  it('honours caseExact per attribute', () => {
    const exactValue = (attr: string): boolean => attr.toLowerCase() === 'value';
    expect(matchesFilter(parseFilter('value eq "bjensen@example.com"'), work, exactValue)).toBe(false);
    expect(matchesFilter(parseFilter('value eq "Bjensen@Example.com"'), work, exactValue)).toBe(true);
    expect(matchesFilter(parseFilter('type eq "WORK"'), work, exactValue)).toBe(true);
  });

  it('evaluates a nested value path with any-element semantics', () => {
    const user = { emails: [home, work] };
    expect(matchesFilter(parseFilter('emails[type eq "work" and primary eq true]'), user)).toBe(true);
    expect(matchesFilter(parseFilter('emails[type eq "home" and primary eq true]'), user)).toBe(false);
    expect(matchesFilter(parseFilter('emails.value ew ".org"'), user)).toBe(true);
  });

  it.each(['primary gt true', 'primary eq "maybe"', 'primary co "t"'])(
    'rejects %s on a boolean',
    (filter) => {
      expect(() => matchesFilter(parseFilter(filter), work)).toThrow(FilterError);
    },
  );
});
