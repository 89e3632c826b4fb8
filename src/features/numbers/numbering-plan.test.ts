import { describe, expect, it } from 'vitest';
import { classifyNumber, validateNumber } from './numbering-plan.js';

describe('classifyNumber (libphonenumber-js full metadata)', () => {
  it.each([
    ['+46812345678', 'SE', ['fixed']],
    ['+46701234567', 'SE', ['mobile']],
    ['+4722000000', 'NO', ['fixed']],
    ['+4790000000', 'NO', ['mobile']],
    ['+442079460000', 'GB', ['fixed']],
    ['+4930123456', 'DE', ['fixed']],
    ['+31612345678', 'NL', ['mobile']],
    ['+358401234567', 'FI', ['mobile']],
    // North America does not tell fixed from mobile ranges apart; the area code names the country.
    ['+12126310000', 'US', ['fixed', 'mobile']],
    ['+14169790000', 'CA', ['fixed', 'mobile']],
  ] as const)('%s is %s %j', (number, country, kinds) => {
    expect(classifyNumber(number)).toMatchObject({ e164: number, country, kinds });
  });

  it.each([
    ['0812345678', /not an E\.164/],
    ['+46 8 123 456', /not an E\.164/],
    ['+4681', /not an E\.164/],
    ['+15555555555', /not a number any country's numbering plan allows/],
    ['+18005551234', /is a toll-free number, not a fixed or mobile line/],
    ['+19005551234', /is a premium-rate number/],
    ['+448000000000', /is a toll-free number/],
    ['+46900123456', /is a premium-rate number/],
  ])('refuses %s', (number, message) => {
    expect(() => classifyNumber(number)).toThrow(message);
  });
});

describe('validateNumber', () => {
  it.each([
    ['+46812345678', 'fixed', 'SE'],
    ['+46701234567', 'mobile', 'SE'],
    ['+12126310000', 'fixed', 'US'],
    ['+12126310000', 'mobile', 'us'],
    ['+14169790000', 'fixed', 'CA'],
  ] as const)('accepts %s as a %s number of %s', (number, kind, country) => {
    expect(validateNumber(number, kind, country)).toBe(number);
  });

  it.each([
    ['+14169790000', 'fixed', 'US', /not a US number: it belongs to CA/],
    ['+4722000000', 'fixed', 'SE', /not a SE number: it belongs to NO/],
    ['+46701234567', 'fixed', 'SE', /is a mobile number, not a fixed one/],
    ['+46812345678', 'mobile', 'SE', /is a fixed number, not a mobile one/],
    ['+18005551234', 'fixed', 'US', /toll-free/],
  ] as const)('refuses %s as a %s number of %s', (number, kind, country, message) => {
    expect(() => validateNumber(number, kind, country)).toThrow(message);
  });
});
