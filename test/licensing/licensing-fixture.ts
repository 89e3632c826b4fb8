import type { Services } from '../../src/container.js';
import type { Actor } from '../../src/features/events/event-log.js';
import type { UserProfile } from '../../src/features/users/user.js';
import { createTenant } from '../../src/operator.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

export const admin: Actor = { type: 'token', id: 'licensing-test-admin' };

export interface LicensingFixture {
  app: TestApp;
  tenantId: string;
  tx<T>(work: (s: Services) => Promise<T>): Promise<T>;
  /** A user of the tenant (country SE unless the profile says otherwise). */
  user(name: string, profile?: UserProfile): Promise<string>;
  buy(product: string, quantity: number): Promise<void>;
  /** Acquires a fixed (and optionally mobile) SE number and assigns it to the user. */
  giveNumbers(userId: string, kinds?: Array<'fixed' | 'mobile'>): Promise<void>;
  state(assignmentId: string): Promise<string>;
  /** The same helpers on a new tenant of the same database: scenarios that count seats stay independent. */
  newTenant(): Promise<LicensingFixture>;
  close(): Promise<void>;
}

let counter = 0;

export async function licensingFixture(config: Record<string, string> = {}): Promise<LicensingFixture> {
  const app = await buildTestApp(config);
  return scoped(app, app.tenant.tenantId);
}

function scoped(app: TestApp, tenantId: string): LicensingFixture {
  const tx: LicensingFixture['tx'] = (work) => app.container.transaction(work);
  return {
    app,
    tenantId,
    tx,
    user: (name, profile = {}) =>
      tx(async (s) => {
        counter += 1;
        const user = await s.users.create(
          tenantId,
          {
            userName: `${name}-${counter}@example.com`,
            active: true,
            profile: { country: 'SE', name: { givenName: name }, ...profile },
          },
          'admin',
          admin,
        );
        return user.id;
      }),
    buy: (product, quantity) =>
      tx(async (s) => {
        await s.seats.purchase(
          tenantId,
          { product, quantity, bindingMonths: 12, termsAccepted: true },
          admin,
        );
      }),
    giveNumbers: (userId, kinds = ['fixed']) =>
      tx(async (s) => {
        for (const kind of kinds) {
          const [number] = await s.numbers.acquire(tenantId, { country: 'SE', kind, quantity: 1 }, admin);
          await s.numbers.assign(tenantId, number!.id, userId, admin);
        }
      }),
    state: async (id) => (await app.container.services.assignments.get(tenantId, id)).state,
    newTenant: async () => {
      counter += 1;
      const tenant = await createTenant(
        app.container,
        `licensing-${counter}-${Math.random().toString(36).slice(2, 8)}`,
      );
      return scoped(app, tenant.tenantId);
    },
    close: () => app.close(),
  };
}
