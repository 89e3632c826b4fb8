import type { z } from 'zod';
import type { PhoneNumber, PortOrder } from '../../../features/numbers/number.js';
import { iso, isoOrNull } from '../admin-schemas.js';
import type { PhoneNumberSchema, PortOrderSchema } from './number-schemas.js';

// The domain's objects in the admin API's shape: dates as ISO strings, tenant ids left out (the token says).

export const toAdminNumber = (n: PhoneNumber): z.input<typeof PhoneNumberSchema> => ({
  id: n.id,
  e164: n.e164,
  kind: n.kind,
  country: n.country,
  status: n.status,
  origin: n.origin,
  userId: n.userId,
  quarantineUntil: isoOrNull(n.quarantineUntil),
  version: n.version,
});

export const toAdminPortOrder = (o: PortOrder): z.input<typeof PortOrderSchema> => ({
  id: o.id,
  e164: o.e164,
  kind: o.kind,
  country: o.country,
  losingOperator: o.losingOperator,
  state: o.state,
  portAt: isoOrNull(o.portAt),
  rejectReason: o.rejectReason,
  createdAt: iso(o.createdAt),
});
