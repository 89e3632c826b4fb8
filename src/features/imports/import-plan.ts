import { isDeepStrictEqual } from 'node:util';
import { checkRequirements, type UserFacts } from '../assignments/requirement-check.js';
import type { Product, Track } from '../catalog/catalog.js';
import type { NumberKind } from '../numbers/numbering-plan.js';
import type { Rule } from '../rules/rule.js';
import type { UserProfile } from '../users/user.js';
import type { LicensePlan, ParsedRow, RowError, RowOutcome } from './import-row.js';
import { planProfile } from './import-profile.js';

/** A license of an existing user that has not ended. */
export interface HeldLicense {
  productId: string;
  trackKey: string;
  state: string;
  effectiveAt: Date;
}

export interface ExistingUser {
  id: string;
  active: boolean;
  profile: UserProfile;
  groupIds: ReadonlySet<string>;
  licenses: readonly HeldLicense[];
  numberKinds: ReadonlySet<NumberKind>;
}

export interface PoolNumber {
  kind: NumberKind;
  status: string;
  userId: string | null;
}

/** Everything a plan decides on, read once for the whole file (or a batch of it). */
export interface ImportFacts {
  now: Date;
  defaults: { country: string; language: string };
  /** By lower-case e-mail (userName). */
  users: ReadonlyMap<string, ExistingUser>;
  /** By E.164. */
  numbers: ReadonlyMap<string, PoolNumber>;
  /** By lower-case key. */
  products: ReadonlyMap<string, Product>;
  tracks: ReadonlyMap<string, Track>;
  /** By lower-case display name. */
  groups: ReadonlyMap<string, { id: string; displayName: string }>;
  /** Seats free per product on a day: `${productId}|now` or `${productId}|YYYY-MM-DD`. */
  seats: ReadonlyMap<string, number>;
  rules: readonly Rule[];
  /** `${line}|${ruleId}`: the rule's filter selects the row's user (rules without a filter select every member). */
  ruleSelects: ReadonlySet<string>;
}

export const seatKey = (productId: string, at: Date | null) =>
  `${productId}|${at ? at.toISOString().slice(0, 10) : 'now'}`;

const HOLDING = new Set(['active', 'removal_scheduled', 'grace']);
const RUNNING = new Set(['active', 'removal_scheduled']);
const NOT_ENDED = new Set(['active', 'removal_scheduled', 'grace', 'scheduled', 'blocked']);

export interface ImportPlan {
  rows: RowOutcome[];
  summary: ImportSummary;
}

export interface ImportSummary {
  rows: number;
  valid: number;
  invalid: number;
  users: { create: number; update: number; unchanged: number };
  /** Per product, like a rule preview: licenses the file adds directly and through rules, against free seats. */
  products: Array<{
    product: string;
    direct: number;
    viaRules: number;
    seatsAvailable: number;
    seatShortfall: number;
  }>;
}

/**
 * What importing the rows would do, row by row, against the facts: the same decisions the API makes (a user
 * is found by e-mail; a number must be a free pool number of the right kind; a product must exist, be for sale and
 * have a seat on its date; its requirements are checked on the user's projected state). Rows are decided in file
 * order, so two rows cannot take the same number or the last free seat. Pure: the dry run and each applied batch
 * call it, so the apply does what the dry run showed unless the tenant changed in between.
 *
 * `strict`: a row whose license would wait blocked (no seat, an unmet requirement) is an error instead, the way
 * the API's `strict` refuses rather than keeping a blocked assignment.
 */
export function planImport(rows: readonly ParsedRow[], facts: ImportFacts, strict: boolean): ImportPlan {
  const seatsUsed = new Map<string, number>();
  const numbersTaken = new Map<string, number>();
  const emailsSeen = new Map<string, number>();
  const ruleDemand = new Map<string, number>();
  const directDemand = new Map<string, number>();
  const outcomes: RowOutcome[] = [];
  for (const row of rows) {
    const outcome = planRow(row, facts, strict, { seatsUsed, numbersTaken, emailsSeen, ruleDemand });
    if (outcome.status === 'valid')
      for (const l of outcome.licenses)
        if (l.action !== 'unchanged') directDemand.set(l.product, (directDemand.get(l.product) ?? 0) + 1);
    outcomes.push(outcome);
  }
  return { rows: outcomes, summary: summarise(outcomes, facts, directDemand, ruleDemand) };
}

interface Ledger {
  seatsUsed: Map<string, number>;
  numbersTaken: Map<string, number>;
  emailsSeen: Map<string, number>;
  ruleDemand: Map<string, number>;
}

function planRow(row: ParsedRow, facts: ImportFacts, strict: boolean, ledger: Ledger): RowOutcome {
  const outcome: RowOutcome = {
    line: row.line,
    email: row.email,
    status: 'invalid',
    user: null,
    numbers: [],
    licenses: [],
    groups: [],
    ruleLicenses: [],
    errors: [...row.errors],
  };
  const input = row.input;
  if (!input) return outcome;
  const errors = outcome.errors;
  const email = input.email.toLowerCase();
  const earlier = ledger.emailsSeen.get(email);
  if (earlier !== undefined)
    errors.push({
      column: 'email',
      code: 'import.duplicate_email',
      message: `${input.email} is already on line ${earlier}: one row per user`,
    });
  else ledger.emailsSeen.set(email, row.line);

  const existing = facts.users.get(email) ?? null;
  const profile = planProfile(input, existing?.profile ?? null, facts.defaults);
  outcome.user = {
    action: !existing ? 'create' : isDeepStrictEqual(profile.next, existing.profile) ? 'unchanged' : 'update',
    id: existing?.id ?? null,
    changed: profile.changed,
  };

  // Numbers: the tenant's pool numbers, free (or already this user's), of the column's kind, once in the file.
  const numberKinds = new Set(existing?.numberKinds ?? []);
  for (const [column, kind, value] of [
    ['mobile_number', 'mobile', input.mobileNumber],
    ['fixed_number', 'fixed', input.fixedNumber],
  ] as const) {
    if (!value) continue;
    const problem = numberProblem(value, kind, facts.numbers.get(value), existing?.id ?? null);
    const takenOn = ledger.numbersTaken.get(value);
    if (problem) errors.push({ column, ...problem });
    else if (takenOn !== undefined)
      errors.push({ column, code: 'number.unavailable', message: `${value} is already on line ${takenOn}` });
    else {
      ledger.numbersTaken.set(value, row.line);
      numberKinds.add(kind);
      const mine = facts.numbers.get(value)?.userId === existing?.id && existing !== null;
      outcome.numbers.push({ number: value, kind, action: mine ? 'unchanged' : 'assign' });
    }
  }

  // Groups must exist (an import joins users to groups; it does not create them).
  const groupIds: string[] = [];
  for (const name of input.groups) {
    const group = facts.groups.get(name.toLowerCase());
    if (!group) {
      errors.push({ column: 'groups', code: 'group.not_found', message: `No group named "${name}"` });
      continue;
    }
    groupIds.push(group.id);
    outcome.groups.push({
      group: group.displayName,
      action: existing?.groupIds.has(group.id) ? 'unchanged' : 'join',
    });
  }

  const effectiveAt = activationOf(input.activationDate, facts.now);
  const products = resolveProducts(input.products, facts, errors);
  if (errors.length > 0) return outcome;

  const country = String(profile.next.country ?? facts.defaults.country);
  const userFacts: UserFacts & { activeTracks: Set<string> } = {
    active: existing?.active ?? true,
    country,
    hasEmergencyAddress: profile.next.emergencyAddress !== undefined,
    numberKinds,
    activeTracks: new Set(
      (existing?.licenses ?? [])
        .filter(
          (l) =>
            RUNNING.has(l.state) || (l.state === 'scheduled' && l.effectiveAt <= (effectiveAt ?? facts.now)),
        )
        .map((l) => l.trackKey),
    ),
  };
  // Products that need a license of another track come after the ones that give it (Voice before Unlimited 5G).
  const ordered = [...products].sort((a, b) => needsTrack(a) - needsTrack(b));
  const seatClaims: string[] = [];
  for (const product of ordered) {
    const held = existing?.licenses.find((l) => l.productId === product.id && NOT_ENDED.has(l.state));
    if (held) {
      outcome.licenses.push({
        product: product.key,
        action: 'unchanged',
        state: HOLDING.has(held.state) ? 'held' : held.state === 'blocked' ? 'blocked' : 'scheduled',
        effectiveAt: held.effectiveAt.toISOString(),
        conflicts: [],
      });
      continue;
    }
    const key = seatKey(product.id, effectiveAt);
    const free = (facts.seats.get(key) ?? 0) - (ledger.seatsUsed.get(key) ?? 0);
    const conflicts = checkRequirements(product, userFacts).map(({ reason, message }) => ({
      reason,
      message,
    }));
    if (free <= 0)
      conflicts.push({
        reason: 'seat_unavailable',
        message: `No free ${product.name} seat ${effectiveAt ? `on ${key.split('|')[1]}` : 'now'}: buy seats or free one; the license waits blocked and activates by itself, oldest first`,
      });
    const plan: LicensePlan = {
      product: product.key,
      action: effectiveAt ? 'schedule' : 'assign',
      state: effectiveAt ? 'scheduled' : conflicts.length > 0 ? 'blocked' : 'active',
      effectiveAt: effectiveAt?.toISOString() ?? null,
      conflicts,
    };
    outcome.licenses.push(plan);
    if (strict && conflicts.length > 0)
      errors.push(
        ...conflicts.map((c) => ({
          column: 'products' as const,
          code: c.reason === 'seat_unavailable' ? 'seat.unavailable' : 'requirement.unmet',
          message: c.message,
        })),
      );
    if (conflicts.length === 0) {
      userFacts.activeTracks.add(product.trackKey);
      seatClaims.push(key);
    }
  }

  outcome.ruleLicenses = ruleLicenses(row.line, groupIds, existing, facts);
  if (errors.length > 0) return outcome;
  for (const key of seatClaims) ledger.seatsUsed.set(key, (ledger.seatsUsed.get(key) ?? 0) + 1);
  for (const r of outcome.ruleLicenses)
    ledger.ruleDemand.set(r.product, (ledger.ruleDemand.get(r.product) ?? 0) + 1);
  outcome.status = 'valid';
  return outcome;
}

function numberProblem(
  value: string,
  kind: NumberKind,
  number: PoolNumber | undefined,
  userId: string | null,
): Omit<RowError, 'column'> | null {
  if (!number) return { code: 'number.not_owned', message: `${value} is not in the tenant's number pool` };
  if (number.kind !== kind)
    return { code: 'number.invalid', message: `${value} is a ${number.kind} number, not a ${kind} one` };
  if (number.status === 'assigned' && number.userId === userId && userId !== null) return null;
  if (number.status === 'available' || number.status === 'reserved') return null;
  return {
    code: 'number.unavailable',
    message:
      number.status === 'assigned'
        ? `${value} is assigned to another user`
        : `${value} is ${number.status === 'porting' ? 'being ported in' : 'in quarantine'}, not free`,
  };
}

function resolveProducts(keys: readonly string[], facts: ImportFacts, errors: RowError[]): Product[] {
  const out: Product[] = [];
  const tracks = new Map<string, string>();
  for (const key of keys) {
    const product = facts.products.get(key.toLowerCase());
    if (!product) {
      errors.push({ column: 'products', code: 'product.not_found', message: `No product "${key}"` });
      continue;
    }
    if (!product.sellable) {
      errors.push({
        column: 'products',
        code: 'product.not_sellable',
        message: `${product.name} is not for sale`,
      });
      continue;
    }
    const other = tracks.get(product.trackKey);
    if (other && facts.tracks.get(product.trackKey)?.exclusive) {
      errors.push({
        column: 'products',
        code: 'track.conflict',
        message: `${other} and ${product.name} are both in the exclusive ${product.trackNames[product.trackKey] ?? product.trackKey} track: a user has one`,
      });
      continue;
    }
    tracks.set(product.trackKey, product.name);
    if (!out.some((p) => p.id === product.id)) out.push(product);
  }
  return out;
}

const needsTrack = (product: Product) =>
  product.requirements.some((r) => r.kind === 'active_license_in_track') ? 1 : 0;

/** An activation date in the future schedules; none, or one that has passed, is now (null). */
function activationOf(date: string | undefined, now: Date): Date | null {
  if (!date) return null;
  const at = new Date(date);
  return at > now ? at : null;
}

/** The rules that would select the user once the row's groups are joined (only the new memberships change anything). */
function ruleLicenses(
  line: number,
  groupIds: readonly string[],
  existing: ExistingUser | null,
  facts: ImportFacts,
): RowOutcome['ruleLicenses'] {
  const joined = new Set(groupIds.filter((id) => !existing?.groupIds.has(id)));
  const out: RowOutcome['ruleLicenses'] = [];
  for (const rule of facts.rules) {
    if (!rule.groupId || !joined.has(rule.groupId)) continue;
    if (rule.filter && !facts.ruleSelects.has(`${line}|${rule.id}`)) continue;
    const product = [...facts.products.values()].find((p) => p.id === rule.productId);
    if (!product || existing?.licenses.some((l) => l.productId === product.id && NOT_ENDED.has(l.state)))
      continue;
    out.push({ ruleId: rule.id, ruleName: rule.name, product: product.key });
  }
  return out;
}

function summarise(
  rows: readonly RowOutcome[],
  facts: ImportFacts,
  direct: ReadonlyMap<string, number>,
  viaRules: ReadonlyMap<string, number>,
): ImportSummary {
  const valid = rows.filter((r) => r.status === 'valid');
  const count = (action: string) => valid.filter((r) => r.user?.action === action).length;
  const keys = [...new Set([...direct.keys(), ...viaRules.keys()])].sort();
  return {
    rows: rows.length,
    valid: valid.length,
    invalid: rows.length - valid.length,
    users: { create: count('create'), update: count('update'), unchanged: count('unchanged') },
    products: keys.map((key) => {
      const product = facts.products.get(key);
      const seatsAvailable = product ? Math.max(facts.seats.get(seatKey(product.id, null)) ?? 0, 0) : 0;
      const wanted = (direct.get(key) ?? 0) + (viaRules.get(key) ?? 0);
      return {
        product: key,
        direct: direct.get(key) ?? 0,
        viaRules: viaRules.get(key) ?? 0,
        seatsAvailable,
        seatShortfall: Math.max(wanted - seatsAvailable, 0),
      };
    }),
  };
}
