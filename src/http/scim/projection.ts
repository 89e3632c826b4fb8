import { CORE_GROUP, CORE_USER } from '../../lib/scim-schema/scim-schemas.js';

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) over a rendered resource. Paths are
 * case-insensitive and may be URN-qualified (`urn:…:enterprise:2.0:User:department`, or a whole extension);
 * `id` and `schemas` are always returned.
 */
export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

type Path = string[];

export function parseAttributeList(value: unknown): string[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = Array.isArray(value) ? value.join(',') : String(value);
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length > 0 ? list : undefined;
}

export function project(resource: Record<string, unknown>, projection: Projection): Record<string, unknown> {
  if (projection.attributes) {
    const paths = projection.attributes.map(toPath);
    const result: Record<string, unknown> = { schemas: resource.schemas, id: resource.id };
    for (const [key, value] of Object.entries(resource)) {
      if (key === 'schemas' || key === 'id') continue;
      const picked = pick(value, paths, key.toLowerCase());
      if (picked !== undefined) result[key] = picked;
    }
    return result;
  }
  if (projection.excludedAttributes) {
    const paths = projection.excludedAttributes
      .map(toPath)
      .filter((p) => !(p.length === 1 && (p[0] === 'id' || p[0] === 'schemas')));
    return drop(resource, paths) as Record<string, unknown>;
  }
  return resource;
}

/** Whether a projection keeps an attribute at all (lets queries skip loading members or groups). */
export function wants(projection: Projection, attribute: string): boolean {
  const name = attribute.toLowerCase();
  if (projection.attributes) return projection.attributes.map(toPath).some((p) => p[0] === name);
  if (projection.excludedAttributes)
    return !projection.excludedAttributes.map(toPath).some((p) => p.length === 1 && p[0] === name);
  return true;
}

function toPath(attribute: string): Path {
  // A value filter in an attribute list (`emails[type eq "work"]`, sent by Microsoft's reference clients) is
  // not part of RFC 7644's attribute notation; it selects the attribute as a whole.
  let text = attribute.replace(/\[.*?\]/g, '').trim();
  const lower = text.toLowerCase();
  for (const core of [CORE_USER, CORE_GROUP]) {
    if (lower.startsWith(core.toLowerCase() + ':')) text = text.slice(core.length + 1);
  }
  if (text.toLowerCase().startsWith('urn:')) {
    // `urn:…:User:department.sub` → [urn, department, sub]; a bare extension URN → [urn].
    const colon = text.lastIndexOf(':');
    const tail = text.slice(colon + 1);
    const head = text.slice(0, colon);
    if (/^[A-Z]/.test(tail) && !tail.includes('.')) return [text.toLowerCase()];
    return [head.toLowerCase(), ...tail.toLowerCase().split('.')];
  }
  return text.toLowerCase().split('.');
}

function pick(value: unknown, paths: Path[], key: string): unknown {
  const matching = paths.filter((p) => p[0] === key);
  if (matching.length === 0) return undefined;
  if (matching.some((p) => p.length === 1)) return value;
  const rest = matching.map((p) => p.slice(1));
  const pickFrom = (obj: unknown) => {
    if (typeof obj !== 'object' || obj === null) return undefined;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const picked = pick(v, rest, k.toLowerCase());
      if (picked !== undefined) out[k] = picked;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  };
  if (Array.isArray(value)) {
    const items = value.map(pickFrom).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  return pickFrom(value);
}

function drop(value: unknown, paths: Path[]): unknown {
  if (Array.isArray(value)) return value.map((v) => drop(v, paths));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = k.toLowerCase();
    const matching = paths.filter((p) => p[0] === key);
    if (matching.some((p) => p.length === 1)) continue;
    out[k] =
      matching.length > 0
        ? drop(
            v,
            matching.map((p) => p.slice(1)),
          )
        : v;
  }
  return out;
}
