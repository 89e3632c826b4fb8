import { DomainError } from '../../domain-error.js';

export type NumberKind = 'fixed' | 'mobile';

interface CountryPlan {
  callingCode: string;
  /** National significant number prefixes of mobile numbers; absent where fixed and mobile share ranges. */
  mobilePrefixes?: string[];
  /** Allowed length of the national significant number. */
  length: [number, number];
}

// A deliberately small numbering plan: the countries the provider sells in. Adding a country is a line here.
const plans: Record<string, CountryPlan> = {
  SE: { callingCode: '46', mobilePrefixes: ['70', '72', '73', '76', '79'], length: [7, 9] },
  NO: { callingCode: '47', mobilePrefixes: ['4', '9'], length: [8, 8] },
  DK: { callingCode: '45', length: [8, 8] },
  FI: { callingCode: '358', mobilePrefixes: ['4', '50'], length: [5, 10] },
  GB: { callingCode: '44', mobilePrefixes: ['7'], length: [9, 10] },
  DE: { callingCode: '49', mobilePrefixes: ['15', '16', '17'], length: [6, 13] },
  NL: { callingCode: '31', mobilePrefixes: ['6'], length: [9, 9] },
  US: { callingCode: '1', length: [10, 10] },
  CA: { callingCode: '1', length: [10, 10] },
};

const E164 = /^\+[1-9]\d{6,14}$/;

export const isE164 = (value: string): boolean => E164.test(value);

/**
 * Checks that `value` is an E.164 number of `country` and of `kind`, and returns it. The errors say exactly
 * what is wrong, since an admin typing a number needs to know whether it is the format, the country or the kind.
 */
export function validateNumber(value: string, kind: NumberKind, country: string): string {
  const e164 = value.trim();
  if (!isE164(e164)) {
    throw new DomainError(
      'number.invalid',
      `${value} is not an E.164 number (+ then country code and number, digits only, e.g. +46812345678)`,
      {
        number: value,
      },
    );
  }
  const plan = plans[country.toUpperCase()];
  if (!plan)
    throw new DomainError('number.invalid', `Numbers of country ${country} are not supported`, {
      number: e164,
      country,
    });
  if (!e164.startsWith(`+${plan.callingCode}`)) {
    throw new DomainError(
      'number.invalid',
      `${e164} is not a ${country.toUpperCase()} number (country code +${plan.callingCode})`,
      {
        number: e164,
        country,
      },
    );
  }
  const national = e164.slice(1 + plan.callingCode.length);
  if (national.length < plan.length[0] || national.length > plan.length[1]) {
    throw new DomainError('number.invalid', `${e164} has the wrong length for ${country.toUpperCase()}`, {
      number: e164,
      country,
    });
  }
  if (plan.mobilePrefixes) {
    const mobile = plan.mobilePrefixes.some((p) => national.startsWith(p));
    if (mobile !== (kind === 'mobile')) {
      throw new DomainError(
        'number.invalid',
        `${e164} is a ${mobile ? 'mobile' : 'fixed'} number, not a ${kind} one`,
        {
          number: e164,
          country,
          kind,
        },
      );
    }
  }
  return e164;
}
