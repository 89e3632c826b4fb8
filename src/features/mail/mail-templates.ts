import type { AlertCause } from '../outbox/event-messages.js';

export interface RenderedMail {
  subject: string;
  text: string;
}

export type MailLanguage = 'en' | 'sv';

/** The template language for a user's preferred language (`sv-SE` → `sv`); English when there is none. */
export function mailLanguage(preferred: string | null | undefined): MailLanguage {
  return preferred?.toLowerCase().split(/[-_]/)[0] === 'sv' ? 'sv' : 'en';
}

export interface OnboardingFacts {
  language: string;
  displayName: string | null;
  userName: string;
  tenantName: string;
  signInUrl: string | null;
  numbers: ReadonlyArray<{ e164: string; kind: string }>;
}

/** The onboarding e-mail: who they sign in as, where, and the numbers they have so far. */
export function onboardingMail(facts: OnboardingFacts): RenderedMail {
  const t = ONBOARDING[mailLanguage(facts.language)];
  const lines = [
    t.greeting(facts.displayName),
    '',
    t.intro(facts.tenantName),
    '',
    `${t.userName}: ${facts.userName}`,
    ...(facts.signInUrl ? [`${t.signIn}: ${facts.signInUrl}`] : [t.askAdmin]),
    ...(facts.numbers.length > 0
      ? ['', `${t.numbers}:`, ...facts.numbers.map((n) => `  ${n.e164} (${t.kind[n.kind] ?? n.kind})`)]
      : []),
    '',
    t.password,
  ];
  return { subject: t.subject(facts.tenantName), text: lines.join('\n') + '\n' };
}

const ONBOARDING = {
  en: {
    subject: (tenant: string) => `Your ${tenant} telephony account is ready`,
    greeting: (name: string | null) => (name ? `Hello ${name},` : 'Hello,'),
    intro: (tenant: string) => `${tenant} has set up a telephony account for you.`,
    userName: 'Sign in with',
    signIn: 'Sign in at',
    askAdmin: 'Your administrator will tell you where to sign in.',
    numbers: 'Your numbers',
    kind: { fixed: 'fixed', mobile: 'mobile' } as Record<string, string>,
    password: 'Use your usual work account password. Never share it with anyone, including us.',
  },
  sv: {
    subject: (tenant: string) => `Ditt telefonikonto hos ${tenant} är klart`,
    greeting: (name: string | null) => (name ? `Hej ${name},` : 'Hej,'),
    intro: (tenant: string) => `${tenant} har skapat ett telefonikonto åt dig.`,
    userName: 'Logga in med',
    signIn: 'Logga in på',
    askAdmin: 'Din administratör berättar var du loggar in.',
    numbers: 'Dina nummer',
    kind: { fixed: 'fast', mobile: 'mobil' } as Record<string, string>,
    password: 'Använd ditt vanliga lösenord för jobbkontot. Dela det aldrig med någon, inte heller med oss.',
  },
};

export interface AlertFacts {
  cause: AlertCause;
  tenantName: string;
  /** How many times the cause occurred while the mail collected; more than `items` when the list was cut. */
  count: number;
  items: ReadonlyArray<Record<string, unknown>>;
  /** userName by user id, for the lines that name a user. */
  userNames: ReadonlyMap<string, string>;
}

const ALERT_SUBJECTS: Record<AlertCause, (n: number, first: Record<string, unknown>) => string> = {
  license_blocked: (n, f) => `${n} ${str(f.product)} license(s) blocked on their activation date`,
  license_failed: (n, f) => `${n} ${str(f.product)} license(s) failed: not activated before the cutoff`,
  seats_low: (_n, f) => `Seats running out for ${str(f.product)}: ${str(f.available)} left`,
  rule_hold: () => 'A rule change is held for your approval',
  sync_held: () => 'A directory sync is held for your approval',
  sync_failed: (n) => `Directory sync failing (${n} failed run(s))`,
  port_completed: (n) => `${n} number port(s) completed`,
  port_rejected: (n) => `${n} number port(s) rejected`,
  webhook_disabled: (_n, f) => `Webhook endpoint disabled: ${str(f.url)}`,
};

/** An admin alert: one mail per cause, listing what it concerns. */
export function alertMail(facts: AlertFacts): RenderedMail {
  const first = facts.items[0] ?? {};
  const subject = `[seatsync · ${facts.tenantName}] ${ALERT_SUBJECTS[facts.cause](facts.count, first)}`;
  const lines = facts.items.map((item) => `- ${describeItem(item, facts.userNames)}`);
  const more = facts.count - facts.items.length;
  return {
    subject,
    text:
      [
        subject.replace(/^\[[^\]]*\] /, ''),
        '',
        ...lines,
        ...(more > 0 ? [`… and ${more} more`] : []),
        '',
        'Details are in the seatsync admin console and the admin API (/api/v1).',
      ].join('\n') + '\n',
  };
}

function describeItem(item: Record<string, unknown>, userNames: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  if (typeof item.userId === 'string') parts.push(userNames.get(item.userId) ?? item.userId);
  for (const key of [
    'product',
    'e164',
    'url',
    'reason',
    'cause',
    'threshold',
    'available',
    'errorCode',
    'errorMessage',
  ]) {
    const value = item[key];
    if (value !== undefined && value !== null && value !== '') parts.push(`${key}: ${str(value)}`);
  }
  const reasons = item.reasons;
  if (Array.isArray(reasons) && reasons.length > 0) parts.push(`reasons: ${reasons.map(str).join(', ')}`);
  if (typeof item.rejectReason === 'string') parts.push(`reason: ${item.rejectReason}`);
  if (typeof item.plannedSuspensions === 'number') parts.push(`suspensions held: ${item.plannedSuspensions}`);
  return parts.join(' · ') || JSON.stringify(item);
}

function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'code' in value) return String((value as { code: unknown }).code);
  return JSON.stringify(value) ?? '';
}
