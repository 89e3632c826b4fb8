import { z } from 'zod';
import { BrokenLicenses, component, CountryCode, DateTimeInput, IsoDateTime } from '../admin-schemas.js';
import { numberPageQuery, pageOf, pageQuery } from '../pagination.js';

// Responses describe what is stored (plain strings); requests are strict. Dates leave as ISO 8601 UTC strings.

export const NUMBER_STATUSES = ['available', 'reserved', 'assigned', 'porting', 'quarantine'] as const;
const NumberKind = z.enum(['fixed', 'mobile']);

export const PhoneNumberSchema = component(
  z.object({
    id: z.string(),
    e164: z.string(),
    kind: NumberKind,
    country: z.string(),
    status: z.enum(NUMBER_STATUSES),
    origin: z.enum(['provider', 'port_in']),
    userId: z.string().nullable(),
    quarantineUntil: IsoDateTime.nullable(),
    version: z.number().int(),
  }),
  'PhoneNumber',
);

export const PhoneNumberPageSchema = pageOf(PhoneNumberSchema, 'PhoneNumberPage');
export const PhoneNumberListSchema = component(
  z.object({ items: z.array(PhoneNumberSchema) }),
  'PhoneNumberList',
);

export const ListNumbersQuery = z.object({
  status: z.enum(NUMBER_STATUSES).optional(),
  kind: NumberKind.optional(),
  country: CountryCode.optional(),
  userId: z.uuid().optional().describe('Only numbers assigned to this user'),
  ...numberPageQuery,
});

export const NumberParams = z.object({
  id: z.string().min(1).describe('The number id, or the number in E.164'),
});

export const AcquireNumbersRequest = component(
  z.strictObject({ country: CountryCode, kind: NumberKind, quantity: z.number().int().min(1).max(1000) }),
  'AcquireNumbersRequest',
);

export const ReleaseNumberRequest = component(
  z.strictObject({ brokenLicenses: BrokenLicenses.optional() }),
  'ReleaseNumberRequest',
);

export const AssignNumberRequest = component(z.strictObject({ userId: z.uuid() }), 'AssignNumberRequest');

export const PortOrderSchema = component(
  z.object({
    id: z.string(),
    e164: z.string(),
    kind: NumberKind,
    country: z.string(),
    losingOperator: z.string(),
    state: z.enum(['submitted', 'confirmed', 'completed', 'rejected', 'cancelled']),
    portAt: IsoDateTime.nullable().describe('When the number moves (set when the losing operator confirms)'),
    rejectReason: z.string().nullable(),
    createdAt: IsoDateTime,
  }),
  'PortOrder',
  'A port-in of a number from another operator; completed, the number is reserved in the pool',
);

export const PortOrderPageSchema = pageOf(PortOrderSchema, 'PortOrderPage');

export const CreatePortOrderRequest = component(
  z.strictObject({
    // A plain string: the numbering plan's checks give the precise number.invalid message.
    number: z.string().trim().min(1).max(32).describe('The number to port in, E.164'),
    country: CountryCode,
    kind: NumberKind,
    losingOperator: z.string().trim().min(1).max(200),
  }),
  'CreatePortOrderRequest',
);

export const ConfirmPortOrderRequest = component(
  z.strictObject({ portAt: DateTimeInput.describe('The date the losing operator agreed to') }),
  'ConfirmPortOrderRequest',
);

export const RejectPortOrderRequest = component(
  z.strictObject({ reason: z.string().trim().min(1).max(500) }),
  'RejectPortOrderRequest',
);

export const ListPortOrdersQuery = z.object({
  state: z.enum(['submitted', 'confirmed', 'completed', 'rejected', 'cancelled']).optional(),
  ...pageQuery,
});
