import { emptyExtensionAttributes, FakeDirectory } from './fake-directory.js';
import type { FakeGroup, FakeUser, InitialGroup, UserPopulation } from './fake-directory.js';

export interface GenerateDirectoryOptions {
  users: number;
  groups: number;
  /** Total group memberships, spread unevenly (a few large groups, many small ones). */
  memberships: number;
  seed?: number;
  domain?: string;
}

const GIVEN_NAMES = [
  'Anna',
  'Erik',
  'Maja',
  'Lars',
  'Sofia',
  'Johan',
  'Elsa',
  'Karl',
  'Ida',
  'Nils',
  'Olivia',
  'Oskar',
  'Freja',
  'Hugo',
  'Alma',
  'Liam',
];
const SURNAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Berg',
  'Lind',
  'Holm',
  'Dahl',
  'Ek',
  'Strand',
];
const DEPARTMENTS = ['Sales', 'Support', 'Engineering', 'Finance', 'Marketing', 'Operations', 'Legal', 'HR'];
const TITLES = [
  'Associate',
  'Specialist',
  'Manager',
  'Director',
  'Engineer',
  'Consultant',
  'Coordinator',
  'Analyst',
];
const SITES = [
  { office: 'Stockholm HQ', country: 'SE', language: 'sv-SE', phone: '+46 8 555 ' },
  { office: 'Oslo', country: 'NO', language: 'nb-NO', phone: '+47 21 55 ' },
  { office: 'Copenhagen', country: 'DK', language: 'da-DK', phone: '+45 33 55 ' },
  { office: 'London', country: 'GB', language: 'en-GB', phone: '+44 20 7946 ' },
  { office: 'Austin', country: 'US', language: 'en-US', phone: '+1 512 555 ' },
] as const;

/** 32-bit avalanche hash (the murmur3 finaliser): every input bit flips about half the output bits. */
function fmix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A deterministic pseudo-random word for (seed, stream, index, k); no state, so any user can be built alone. */
function hashOf(seed: number, stream: number, index: number, k = 0): number {
  return fmix32(fmix32(fmix32(seed ^ Math.imul(stream, 0x9e3779b9)) ^ index) + k);
}

function pick<T>(items: readonly T[], word: number): T {
  const item = items[word % items.length];
  if (item === undefined) throw new RangeError('empty list');
  return item;
}

function guidOf(seed: number, stream: number, index: number): string {
  const hex = [0, 1, 2, 3].map((k) => hashOf(seed, stream, index, k).toString(16).padStart(8, '0')).join('');
  // Version 4 and RFC 4122 variant nibbles, so the ids look like the GUIDs Entra hands out.
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const USER_STREAM = 1;
const GROUP_STREAM = 2;
const SIZE_STREAM = 3;

class GeneratedPopulation implements UserPopulation {
  readonly size: number;
  // Only the ids are kept (about 80 bytes each); user objects are rebuilt from the index on demand.
  private readonly ids: string[];
  private readonly positions: Map<string, number>;

  constructor(
    private readonly seed: number,
    size: number,
    private readonly domain: string,
  ) {
    this.size = size;
    this.ids = Array.from({ length: size }, (_, i) => guidOf(seed, USER_STREAM, i));
    this.positions = new Map(this.ids.map((id, i) => [id, i]));
  }

  idAt(index: number): string {
    const id = this.ids[index];
    if (id === undefined) throw new RangeError(`no generated user ${index}`);
    return id;
  }

  indexOf(id: string): number | undefined {
    return this.positions.get(id);
  }

  userAt(index: number): FakeUser {
    const h = (k: number): number => hashOf(this.seed, USER_STREAM, index, 100 + k);
    const givenName = pick(GIVEN_NAMES, h(0));
    const surname = pick(SURNAMES, h(1));
    const site = pick(SITES, h(2));
    const department = pick(DEPARTMENTS, h(3));
    const login = `${givenName}.${surname}${index}`.toLowerCase();
    const extensionAttributes = emptyExtensionAttributes();
    extensionAttributes.extensionAttribute1 = `CC-${1000 + (h(4) % 200)}`;
    if (h(5) % 4 === 0) extensionAttributes.extensionAttribute2 = site.country;
    return {
      id: this.idAt(index),
      userPrincipalName: `${login}@${this.domain}`,
      // About 5% of accounts have no mailbox, as service and shared-device accounts often do.
      mail: h(6) % 20 === 0 ? null : `${login}@${this.domain}`,
      givenName,
      surname,
      displayName: `${givenName} ${surname}`,
      jobTitle: `${department} ${pick(TITLES, h(7))}`,
      department,
      businessPhones: [`${site.phone}${String(10000 + (index % 90000)).padStart(5, '0')}`],
      mobilePhone: h(8) % 3 === 0 ? null : `+46 70 ${String(h(9) % 10_000_000).padStart(7, '0')}`,
      officeLocation: site.office,
      usageLocation: site.country,
      preferredLanguage: site.language,
      accountEnabled: h(10) % 50 !== 0,
      employeeId: String(100000 + index),
      onPremisesExtensionAttributes: extensionAttributes,
      // A reporting tree: everyone but the first user reports to someone earlier in the list.
      managerId: index === 0 ? null : this.idAt(Math.floor((index - 1) / 8)),
    };
  }
}

function groupSizes(seed: number, groups: number, users: number, memberships: number): number[] {
  if (groups === 0 || users === 0) return Array.from({ length: groups }, () => 0);
  // Cubing a uniform draw gives a long tail: most groups small, a few holding much of the total.
  const weights = Array.from({ length: groups }, (_, j) => {
    const u = (hashOf(seed, SIZE_STREAM, j) % 1_000_000) / 1_000_000;
    return 1 + u * u * u * 1000;
  });
  const total = weights.reduce((sum, w) => sum + w, 0);
  const sizes = weights.map((w) => Math.min(users, Math.floor((memberships * w) / total)));
  let remainder = Math.min(memberships, groups * users) - sizes.reduce((sum, s) => sum + s, 0);
  for (let j = 0; remainder > 0; j = (j + 1) % groups) {
    const size = sizes[j] ?? 0;
    if (size < users) {
      sizes[j] = size + 1;
      remainder -= 1;
    }
  }
  return sizes;
}

/**
 * A deterministic directory of any size: the same options give the same ids, attributes and
 * memberships. Users are built on demand; only ids and membership sets are held in memory.
 */
export function generateDirectory(options: GenerateDirectoryOptions): FakeDirectory {
  const seed = options.seed ?? 1;
  const domain = options.domain ?? 'contoso.example';
  const population = new GeneratedPopulation(seed, options.users, domain);
  const sizes = groupSizes(seed, options.groups, options.users, options.memberships);
  const groups: InitialGroup[] = sizes.map((size, j) => {
    const department = pick(DEPARTMENTS, hashOf(seed, GROUP_STREAM, j, 1));
    const group: FakeGroup = {
      id: guidOf(seed, GROUP_STREAM, j),
      displayName: `${department} ${j}`,
      description: `Generated group ${j}`,
      mailNickname: `${department.toLowerCase()}${j}`,
      mail: j % 3 === 0 ? `${department.toLowerCase()}${j}@${domain}` : null,
      mailEnabled: j % 3 === 0,
      securityEnabled: true,
    };
    const start = hashOf(seed, GROUP_STREAM, j, 2) % options.users;
    const members = (function* () {
      for (let k = 0; k < size; k += 1) yield population.idAt((start + k) % options.users);
    })();
    return { group, members };
  });
  return new FakeDirectory({ population, groups });
}
