import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { adminRoutes } from '../src/http/admin/admin-routes.js';
import { openApiDocument } from '../src/http/admin/openapi-document.js';

/**
 * The console's typed client comes from the admin API's OpenAPI document: this writes web/src/api/schema.d.ts
 * from the route definitions (`npm run generate:api-types`). A test fails when the committed file is stale.
 */
export async function apiTypes(): Promise<string> {
  const document = openApiDocument(adminRoutes, '/api/v1');
  const source = astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]));
  return `// Generated from the admin API's OpenAPI document by \`npm run generate:api-types\`; do not edit.\n${source}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./src/api/schema.d.ts', import.meta.url), await apiTypes());
}
