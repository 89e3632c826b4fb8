import SCIMMY from 'scimmy';
import { DomainError } from '../../domain-error.js';
import { isPlainObject } from './normalise-values.js';
import { isDefinition } from '../../lib/scim-schema/scim-schemas.js';

type Definition = InstanceType<typeof SCIMMY.Types.SchemaDefinition>;
type Attr = InstanceType<typeof SCIMMY.Types.Attribute>;
type Described = Attr | Definition;

/**
 * Validates and coerces an inbound resource (POST, PUT) against a scimmy schema definition: attribute names
 * matched case-insensitively and written canonically, unknown and read-only attributes dropped, types, required
 * attributes, collections and canonical values checked; extensions by URN, also as `urn:…:attr` keys.
 *
 * The rules are scimmy's (RFC 7643); the implementation is seatsync's because scimmy's coercion builds proxies
 * per attribute and cost 0.7 ms of CPU per created user — about a quarter of a create (BENCHMARKS.md). PATCH
 * still goes through scimmy's PatchOp, which needs its schema instances.
 */
export function coerceResource(data: unknown, definition: Definition): Record<string, unknown> {
  if (!isPlainObject(data)) throw new DomainError('invalid_value', 'A resource is a JSON object');
  requireCoreSchema(data.schemas, definition.id);
  const attributes = definition.attributes as Described[];
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const extension = extensionKey(attributes, key);
    if (extension) {
      const [schema, rest] = extension;
      const target = (result[schema.id] ??= {}) as Record<string, unknown>;
      Object.assign(
        target,
        rest === undefined
          ? coerceComplex(value, schema.attributes as Described[], schema.id)
          : coerceComplex({ [rest]: value }, schema.attributes as Described[], schema.id),
      );
      continue;
    }
    const attribute = find(attributes, key);
    if (!attribute || attribute.config.mutable === false || attribute.name === 'schemas') continue;
    const coerced = coerceAttribute(value, attribute);
    if (coerced !== undefined) result[attribute.name] = coerced;
  }
  for (const attribute of attributes) {
    if (
      !isDefinition(attribute) &&
      attribute.config.required &&
      attribute.config.mutable !== false &&
      result[attribute.name] === undefined
    ) {
      throw new DomainError('invalid_value', `Required attribute '${attribute.name}' is missing`);
    }
  }
  for (const key of Object.keys(result)) {
    if (isPlainObject(result[key]) && key.startsWith('urn:') && Object.keys(result[key]).length === 0)
      delete result[key];
  }
  return result;
}

/**
 * `schemas` must name the resource's core schema (RFC 7643 §3): a Group sent to /Users (or the reverse) is refused,
 * not stored as whatever attributes happen to match. A body without `schemas` is still read, as before.
 */
function requireCoreSchema(schemas: unknown, id: string): void {
  if (schemas === undefined) return;
  const named =
    Array.isArray(schemas) &&
    schemas.some((schema) => typeof schema === 'string' && schema.toLowerCase() === id.toLowerCase());
  if (!named) throw new DomainError('invalid_syntax', `The resource's schemas must include ${id}`);
}

function coerceComplex(
  value: unknown,
  attributes: Described[],
  name: string,
): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isPlainObject(value))
    throw new DomainError(
      'invalid_value',
      `Complex attribute '${name}' expected complex value but found type '${typeName(value)}'`,
    );
  const result: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const attribute = find(attributes, key);
    if (!attribute || attribute.config.mutable === false) continue;
    const coerced = coerceAttribute(raw, attribute);
    if (coerced !== undefined) result[attribute.name] = coerced;
  }
  return result;
}

function coerceAttribute(value: unknown, attribute: Attr): unknown {
  if (value === null || value === undefined) return undefined;
  if (attribute.config.multiValued) {
    if (!Array.isArray(value))
      throw new DomainError('invalid_value', `Attribute '${attribute.name}' expected to be a collection`);
    const items = value.map((item) => coerceSingle(item, attribute)).filter((item) => item !== undefined);
    return items;
  }
  if (Array.isArray(value))
    throw new DomainError(
      'invalid_value',
      `Attribute '${attribute.name}' is not multi-valued and must not be a collection`,
    );
  return coerceSingle(value, attribute);
}

function coerceSingle(value: unknown, attribute: Attr): unknown {
  if (value === null || value === undefined) return undefined;
  const mismatch = () =>
    new DomainError(
      'invalid_value',
      `Attribute '${attribute.name}' expected value type '${attribute.type}' but found type '${typeName(value)}'`,
    );
  switch (attribute.type) {
    case 'complex':
      return coerceComplex(value, (attribute.subAttributes ?? []) as Described[], attribute.name);
    case 'boolean':
      if (typeof value !== 'boolean') throw mismatch();
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw mismatch();
      return value;
    case 'decimal':
      if (typeof value !== 'number') throw mismatch();
      return value;
    case 'dateTime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw mismatch();
      return value;
    default: {
      if (typeof value !== 'string') throw mismatch();
      const canonical = attribute.config.canonicalValues;
      // An empty list names no canonical values: any value (scimmy's roles and x509Certificates types).
      if (Array.isArray(canonical) && canonical.length > 0 && !canonical.includes(value)) {
        throw new DomainError(
          'invalid_value',
          `Attribute '${attribute.name}' contains non-canonical value '${value}'`,
        );
      }
      return value;
    }
  }
}

/** `urn:…:User` (a whole extension) or `urn:…:User:attr.sub` (one of its attributes). */
function extensionKey(attributes: Described[], key: string): [Definition, string | undefined] | undefined {
  if (!key.toLowerCase().startsWith('urn:')) return undefined;
  const lower = key.toLowerCase();
  for (const attribute of attributes) {
    if (!isDefinition(attribute)) continue;
    const id = attribute.id.toLowerCase();
    if (lower === id) return [attribute, undefined];
    if (lower.startsWith(`${id}:`)) return [attribute, key.slice(id.length + 1)];
  }
  return undefined;
}

function find(attributes: Described[], key: string): Attr | undefined {
  const lower = key.toLowerCase();
  return attributes.find((a): a is Attr => !isDefinition(a) && a.name.toLowerCase() === lower);
}

const typeName = (value: unknown) =>
  Array.isArray(value) ? 'collection' : value === null ? 'null' : typeof value;
