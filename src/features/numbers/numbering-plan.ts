import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max';
import { DomainError } from '../../domain-error.js';

export type NumberKind = 'fixed' | 'mobile';

const E164 = /^\+[1-9]\d{6,14}$/;

export const isE164 = (value: string): boolean => E164.test(value);

/** What the numbering plan says of a number: the country it belongs to and the kinds of line it can be. */
export interface NumberClass {
  e164: string;
  country: string;
  /** Both where the country does not tell fixed and mobile ranges apart (US, CA: FIXED_LINE_OR_MOBILE). */
  kinds: readonly NumberKind[];
  /** The library's own type, for messages about numbers that are neither (toll-free, premium rate…). */
  type: NumberType;
}

// The library's types that a telephony seat can carry. Everything else (toll-free, premium rate, shared cost,
// VoIP, personal, pager, UAN, voicemail) is refused: such numbers are not a user's fixed line or mobile.
const KINDS_OF_TYPE: Partial<Record<NonNullable<NumberType>, readonly NumberKind[]>> = {
  FIXED_LINE: ['fixed'],
  MOBILE: ['mobile'],
  FIXED_LINE_OR_MOBILE: ['fixed', 'mobile'],
};

const TYPE_NAMES: Partial<Record<NonNullable<NumberType>, string>> = {
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  SHARED_COST: 'shared-cost',
  VOIP: 'VoIP',
  PERSONAL_NUMBER: 'personal',
  PAGER: 'pager',
  UAN: 'universal access',
  VOICEMAIL: 'voicemail',
};

/**
 * Classifies an E.164 number with libphonenumber-js's full metadata (`/max`: the per-type patterns, which the
 * default metadata lacks, so the type would be unknown). Country and kind come from the library, which knows
 * that +1 416 is Toronto (CA) and that +1 800 is toll-free.
 */
export function classifyNumber(value: string): NumberClass {
  const e164 = value.trim();
  if (!isE164(e164)) {
    throw new DomainError(
      'number.invalid',
      `${value} is not an E.164 number (+ then country code and number, digits only, e.g. +46812345678)`,
      { number: value },
    );
  }
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isValid()) {
    throw new DomainError('number.invalid', `${e164} is not a number any country's numbering plan allows`, {
      number: e164,
    });
  }
  const type = parsed.getType();
  const kinds = type ? KINDS_OF_TYPE[type] : undefined;
  if (!kinds || !parsed.country) {
    const name = (type && TYPE_NAMES[type]) ?? 'special-service';
    throw new DomainError('number.invalid', `${e164} is a ${name} number, not a fixed or mobile line`, {
      number: e164,
      type: type ?? null,
    });
  }
  return { e164: parsed.number, country: parsed.country, kinds, type };
}

/**
 * Checks that `value` is an E.164 number of `country` and of `kind`, and returns it. The errors say exactly
 * what is wrong, since an admin typing a number needs to know whether it is the format, the country or the kind.
 */
export function validateNumber(value: string, kind: NumberKind, country: string): string {
  const number = classifyNumber(value);
  const expected = country.toUpperCase();
  if (number.country !== expected) {
    throw new DomainError(
      'number.invalid',
      `${number.e164} is not a ${expected} number: it belongs to ${number.country}`,
      { number: number.e164, country: expected, actualCountry: number.country },
    );
  }
  if (!number.kinds.includes(kind)) {
    throw new DomainError(
      'number.invalid',
      `${number.e164} is a ${number.kinds.join(' or ')} number, not a ${kind} one`,
      { number: number.e164, country: expected, kind },
    );
  }
  return number.e164;
}
