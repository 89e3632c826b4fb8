import type supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../src/operator.js';
import { SEATSYNC_USER } from '../../src/lib/scim-schema/scim-schemas.js';
import { adminClient, buildTestApp, scimClient, USER_SCHEMA, type TestApp } from '../helpers/test-app.js';

// "A running license always meets its requirements" and "numbers are owned objects", through the admin API and
// SCIM. One database for the file; each scenario takes a tenant of its own.
let t: TestApp;
let counter = 0;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const US_ADDRESS_SCIM = {
  streetAddress: '1 Main St',
  locality: 'Springfield',
  postalCode: '12345',
  country: 'US',
};
const US_ADDRESS = {
  streetAddress: '1 Main St',
  locality: 'Springfield',
  postalCode: '12345',
  country: 'US',
};

async function tenant() {
  counter += 1;
  const created = await createTenant(t.container, `invariants-${counter}-${Date.now()}`);
  const api = adminClient(t.app, created.adminToken);
  const scim = scimClient(t.app, created.scimToken);
  const ok = async (res: supertest.Test | Promise<supertest.Response>, status = 200) => {
    const r = await res;
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    return r.body;
  };
  const licenses = async (userId: string) => (await ok(api.get(`/users/${userId}`))).licenses;
  /** A user with an active Basic license and the pool's fixed number `number` (country SE unless told). */
  const basicUser = async (name: string, country = 'SE', extra: Record<string, unknown> = {}) => {
    const id = (
      await ok(
        api.post('/users', {
          firstName: name,
          surname: 'Tester',
          email: `${name}-${counter}@example.com`,
          country,
        }),
        201,
      )
    ).id as string;
    if (Object.keys(extra).length > 0) await ok(api.patch(`/users/${id}`, extra));
    const [number] = (await ok(api.post('/numbers/acquire', { country, kind: 'fixed', quantity: 1 }), 201))
      .items;
    const [result] = (
      await ok(
        api.post('/assignments', { userIds: [id], product: 'basic', numbers: { fixed: number.e164 } }),
        201,
      )
    ).results;
    expect(result.assignment.state).toBe('active');
    return { id, number: number.e164 as string, assignmentId: result.assignment.id as string };
  };
  await ok(
    api.post('/purchases', { product: 'basic', quantity: 10, bindingMonths: 12, termsAccepted: true }),
    201,
  );
  return { api, scim, ok, licenses, basicUser, tenantId: created.tenantId };
}

describe('a running license keeps its requirements', () => {
  it('admin: releasing the only fixed number is refused with the licenses it breaks, or sends them to grace when told; assigning one restores them at once', async () => {
    const { api, ok, licenses, basicUser } = await tenant();
    const ada = await basicUser('ada');

    const refused = await api.post(`/numbers/${ada.number}/release`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('requirement.would_break');
    expect(refused.body.details.licenses).toEqual([
      { assignmentId: ada.assignmentId, product: 'basic', reasons: ['requirement_unmet:fixed_number'] },
    ]);
    // Nothing changed: the number is still hers, the license still active.
    expect((await ok(api.get(`/numbers/${ada.number}`))).status).toBe('assigned');
    expect((await ok(api.get(`/assignments/${ada.assignmentId}`))).state).toBe('active');

    await ok(api.post(`/numbers/${ada.number}/release`, { brokenLicenses: 'grace' }));
    const stopped = await ok(api.get(`/assignments/${ada.assignmentId}`));
    expect(stopped).toMatchObject({ state: 'grace', removalCause: 'requirement_lost' });
    expect(stopped.blockedReasons).toEqual(['requirement_unmet:fixed_number']);
    const view = await licenses(ada.id);
    expect(view.conflicts.map((c: { reason: string }) => c.reason)).toEqual([
      'requirement_unmet:fixed_number',
    ]);

    // The fix takes effect in the transaction that makes it, not on a sweep.
    const [other] = (
      await ok(api.post('/numbers/acquire', { country: 'SE', kind: 'fixed', quantity: 1 }), 201)
    ).items;
    await ok(api.post(`/numbers/${other.id}/assign`, { userId: ada.id }));
    expect((await ok(api.get(`/assignments/${ada.assignmentId}`))).state).toBe('active');
  });

  it('admin: clearing a US user’s emergency address is refused, or sends Basic to grace; setting it again restores it', async () => {
    const { api, ok, basicUser } = await tenant();
    const bob = await basicUser('bob', 'US', { emergencyAddress: US_ADDRESS });

    const refused = await api.patch(`/users/${bob.id}`, { emergencyAddress: null });
    expect([refused.status, refused.body.code]).toEqual([409, 'requirement.would_break']);
    expect(refused.body.details.licenses[0].reasons).toEqual(['requirement_unmet:emergency_address']);
    expect((await ok(api.get(`/users/${bob.id}`))).emergencyAddress).toBeTruthy();

    await ok(api.patch(`/users/${bob.id}`, { emergencyAddress: null, brokenLicenses: 'grace' }));
    expect((await ok(api.get(`/assignments/${bob.assignmentId}`))).state).toBe('grace');
    await ok(api.patch(`/users/${bob.id}`, { emergencyAddress: US_ADDRESS }));
    expect((await ok(api.get(`/assignments/${bob.assignmentId}`))).state).toBe('active');
  });

  it('admin: moving a user to a country whose requirement they do not meet is refused; an unrelated edit is not', async () => {
    const { api, ok, basicUser } = await tenant();
    const cy = await basicUser('cy');
    const refused = await api.patch(`/users/${cy.id}`, { country: 'US' });
    expect([refused.status, refused.body.code]).toEqual([409, 'requirement.would_break']);
    await ok(api.patch(`/users/${cy.id}`, { title: 'Engineer' }));
    expect((await ok(api.get(`/assignments/${cy.assignmentId}`))).state).toBe('active');
  });

  it('SCIM: the IdP clearing the emergency address is not refused; the license goes to grace and comes back', async () => {
    const { api, scim, ok, basicUser } = await tenant();
    const dee = await basicUser('dee', 'US', { emergencyAddress: US_ADDRESS });
    const patched = await scim.patchOps(`/Users/${dee.id}`, {
      op: 'remove',
      path: `${SEATSYNC_USER}:emergencyAddress`,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBeLessThan(300);
    expect((await ok(api.get(`/users/${dee.id}`))).emergencyAddress).toBeNull();
    const after = await ok(api.get(`/assignments/${dee.assignmentId}`));
    expect([after.state, after.removalCause]).toEqual(['grace', 'requirement_lost']);
    const restored = await scim.patchOps(`/Users/${dee.id}`, {
      op: 'add',
      path: `${SEATSYNC_USER}:emergencyAddress`,
      value: US_ADDRESS_SCIM,
    });
    expect(restored.status, JSON.stringify(restored.body)).toBeLessThan(300);
    expect((await ok(api.get(`/assignments/${dee.assignmentId}`))).state).toBe('active');
  });
});

describe('numbers are owned objects', () => {
  it('admin: a typed number that is not the user’s pool number is refused; a pool number cannot be dropped from the contact details', async () => {
    const { api, ok, basicUser } = await tenant();
    const eve = await basicUser('eve');
    const fay = await basicUser('fay');

    const foreign = await api.patch(`/users/${eve.id}`, { phoneNumbers: { mobile: '+46701234567' } });
    expect([foreign.status, foreign.body.code, foreign.body.details?.holder]).toEqual([
      409,
      'number.not_owned',
      'not_tenant',
    ]);
    const others = await api.patch(`/users/${eve.id}`, { phoneNumbers: { mobile: fay.number } });
    expect([others.status, others.body.code, others.body.details?.holder]).toEqual([
      409,
      'number.not_owned',
      'other_user',
    ]);
    const [free] = (
      await ok(api.post('/numbers/acquire', { country: 'SE', kind: 'mobile', quantity: 1 }), 201)
    ).items;
    const unassigned = await api.patch(`/users/${eve.id}`, { phoneNumbers: { mobile: free.e164 } });
    expect([unassigned.status, unassigned.body.details?.holder]).toEqual([409, 'pool']);

    const dropped = await api.patch(`/users/${eve.id}`, { phoneNumbers: { work: null } });
    expect([dropped.status, dropped.body.code]).toEqual([409, 'number.pool_assigned']);
    expect((await ok(api.get(`/users/${eve.id}`))).phoneNumbers).toEqual([
      { value: eve.number, type: 'work' },
    ]);
  });

  it('SCIM: a PUT without the pool number keeps it; a typed number of another user is kept as contact data, listed, and counts for nothing', async () => {
    const { api, scim, ok, licenses, basicUser } = await tenant();
    const gus = await basicUser('gus');
    const hal = await basicUser('hal');
    const current = (await scim.get(`/Users/${gus.id}`)).body;
    const put = await scim.put(`/Users/${gus.id}`, {
      schemas: [USER_SCHEMA],
      userName: current.userName,
      name: { givenName: 'Gus', familyName: 'Tester' },
      active: true,
      phoneNumbers: [{ value: hal.number, type: 'mobile' }],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const phones = (await ok(api.get(`/users/${gus.id}`))).phoneNumbers.map(
      (p: { value: string }) => p.value,
    );
    expect(phones.sort()).toEqual([gus.number, hal.number].sort());
    expect((await ok(api.get(`/numbers/${gus.number}`))).userId).toBe(gus.id);
    expect((await licenses(gus.id)).numberConflicts).toEqual([
      expect.objectContaining({ value: hal.number, type: 'mobile', holder: 'other_user' }),
    ]);

    // A typed fixed number satisfies nothing: a SCIM user with only a typed number gets Basic blocked.
    const created = await scim.post('/Users', {
      schemas: [USER_SCHEMA],
      userName: `ivy-${counter}@example.com`,
      active: true,
      phoneNumbers: [{ value: '+4681234567', type: 'work' }],
    });
    expect(created.status).toBe(201);
    const [result] = (
      await ok(api.post('/assignments', { userIds: [created.body.id], product: 'basic' }), 201)
    ).results;
    expect(result.assignment.state).toBe('blocked');
    expect(result.assignment.blockedReasons).toContain('requirement_unmet:fixed_number');
  });

  it('automatic picking never takes reserved or ported-in numbers; an explicit choice does', async () => {
    const { api, ok } = await tenant();
    const [reserved] = (
      await ok(api.post('/numbers/acquire', { country: 'SE', kind: 'fixed', quantity: 1 }), 201)
    ).items;
    await ok(api.post(`/numbers/${reserved.id}/reserve`));
    const jo = (
      await ok(
        api.post('/users', {
          firstName: 'Jo',
          surname: 'T',
          email: `jo-${counter}@example.com`,
          country: 'SE',
        }),
        201,
      )
    ).id;
    const picked = await api.post('/assignments', {
      userIds: [jo],
      product: 'basic',
      numbers: { pickFromPool: true },
    });
    expect([picked.status, picked.body.code]).toEqual([409, 'number.unavailable']);
    expect((await ok(api.get(`/numbers/${reserved.id}`))).status).toBe('reserved');
    const [chosen] = (
      await ok(
        api.post('/assignments', { userIds: [jo], product: 'basic', numbers: { fixed: reserved.e164 } }),
        201,
      )
    ).results;
    expect(chosen.assignment.state).toBe('active');
  });
});

describe('fixes take effect when they happen', () => {
  it('freeSeatNow frees the seat in the removal: a license waiting for a seat takes it at once', async () => {
    const { api, ok } = await tenant();
    await ok(
      api.post('/purchases', { product: 'cc-pro', quantity: 1, bindingMonths: 12, termsAccepted: true }),
      201,
    );
    const ids: string[] = [];
    for (const name of ['kim', 'lee'])
      ids.push(
        (
          await ok(
            api.post('/users', { firstName: name, surname: 'T', email: `${name}-${counter}@example.com` }),
            201,
          )
        ).id,
      );
    const [first, second] = (await ok(api.post('/assignments', { userIds: ids, product: 'cc-pro' }), 201))
      .results;
    expect([first.assignment.state, second.assignment.state]).toEqual(['active', 'blocked']);

    const refused = await api.post(`/assignments/${first.assignment.id}/remove`, { freeSeatNow: true });
    expect([refused.status, refused.body.code]).toEqual([422, 'confirmation.required']);
    const removed = await ok(
      api.post(`/assignments/${first.assignment.id}/remove`, { confirmDataLoss: true, freeSeatNow: true }),
    );
    expect(removed.state).toBe('removed');
    expect((await ok(api.get(`/assignments/${second.assignment.id}`))).state).toBe('active');
  });
});
