import { z } from 'zod';
import { countryCodeSchema } from '../catalog/catalog.js';
import type { NumberKind } from './numbering-plan.js';

export type NumberStatus = 'available' | 'reserved' | 'assigned' | 'porting' | 'quarantine';
export type PortOrderState = 'submitted' | 'confirmed' | 'completed' | 'rejected' | 'cancelled';

/** Which numbers of the pool a list shows. */
export interface NumberFilter {
  status?: NumberStatus;
  kind?: NumberKind;
  country?: string;
  userId?: string;
}

export interface PhoneNumber {
  id: string;
  tenantId: string;
  e164: string;
  kind: NumberKind;
  country: string;
  status: NumberStatus;
  origin: 'provider' | 'port_in';
  userId: string | null;
  quarantineUntil: Date | null;
  version: number;
}

export interface PortOrder {
  id: string;
  tenantId: string;
  e164: string;
  kind: NumberKind;
  country: string;
  losingOperator: string;
  state: PortOrderState;
  portAt: Date | null;
  rejectReason: string | null;
  createdAt: Date;
}

export const numberKindSchema = z.enum(['fixed', 'mobile']);

export const acquireSchema = z.object({
  country: countryCodeSchema,
  kind: numberKindSchema,
  quantity: z.number().int().min(1).max(1000),
});
export type AcquireInput = z.input<typeof acquireSchema>;

export const portInSchema = z.object({
  number: z.string().min(1),
  country: countryCodeSchema,
  kind: numberKindSchema,
  losingOperator: z.string().trim().min(1).max(200),
});
export type PortInInput = z.input<typeof portInSchema>;

export const numberRangeSchema = z.object({
  country: countryCodeSchema,
  kind: numberKindSchema,
  first: z.string(),
  last: z.string(),
});
export type NumberRangeInput = z.input<typeof numberRangeSchema>;
