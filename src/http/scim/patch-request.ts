import { DomainError } from '../../domain-error.js';
import { PATCH_OP } from '../../lib/scim-schema/scim-schemas.js';

export interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path?: string;
  value?: unknown;
}

/**
 * Reads a PatchOp body. Operation names are matched case-insensitively (Entra sends `Add`, `Replace`,
 * `Remove`); a body that names other schemas, has no operations or has a malformed one is a 400.
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('invalid_syntax', 'A PATCH body is a PatchOp message object');
  }
  const { schemas, Operations } = body as { schemas?: unknown; Operations?: unknown };
  if (schemas !== undefined && !(Array.isArray(schemas) && schemas.includes(PATCH_OP))) {
    throw new DomainError('invalid_syntax', `A PATCH body must name the schema ${PATCH_OP}`);
  }
  const operations = Operations ?? (body as { operations?: unknown }).operations;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new DomainError('invalid_value', 'A PATCH body needs a non-empty Operations array');
  }
  return operations.map((raw, index) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new DomainError('invalid_value', `Operation ${index + 1} is not an object`);
    }
    const { op, path, value } = raw as Record<string, unknown>;
    const name = typeof op === 'string' ? op.toLowerCase() : '';
    if (name !== 'add' && name !== 'remove' && name !== 'replace') {
      throw new DomainError(
        'invalid_syntax',
        `Operation ${index + 1} has an unknown op ${JSON.stringify(op)}`,
      );
    }
    if (path !== undefined && (typeof path !== 'string' || path.trim() === '')) {
      throw new DomainError('invalid_path', `Operation ${index + 1} has an invalid path`);
    }
    if (name === 'remove' && path === undefined) {
      throw new DomainError('no_target', `Operation ${index + 1}: remove needs a path`);
    }
    if (name !== 'remove' && value === undefined) {
      throw new DomainError('invalid_value', `Operation ${index + 1}: ${name} needs a value`);
    }
    return { op: name, path: path as string | undefined, value };
  });
}
