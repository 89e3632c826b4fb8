/**
 * `npm run bench:rules`: the rules-engine figures of issue 4 on a real PostgreSQL.
 * - 100k users, 100 groups (300k memberships), 100 active rules (CC Pro add-on rules, Basic and Business Mobile
 *   rules competing in the exclusive Voice track, a quarter of them narrowed by a SCIM filter).
 * 1. Full plan with nothing applied yet: the decision for every user (target < 10 s).
 * 2. Full reconcile of a settled tenant (the hourly drift job when nothing drifted), and with 1,000 grants
 *    removed behind the rules' back: plan, queue, then the evaluation of the queued users (apply throughput).
 * 3. One membership change: a GroupService PATCH adding a user to a ruled group, decided and applied in its
 *    transaction (target < 20 ms to decide), 100 times.
 *
 * The settled state of step 2 is seeded by SQL from the plan (one INSERT per table), like the users: applying
 * 250k grants through the engine one license at a time is what step 2's drift figure measures, on 1,000 users.
 * A database of its own (seatsync_bench_rules_<random>) on BENCH_DATABASE_URL's server is created and dropped.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { createContainer, type Container } from '../src/container.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { createTenant } from '../src/operator.js';
import { BenchDatabase } from './bench-database.js';
import { seedUsers } from './seed.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const RULES = 100;
const DRIFTED = 1000;
const INCREMENTAL_RUNS = 100;
const actor = { type: 'cli' as const, id: 'bench' };

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

async function main(): Promise<void> {
  const db = new BenchDatabase(SERVER_URL, `seatsync_bench_rules_${randomBytes(4).toString('hex')}`);
  await db.recreate();
  let container: Container | undefined;
  try {
    const config = loadConfig({
      DATABASE_URL: db.url,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '4',
      DB_QUERY_TIMEOUT_MS: '600000',
    });
    container = await createContainer(config, createLogger('warn'));
    const c = container;
    const knex = c.database.knex;
    await migrateToLatest(knex);
    const { tenantId } = await createTenant(c, 'bench-rules');
    console.log(
      `machine: ${availableParallelism()} CPUs (${cpus()[0]?.model.trim()}), load average before: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );

    // --- seed: users, groups, memberships, seats, rules -----------------------------------------------
    await seedUsers(knex, tenantId, USERS);
    await knex('groups').insert(
      Array.from({ length: RULES }, (_, k) => ({
        tenant_id: tenantId,
        display_name: `group-${k}`,
        source: 'scim',
      })),
    );
    await knex.raw(
      `INSERT INTO group_members (group_id, user_id, tenant_id)
       SELECT DISTINCT g.id, u.id, u.tenant_id
       FROM (SELECT id, tenant_id, substring(user_name from 'user(\\d+)@')::int AS n FROM users WHERE tenant_id = ?) u
       CROSS JOIN LATERAL (VALUES (u.n % 100), ((u.n * 7 + 3) % 100), ((u.n * 13 + 5) % 100)) AS k(k)
       JOIN groups g ON g.tenant_id = u.tenant_id AND g.display_name = 'group-' || k.k`,
      [tenantId],
    );
    await knex.raw('ANALYZE group_members');
    const memberships = Number((await knex('group_members').count({ n: '*' }))[0]!.n);
    const groups: Array<{ id: string; display_name: string }> = await knex('groups')
      .where({ tenant_id: tenantId })
      .select('id', 'display_name');
    const groupId = new Map(groups.map((g) => [g.display_name, g.id]));
    await c.transaction(async (s) => {
      for (const [product, quantity] of [
        ['cc-pro', 100_000],
        ['cc-pro', 100_000],
        ['basic', 100_000],
        ['business-mobile', 100_000],
      ] as const) {
        await s.seats.purchase(
          tenantId,
          { product, quantity, bindingMonths: 12, termsAccepted: true },
          actor,
        );
      }
      for (let k = 0; k < RULES; k += 1) {
        const product = k < 50 ? 'cc-pro' : k < 75 ? 'basic' : 'business-mobile';
        const filter =
          k % 4 === 0
            ? 'country eq "SE" or country eq "NO"'
            : k % 5 === 0
              ? 'department eq "Sales"'
              : undefined;
        await s.rules.create(
          tenantId,
          {
            name: `rule-${k}`,
            groupId: groupId.get(`group-${k}`)!,
            product,
            priority: k,
            status: 'draft',
            ...(filter ? { filter } : {}),
          },
          actor,
        );
      }
    });
    await knex('license_rules').where({ tenant_id: tenantId }).update({ status: 'active' });
    console.log(`seeded: ${USERS} users, ${RULES} groups, ${memberships} memberships, ${RULES} active rules`);

    // --- 1. full plan, nothing applied ----------------------------------------------------------------
    const rules = await c.services.rules.active(tenantId);
    const [plan, planMs] = await timed(() => c.services.ruleEngine.plan(tenantId, rules, null));
    const licenses = new Set(plan.grants.map((g) => `${g.userId}|${g.productId}`));
    console.log(
      `1. full plan, nothing applied: ${seconds(planMs)} s for ${plan.userIds.length} users → ${plan.grants.length} grants (${licenses.size} licenses), ${plan.conflicts.length} conflicts (target < 10 s)`,
    );

    // --- seed the settled state from the plan ---------------------------------------------------------
    const products = new Map((await c.services.catalog.listProducts(tenantId)).map((p) => [p.id, p]));
    const rows = [...licenses].map((k) => {
      const [userId, productId] = k.split('|') as [string, string];
      return {
        tenant_id: tenantId,
        user_id: userId,
        product_id: productId,
        state: 'active',
        effective_at: new Date(),
        activated_at: new Date(),
      };
    });
    for (let i = 0; i < rows.length; i += 5000)
      await knex('license_assignments').insert(rows.slice(i, i + 5000));
    await knex.raw(
      `INSERT INTO assignment_grants (tenant_id, assignment_id, kind, rule_id, granted_by)
       SELECT ?, a.id, 'rule', x.rule_id, 'bench' FROM unnest(?::uuid[], ?::uuid[], ?::uuid[]) AS x(user_id, product_id, rule_id)
       JOIN license_assignments a ON a.user_id = x.user_id AND a.product_id = x.product_id`,
      [
        tenantId,
        plan.grants.map((g) => g.userId),
        plan.grants.map((g) => g.productId),
        plan.grants.map((g) => g.ruleId),
      ],
    );
    // The conflicts the engine keeps for a settled tenant: those of a plan over the seeded licenses.
    await knex.raw('ANALYZE license_assignments; ANALYZE assignment_grants');
    const settledPlan = await c.services.ruleEngine.plan(tenantId, rules, null);
    const conflictRows = settledPlan.conflicts.map((x) => ({
      tenant_id: tenantId,
      user_id: x.userId,
      rule_id: x.ruleId,
      product_id: x.productId,
      kind: x.kind,
      message: x.message,
    }));
    for (let i = 0; i < conflictRows.length; i += 5000)
      await knex('rule_conflicts').insert(conflictRows.slice(i, i + 5000));
    await knex.raw('ANALYZE license_assignments; ANALYZE assignment_grants; ANALYZE rule_conflicts');
    console.log(
      `   settled state seeded: ${rows.length} licenses of ${[...new Set(rows.map((r) => products.get(r.product_id)!.key))].join(', ')}`,
    );

    // --- 2. full reconcile, settled and drifted -------------------------------------------------------
    const [settled, settledMs] = await timed(() =>
      c.transaction((s) => s.ruleEngine.reconcileTenant(tenantId, actor)),
    );
    console.log(
      `2. full reconcile, settled tenant: ${seconds(settledMs)} s, ${settled.grants} grants and ${settled.revocations} revocations planned, ${settled.queued} users queued (target < 10 s)`,
    );
    await knex.raw(
      `DELETE FROM assignment_grants WHERE id IN (SELECT g.id FROM assignment_grants g JOIN license_assignments a ON a.id = g.assignment_id
         WHERE a.tenant_id = ? AND a.product_id = (SELECT id FROM catalog_products WHERE tenant_id = ? AND key = 'cc-pro') ORDER BY g.id LIMIT ?)`,
      [tenantId, tenantId, DRIFTED],
    );
    const [drifted, driftMs] = await timed(() =>
      c.transaction((s) => s.ruleEngine.reconcileTenant(tenantId, actor)),
    );
    const [applied, applyMs] = await timed(async () => {
      let total = 0;
      for (;;) {
        const n = await c.transaction((s) => s.ruleEngine.drainQueue(200, actor));
        if (n === 0) return total;
        total += n;
      }
    });
    console.log(
      `   with ${DRIFTED} grants removed behind its back: plan ${seconds(driftMs)} s, ${drifted.grants} grants planned, ${drifted.queued} users queued; ` +
        `evaluating them ${seconds(applyMs)} s (${Math.round(applied / (applyMs / 1000))} users/s)`,
    );

    // --- 3. one membership change ---------------------------------------------------------------------
    const ruled = groupId.get('group-1')!;
    const outsiders: Array<{ id: string }> = await knex('users')
      .where({ tenant_id: tenantId })
      .whereNotExists(
        knex('group_members').where('group_id', ruled).whereRaw('group_members.user_id = users.id'),
      )
      .limit(INCREMENTAL_RUNS)
      .select('id');
    const whole: number[] = [];
    const decide: number[] = [];
    for (const { id } of outsiders) {
      const [, ms] = await timed(() =>
        c.transaction((s) =>
          s.groups.modify(
            tenantId,
            ruled,
            [{ kind: 'addMembers', members: [{ userId: id }] }],
            actor,
            undefined,
          ),
        ),
      );
      whole.push(ms);
      const [, planOne] = await timed(() => c.services.ruleEngine.plan(tenantId, rules, [id]));
      decide.push(planOne);
    }
    whole.sort((a, b) => a - b);
    decide.sort((a, b) => a - b);
    const granted = await knex('assignment_grants')
      .whereIn(
        'assignment_id',
        knex('license_assignments')
          .whereIn(
            'user_id',
            outsiders.map((o) => o.id),
          )
          .select('id'),
      )
      .where({ rule_id: rules.find((r) => r.name === 'rule-1')!.id })
      .count({ n: '*' });
    console.log(
      `3. one membership change (PATCH adding a member to a ruled group, ${INCREMENTAL_RUNS} runs): decide p50 ${percentile(decide, 50).toFixed(1)} ms, p99 ${percentile(decide, 99).toFixed(1)} ms (target < 20 ms); ` +
        `whole transaction incl. the license p50 ${percentile(whole, 50).toFixed(1)} ms, p99 ${percentile(whole, 99).toFixed(1)} ms; grants made: ${granted[0]!.n}/${outsiders.length}`,
    );
    console.log(
      `load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await container?.close();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
