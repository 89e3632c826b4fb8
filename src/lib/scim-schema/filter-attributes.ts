import SCIMMY from 'scimmy';
import {
  jsonbArrayTarget,
  jsonbField,
  mapResolver,
  type AttributeResolver,
  type AttributeTarget,
  type AttributeType,
  type ScalarTarget,
} from '../scim-filter/index.js';
import { CORE_GROUP, CORE_USER, declareScimSchemas, isDefinition, userSchema } from './scim-schemas.js';

/**
 * Where each SCIM attribute lives in SQL, for filters and sortBy. Profile attributes are derived from the
 * declared schemas (so every core, enterprise and seatsync attribute is filterable, with the schema's type
 * and caseExact); columns override the ones that are indexed. Extension attributes answer both to their
 * URN-qualified name and to their plain name (`department eq "Sales"`), which is what rule authors write.
 */
type Attr = InstanceType<typeof SCIMMY.Types.Attribute>;
type Described = Attr | InstanceType<typeof SCIMMY.Types.SchemaDefinition>;

const scalar = (sql: string, type: AttributeType, caseExact: boolean, uuid = false): ScalarTarget => ({
  kind: 'scalar',
  sql,
  type,
  caseExact,
  ...(uuid ? { uuid } : {}),
});

const spec = (a: Attr) => ({ type: a.type as AttributeType, caseExact: a.config.caseExact === true });

function profileTargets(
  attributes: Described[],
  prefixes: string[],
  into: Record<string, AttributeTarget>,
): void {
  for (const attribute of attributes) {
    if (isDefinition(attribute)) {
      profileTargets(attribute.attributes as Described[], [`${attribute.id}:`, ''], into);
      continue;
    }
    const name = attribute.name;
    const subs = (attribute.subAttributes ?? []) as Attr[];
    for (const prefix of prefixes) {
      if (attribute.type === 'complex' && attribute.config.multiValued) {
        into[prefix + name] = jsonbArrayTarget(
          `(u.profile -> '${name}')`,
          Object.fromEntries(subs.map((s) => [s.name, spec(s)])),
        );
      } else if (attribute.type === 'complex') {
        for (const sub of subs)
          into[`${prefix}${name}.${sub.name}`] = jsonbField('u.profile', [name, sub.name], spec(sub));
      } else {
        into[prefix + name] = jsonbField('u.profile', [name], spec(attribute));
      }
    }
  }
}

let userResolver: AttributeResolver | undefined;

export function userFilterResolver(): AttributeResolver {
  if (userResolver) return userResolver;
  // The extensions must be declared before the map is built and cached: a worker (rule filters in jobs)
  // resolves filters without ever building the HTTP app, which is where the SCIM server declares them.
  declareScimSchemas();
  const targets: Record<string, AttributeTarget> = {};
  profileTargets(userSchema().definition.attributes as Described[], [''], targets);
  Object.assign(targets, {
    id: scalar('u.id', 'string', true, true),
    userName: scalar('u.user_name', 'string', false),
    externalId: scalar('u.external_id', 'string', true),
    displayName: scalar('u.display_name', 'string', false),
    active: scalar('u.active', 'boolean', false),
    'meta.created': scalar('u.created_at', 'dateTime', false),
    'meta.lastModified': scalar('u.updated_at', 'dateTime', false),
    'meta.resourceType': scalar("'User'", 'string', false),
    groups: {
      kind: 'multiValued',
      from: (alias: string) => `group_members AS ${alias}`,
      where: (alias: string) => `${alias}.user_id = u.id`,
      subAttribute: (name: string, alias: string) => groupRef(name.toLowerCase(), alias),
    },
  } satisfies Record<string, AttributeTarget>);
  delete targets.password;
  delete targets['meta.location'];
  delete targets['meta.version'];
  userResolver = mapResolver(targets, [CORE_USER]);
  return userResolver;
}

function groupRef(name: string, alias: string): ScalarTarget | undefined {
  if (name === 'value') return scalar(`${alias}.group_id`, 'string', true, true);
  if (name === 'display')
    return scalar(`(SELECT g2.display_name FROM groups g2 WHERE g2.id = ${alias}.group_id)`, 'string', false);
  if (name === 'type') return scalar("'direct'", 'string', false);
  return undefined;
}

/** A member as the element of `members`, over alias `u` (a users row). */
function memberRef(name: string, userAlias: string): ScalarTarget | undefined {
  if (name === 'value') return scalar(`${userAlias}.id`, 'string', true, true);
  if (name === 'display') return scalar(`${userAlias}.display_name`, 'string', false);
  if (name === 'type') return scalar("'User'", 'string', false);
  return undefined;
}

export const groupFilterResolver: AttributeResolver = mapResolver(
  {
    id: scalar('g.id', 'string', true, true),
    displayName: scalar('g.display_name', 'string', false),
    externalId: scalar('g.external_id', 'string', true),
    'meta.created': scalar('g.created_at', 'dateTime', false),
    'meta.lastModified': scalar('g.updated_at', 'dateTime', false),
    'meta.resourceType': scalar("'Group'", 'string', false),
    members: {
      kind: 'multiValued',
      from: (alias) =>
        `group_members AS ${alias} JOIN users AS ${alias}_u ON ${alias}_u.id = ${alias}.user_id`,
      where: (alias) => `${alias}.group_id = g.id`,
      subAttribute: (name, alias) => memberRef(name.toLowerCase(), `${alias}_u`),
    },
  },
  [CORE_GROUP],
);

/** Resolves the sub-attributes of one member for a PATCH value filter (`members[value eq "…"]`) over alias `u`. */
export const memberElementResolver: AttributeResolver = (path) =>
  path.schema === undefined && path.sub === undefined ? memberRef(path.attr.toLowerCase(), 'u') : undefined;
