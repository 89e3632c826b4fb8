import SCIMMY from 'scimmy';

/**
 * seatsync's SCIM schemas, declared once on scimmy's process-global registry (its registry and base URI are
 * global: the tenant is identified by its token, never by the URL or by state on these objects).
 * scimmy is used for what it does well — schema definitions, the discovery endpoints and attribute coercion of
 * inbound resources. Listing, filtering, paging and PATCH of group membership are seatsync's own (see
 * scim-router.ts for which scimmy limits that avoids).
 */
export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SEATSYNC_USER = 'urn:ietf:params:scim:schemas:extension:seatsync:2.0:User';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

const { Attribute, SchemaDefinition } = SCIMMY.Types;

const addressParts = () => [
  new Attribute('string', 'streetAddress', { description: 'Street, number and any unit' }),
  new Attribute('string', 'locality', { description: 'City or locality' }),
  new Attribute('string', 'region', { description: 'State or region' }),
  new Attribute('string', 'postalCode'),
  new Attribute('string', 'country', { description: 'ISO 3166-1 alpha-2 country code' }),
];

/** Telephony attributes that neither SCIM core nor the enterprise extension has. */
export const seatsyncUserExtension = new SchemaDefinition(
  'SeatsyncUser',
  SEATSYNC_USER,
  'Telephony attributes of a seatsync user',
  [
    new Attribute('string', 'country', {
      description:
        'ISO 3166-1 alpha-2 country the telephony service is provisioned in; decides number ranges, products sold and emergency rules',
    }),
    new Attribute(
      'complex',
      'emergencyAddress',
      { description: 'Address given to emergency services for this user (required in e.g. US and CA)' },
      addressParts(),
    ),
  ],
);

/** scimmy extends resources with Schema classes; this one wraps the definition above. */
class SeatsyncUserSchema extends SCIMMY.Types.Schema {
  static override get definition() {
    return seatsyncUserExtension;
  }
}

type Described =
  InstanceType<typeof SCIMMY.Types.Attribute> | InstanceType<typeof SCIMMY.Types.SchemaDefinition>;

/**
 * scimmy declares `roles[].type` and `x509Certificates[].type` with an empty canonical-values list and then refuses
 * every value. RFC 7643 §8.7.1 gives those types no canonical values at all, which means any label is allowed: an
 * empty list is set back to "no list" (scimmy's attribute configuration accepts `false`).
 */
function anyValueWithoutCanonicalValues(attributes: Described[]): void {
  for (const attribute of attributes) {
    if (!('config' in attribute) || !('type' in attribute)) continue;
    const canonical: unknown = attribute.config.canonicalValues;
    if (Array.isArray(canonical) && canonical.length === 0) attribute.config.canonicalValues = false;
    anyValueWithoutCanonicalValues((attribute.subAttributes ?? []) as Described[]);
  }
}

let declared = false;

/** Declares the resource types and the service provider configuration (idempotent). */
export function declareScimSchemas(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Resources.declare(SCIMMY.Resources.User)
    .extend(SCIMMY.Schemas.EnterpriseUser, false)
    .extend(SeatsyncUserSchema, false);
  SCIMMY.Resources.declare(SCIMMY.Resources.Group);
  anyValueWithoutCanonicalValues(SCIMMY.Schemas.User.definition.attributes);
  SCIMMY.Config.set({
    patch: true,
    filter: { supported: true, maxResults: MAX_PAGE_SIZE },
    sort: true,
    etag: true,
    bulk: false,
    changePassword: false,
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'A per-tenant bearer token issued by seatsync (`seatsync token create --kind scim`)',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
        primary: true,
      },
    ],
  });
}

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

/** The User schema with both extensions, for coercing inbound resources. */
export const userSchema = () => SCIMMY.Resources.User.schema;
export const groupSchema = () => SCIMMY.Resources.Group.schema;

type Definition = InstanceType<typeof SchemaDefinition>;

/** Whether a schema member is a whole schema extension (an URN) rather than one attribute. */
export function isDefinition(
  attribute: InstanceType<typeof Attribute> | Definition,
): attribute is Definition {
  return attribute instanceof SchemaDefinition;
}
