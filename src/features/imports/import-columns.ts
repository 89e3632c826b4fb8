/**
 * The columns of an import file, in template order: what an admin fills in the portal for a new user. Headers
 * match case-insensitively, with spaces or hyphens for underscores ("First name" is `first_name`); columns the
 * template does not have (an export's `status`, `licenses`…) are ignored and listed as such.
 */
export const IMPORT_COLUMNS = [
  { key: 'first_name', example: 'Ada' },
  { key: 'surname', example: 'Lovelace' },
  { key: 'email', example: 'ada.lovelace@example.com' },
  { key: 'country', example: 'SE' },
  { key: 'language', example: 'sv-SE' },
  { key: 'department', example: 'Sales' },
  { key: 'job_title', example: 'Account manager' },
  { key: 'mobile_number', example: '+46701234567' },
  { key: 'fixed_number', example: '+46812345678' },
  { key: 'products', example: 'business-mobile; unlimited-5g' },
  { key: 'activation_date', example: '2027-01-15' },
  { key: 'groups', example: 'Sales Stockholm' },
  { key: 'emergency_street', example: '' },
  { key: 'emergency_postal_code', example: '' },
  { key: 'emergency_city', example: '' },
  { key: 'emergency_region', example: '' },
  { key: 'emergency_country', example: '' },
  { key: 'send_onboarding_email', example: 'yes' },
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number]['key'];

export const IMPORT_COLUMN_KEYS: readonly ImportColumn[] = IMPORT_COLUMNS.map((c) => c.key);

/** `First name`, `first-name`, ` FIRST_NAME ` → `first_name`. */
export const columnKeyOf = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

/** Lists (products, groups) are separated by `;` (or `,`, which a `;`-delimited file leaves inside a cell). */
export const splitList = (cell: string): string[] =>
  cell
    .split(/[;,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
