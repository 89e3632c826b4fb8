import { z } from 'zod';

/**
 * Names a schema as a component of the OpenAPI document: wherever a route uses it, the document has a `$ref`.
 * The id lives in zod's global registry (beside `.describe()` texts, which the generator reads from there too);
 * zod refuses a second schema with the same id, so a clash shows at start-up, not in the document.
 */
export const component = <T extends z.ZodType>(schema: T, id: string, description?: string): T =>
  schema.meta({ id, ...(description ? { description } : {}) });

export const componentId = (schema: z.core.$ZodType): string | undefined => {
  const id = z.globalRegistry.get(schema)?.id;
  return typeof id === 'string' ? id : undefined;
};

const FieldErrorSchema = component(
  z.object({
    in: z.enum(['params', 'query', 'headers', 'body']),
    field: z.string().describe('Dotted path inside that part of the request; empty for the part as a whole'),
    path: z
      .array(z.union([z.string(), z.number().int()]))
      .describe('The same path as a list of keys, array positions as numbers: ["userIds", 3]'),
    message: z.string(),
  }),
  'FieldError',
);

export const ProblemSchema = component(
  z.object({
    type: z.string().describe('A URN naming the problem type: urn:seatsync:problem:<code>'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z
      .string()
      .describe('Stable, dotted machine-readable code, e.g. user.not_found or permission.denied'),
    errors: z
      .array(FieldErrorSchema)
      .optional()
      .describe('The fields of the request at fault, when the problem lies in fields: one entry per field'),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Machine-readable specifics of the problem, e.g. unmet requirements'),
  }),
  'Problem',
  'An RFC 9457 problem document (application/problem+json)',
);

/** Identifiers in paths are checked by the services (a malformed one is simply not found, like an unknown one). */
export const IdParams = z.object({ id: z.string().min(1).describe('The resource id (a UUID)') });

// Codes that are ISO 3166-1 user-assigned (AA, QM-QZ, XA-XZ except XK, ZZ) or only exceptionally reserved (EU, UK…)
// name no country a number or an emergency service can be provisioned in.
const NOT_A_COUNTRY = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UK|UN)$/;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export const CountryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as SE or US')
  .transform((code) => code.toUpperCase())
  .refine(
    (code) => !NOT_A_COUNTRY.test(code) && regionNames.of(code) !== code,
    'is not an ISO 3166-1 alpha-2 country code',
  )
  .describe('ISO 3166-1 alpha-2 country code, e.g. SE');

export const LanguageTag = z
  .string()
  .min(2)
  .max(35)
  .refine((tag) => canonicalLanguage(tag) !== null, 'must be a BCP 47 language tag such as en or sv-SE')
  .transform((tag) => canonicalLanguage(tag) ?? tag)
  .describe('BCP 47 language tag, e.g. en or sv-SE');

function canonicalLanguage(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

export const E164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number: + and 7 to 15 digits, no spaces, e.g. +46701234567')
  .describe('E.164 phone number, e.g. +46701234567');

export const EmailAddress = z.email({ message: 'must be an e-mail address' }).max(254);

/** `If-Match: W/"<version>"` (or the strong form, or `*`), for optimistic concurrency on writes. */
export const IfMatchHeaders = z.object({
  'if-match': z
    .string()
    .regex(/^\s*(\*|(W\/)?"\d+")\s*$/, 'must be W/"<version>" as sent in the ETag header, or *')
    .optional()
    .describe(
      'The ETag you last read (W/"<version>"); the write is refused with 412 if the resource changed since',
    )
    .transform((value) => {
      const digits = value && /"(\d+)"/.exec(value)?.[1];
      return digits ? Number(digits) : undefined;
    }),
});

export const etagOf = (version: number) => `W/"${version}"`;

/** An instant in a response: ISO 8601 UTC, as the API writes every date. */
export const IsoDateTime = z.iso.datetime();

/** An instant in a request: ISO 8601 with a time zone (`2026-05-01T08:00:00Z`). */
export const DateTimeInput = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .describe('ISO 8601 date and time with a time zone, e.g. 2026-05-01T08:00:00Z');

/** A day (`2026-05-01`, its start in UTC) or an instant. */
export const DateOrDateTimeInput = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .transform((value) => new Date(value))
  .describe('A date (2026-05-01, meaning 00:00 UTC) or an ISO 8601 date and time');

/** Dates leave the API as ISO 8601 UTC strings. */
export const iso = (date: Date): string => date.toISOString();
export const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** What happens to running licenses a change leaves without a requirement (requirement.would_break). */
export const BrokenLicenses = z
  .enum(['refuse', 'grace'])
  .describe(
    'Running licenses of the user that the change would leave without a requirement: `refuse` (the default) ' +
      'answers 409 requirement.would_break naming them; `grace` stops them in the same transaction (grace, cause ' +
      'requirement_lost, reasons on the license), and they run again by themselves once the requirement is met',
  );
