import { z } from 'zod';
import { component, DateOrDateTimeInput, DateTimeInput, IsoDateTime } from '../admin-schemas.js';
import { pageOf, pageQuery } from '../pagination.js';
import { PriceSchema } from '../catalog/catalog-schemas.js';

export const MoneySchema = component(
  z.object({
    amount: z.string().describe('A decimal in the currency, e.g. "745.00"'),
    amountMinor: z.number().int().describe('The same in minor units (öre, cent)'),
    currency: z.string().describe('ISO 4217 code'),
  }),
  'Money',
);

// Responses describe what is stored (plain strings); requests are strict. Dates leave as ISO 8601 UTC strings.

export const InventoryLineSchema = component(
  z.object({
    productId: z.string(),
    productKey: z.string(),
    productName: z.string(),
    price: PriceSchema.nullable().describe("The product's monthly list price per seat (null: none)"),
    monthlyCost: MoneySchema.nullable().describe('The seats purchased now, a month, at that price'),
    purchased: z
      .number()
      .int()
      .describe('Seats of subscriptions running now (partial cancellations in effect taken away)'),
    held: z.number().int().describe('Seats taken now: active + removal scheduled + grace'),
    active: z.number().int(),
    removalScheduled: z.number().int(),
    grace: z.number().int(),
    scheduled: z.number().int(),
    blocked: z.number().int(),
    availableNow: z.number().int(),
    on: z
      .object({
        date: IsoDateTime,
        purchased: z.number().int(),
        committed: z
          .number()
          .int()
          .describe('Held then, blocked, and scheduled to start by then (grace ending before excepted)'),
        available: z.number().int(),
      })
      .optional()
      .describe('Present when `on` was asked for: the seats free on that date'),
  }),
  'InventoryLine',
);

export const InventorySchema = component(z.object({ items: z.array(InventoryLineSchema) }), 'Inventory');

export const InventoryQuery = z.object({
  product: z.string().min(1).optional().describe('Only this product (id or key)'),
  on: DateOrDateTimeInput.optional().describe(
    'Also report the seats available on this date, today or later (scheduled assignments, scheduled changes within a ' +
      'track counted once, and ending subscriptions included); a past date is refused',
  ),
});

export const SubscriptionSchema = component(
  z.object({
    id: z.string(),
    productId: z.string(),
    productKey: z.string(),
    quantity: z.number().int().describe('Seats bought'),
    cancellations: z
      .array(
        z.object({
          quantity: z.number().int(),
          effectiveAt: IsoDateTime.describe('When the seats leave: the end of the binding period'),
          confirmedBy: z.string(),
          createdAt: IsoDateTime,
        }),
      )
      .describe('Partial cancellations: seats that leave the purchase on their date; the rest stays'),
    quantityOnEnd: z.number().int().describe('Seats left once every partial cancellation is in effect'),
    startsAt: IsoDateTime,
    bindingMonths: z.number().int(),
    bindingEndsAt: IsoDateTime,
    endsAt: IsoDateTime.nullable().describe(
      'Set once cancelled: the end of the binding period, or the cancellation',
    ),
    termsAcceptedBy: z.string().describe('Who accepted the terms (e.g. token:<id>)'),
    termsAcceptedAt: IsoDateTime,
    createdAt: IsoDateTime,
  }),
  'Subscription',
  'A seat purchase: one product, a quantity, a binding period',
);

export const SubscriptionPageSchema = pageOf(SubscriptionSchema, 'SubscriptionPage');

export const PurchaseRequest = component(
  z.strictObject({
    product: z.string().min(1).describe('Product id or key'),
    quantity: z.number().int().min(1).max(100_000),
    bindingMonths: z.number().int().min(0).max(120),
    startsAt: DateTimeInput.optional().describe(
      'When the seats (and the binding period) start; now when left out',
    ),
    termsAccepted: z
      .boolean()
      .optional()
      .describe('Must be true: the order is refused with 422 terms.not_accepted otherwise'),
  }),
  'PurchaseRequest',
);

export const CancelPurchaseRequest = component(
  z.strictObject({
    quantity: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe('Seats to cancel; all that are left when left out (the whole purchase ends)'),
    confirmCancellation: z
      .boolean()
      .optional()
      .describe(
        'Must be true: the seats leave the inventory at the end of the binding period (422 confirmation.required)',
      ),
  }),
  'CancelPurchaseRequest',
);

export const ListPurchasesQuery = z.object({
  product: z.string().min(1).optional().describe('Only this product (id or key)'),
  ...pageQuery,
});
