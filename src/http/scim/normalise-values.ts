import SCIMMY from 'scimmy';
import { DomainError } from '../../domain-error.js';
import { isDefinition } from '../../lib/scim-schema/scim-schemas.js';

type Definition = InstanceType<typeof SCIMMY.Types.SchemaDefinition>;
type Attr = InstanceType<typeof SCIMMY.Types.Attribute>;
type Described = Attr | Definition;

/**
 * Identity providers do not all send what RFC 7643 says; this rewrites their known deviations into
 * well-typed values before scimmy coerces them, in one place:
 * - Microsoft Entra ID sends booleans as strings ("True", "False");
 * - Entra sends the enterprise `manager` as a bare id string, and "" to clear it (any complex attribute with a
 *   `value` sub-attribute given a string becomes `{value}`; "" becomes "absent"), and in its legacy form as a
 *   one-element array (a single-valued complex attribute given `[x]` becomes `x`).
 * Attribute names match case-insensitively, as RFC 7643 §2.1 requires.
 */
export function normaliseValues(data: unknown, definition: Definition): unknown {
  return normaliseComplex(data, definition.attributes as Described[]);
}

/** Normalises a value meant for one attribute (a PATCH value with a path). */
export function normaliseAttributeValue(value: unknown, attribute: Described | undefined): unknown {
  return attribute ? normaliseOne(value, attribute) : value;
}

function normaliseComplex(data: unknown, attributes: Described[]): unknown {
  if (!isPlainObject(data)) return data;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const attribute = findAttribute(attributes, key);
    const normalised = attribute ? normaliseOne(value, attribute) : value;
    // The schema's spelling of the name: scimmy's PatchOp matches path-less value keys exactly.
    if (normalised !== undefined) result[attribute ? canonicalName(attribute) : key] = normalised;
  }
  return result;
}

function normaliseOne(value: unknown, attribute: Described): unknown {
  if (isDefinition(attribute))
    return normaliseComplex(withoutSchemas(value), attribute.attributes as Described[]);
  const subAttributes = (attribute.subAttributes ?? []) as Described[];
  const single = (v: unknown): unknown => {
    if (attribute.type === 'boolean') return toBoolean(v);
    if (attribute.type === 'complex') {
      if (typeof v === 'string' && subAttributes.some((s) => !isDefinition(s) && s.name === 'value')) {
        return v === '' ? null : { value: v };
      }
      return normaliseComplex(v, subAttributes);
    }
    return v;
  };
  if (attribute.config.multiValued && Array.isArray(value)) return value.map(single);
  // Entra's legacy form sends a single-valued complex attribute (`manager`) as a one-element array.
  if (
    !attribute.config.multiValued &&
    attribute.type === 'complex' &&
    Array.isArray(value) &&
    value.length === 1
  )
    return single(value[0]);
  return single(value);
}

export function toBoolean(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const lower = value.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : value;
}

const canonicalName = (attribute: Described) => (isDefinition(attribute) ? attribute.id : attribute.name);

export function findAttribute(attributes: Described[], key: string): Described | undefined {
  const lower = key.toLowerCase();
  return attributes.find((a) =>
    isDefinition(a) ? a.id.toLowerCase() === lower : a.name.toLowerCase() === lower,
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs scimmy's coercion and turns its TypeErrors (wrong type, missing required attribute, unknown value)
 * into the domain's invalid_value — only here, so a TypeError from a bug elsewhere stays a 500.
 */
export function coerced<T>(coerce: () => T): T {
  try {
    return coerce();
  } catch (error) {
    if (error instanceof TypeError) throw invalidValue(error);
    throw error;
  }
}

/**
 * scimmy's TypeError as an invalid_value. scimmy's own messages name the attribute and what was wrong; a message
 * of the JavaScript engine (scimmy tripping over a value it did not expect, e.g. "Cannot add property …, object is
 * not extensible") says nothing to a client and is replaced by a neutral one.
 */
export function invalidValue(error: TypeError): DomainError {
  const engine =
    /Cannot (add|read|set|assign|convert|define|create)|is not (a function|extensible|iterable|an object)|of (undefined|null)/;
  return new DomainError(
    'invalid_value',
    engine.test(error.message) ? 'A value does not fit the attribute it is given for' : error.message,
  );
}

/**
 * An extension's value may echo `schemas` (its own URN): it carries nothing there, the extension is named by its
 * key, and scimmy's frozen extension instances refuse the unknown property with an engine error.
 */
function withoutSchemas(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key.toLowerCase() !== 'schemas'));
}
