import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { runLicensingJob } from '../../src/jobs/licensing-job.js';
import { applyImportsJob } from '../../src/jobs/apply-imports-job.js';
import { admin, licensingFixture, type LicensingFixture } from '../licensing/licensing-fixture.js';
import { adminClient } from '../helpers/test-app.js';

const CSV = 'text/csv';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let f: LicensingFixture;
let api: ReturnType<typeof adminClient>;
let fixed: string[];
let mobile: string[];

const upload = (body: string | Buffer, type = CSV, query = '') =>
  api.post(`/imports${query}`, Buffer.isBuffer(body) ? body : Buffer.from(body), { 'Content-Type': type });

async function applyAndWait(id: string) {
  const queued = await api.post(`/imports/${id}/apply`);
  expect(queued.status).toBe(202);
  await runLicensingJob(applyImportsJob, f.app.container, { batchSize: 3 });
  const done = await api.get(`/imports/${id}`);
  expect(done.body.status).toBe('completed');
  return done.body;
}

beforeAll(async () => {
  f = await licensingFixture();
  api = adminClient(f.app.app, f.app.tenant.adminToken);
  await f.buy('basic', 5);
  await f.buy('business-mobile', 1);
  const numbers = await f.tx(async (s) => ({
    fixed: await s.numbers.acquire(f.tenantId, { country: 'SE', kind: 'fixed', quantity: 6 }, admin),
    mobile: await s.numbers.acquire(f.tenantId, { country: 'SE', kind: 'mobile', quantity: 3 }, admin),
  }));
  fixed = numbers.fixed.map((n) => n.e164);
  mobile = numbers.mobile.map((n) => n.e164);
});
afterAll(() => f.close());

describe('import template', () => {
  it('is a CSV and an XLSX with the header and an example row', async () => {
    const csv = await api.get('/imports/template?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('first_name,surname,email,country');
    expect(lines).toHaveLength(2);
    const xlsx = await api
      .get('/imports/template?format=xlsx')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).getCell(3).value).toBe('email');
  });
});

describe('import dry run and apply', () => {
  it('plans each row without writing, applies it by the job, and a re-import changes nothing', async () => {
    const csv = [
      'first_name;surname;email;country;products;fixed_number;department',
      `Ada;Lovelace;ada@imports.example;SE;basic;${fixed[0]};Sales`,
      `Alan;Turing;alan@imports.example;SE;basic;${fixed[1]};"R&D; Labs"`,
      'Bad;Row;not-an-email;XX;nope;+1;',
    ].join('\r\n');
    const dry = await upload(csv);
    expect(dry.status).toBe(201);
    expect(dry.body.import.summary).toMatchObject({ rows: 3, valid: 2, invalid: 1, users: { create: 2 } });
    const [ada, , bad] = dry.body.rows;
    expect(ada).toMatchObject({ status: 'valid', user: { action: 'create' } });
    expect(ada.licenses[0]).toMatchObject({ product: 'basic', action: 'assign', state: 'active' });
    expect(bad.errors.map((e: { column: string }) => e.column).sort()).toEqual([
      'country',
      'email',
      'fixed_number',
    ]);
    // Nothing was written to the tenant.
    expect((await api.get('/users?q=imports.example')).body.items).toHaveLength(0);

    const done = await applyAndWait(dry.body.import.id);
    expect(done.progress).toMatchObject({ total: 3, invalid: 1, done: 2, failed: 0 });
    const users = (await api.get('/users?q=imports.example')).body.items;
    expect(users).toHaveLength(2);
    const adaUser = users.find((u: { userName: string }) => u.userName === 'ada@imports.example');
    expect(adaUser).toMatchObject({ firstName: 'Ada', department: 'Sales', source: 'import' });
    const licenses = await f.app.container.services.assignments.listForUser(f.tenantId, adaUser.id);
    expect(licenses.map((l) => [l.productKey, l.state])).toEqual([['basic', 'active']]);
    // Every change names the import and the admin who applied it.
    const events = await f.app.container.database
      .knex('events')
      .where({ tenant_id: f.tenantId, entity_id: adaUser.id, action: 'user.created' });
    expect(events[0]).toMatchObject({ import_id: dry.body.import.id, actor_type: 'token' });

    const again = await upload(csv);
    expect(again.body.import.summary.users).toMatchObject({ create: 0, update: 0, unchanged: 2 });
    expect(again.body.rows[0].licenses[0].action).toBe('unchanged');
    const before = await f.app.container.database.knex('events').where({ tenant_id: f.tenantId }).count();
    await applyAndWait(again.body.import.id);
    const after = await f.app.container.database.knex('events').where({ tenant_id: f.tenantId }).count();
    // Only the import's own apply_requested and completed events: no user, number or license changed.
    expect(Number(after[0]!.count) - Number(before[0]!.count)).toBe(2);
    expect((await api.get('/users?q=imports.example')).body.items).toHaveLength(2);
  });
});

const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('exports', () => {
  it('escapes cells that a spreadsheet would run as formulas', async () => {
    const dry = await upload(
      `email,first_name,department,mobile_number\nformula@imports.example,@cmd,"=HYPERLINK(""http://x"")",${mobile[0]}\n`,
    );
    expect(dry.body.rows[0].status).toBe('valid');
    await applyAndWait(dry.body.import.id);
    const csv = await api.get('/exports/users?format=csv');
    expect(csv.status).toBe(200);
    const line = csv.text.split('\n').find((l) => l.includes('formula@imports.example'))!;
    expect(line).toContain(`'@cmd`);
    expect(line).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(line).toContain(`'${mobile[0]}`);
  });

  it('exports assignments, numbers and the audit log with the import that made each change', async () => {
    const assignments = await api.get('/exports/assignments?format=csv');
    expect(assignments.text).toMatch(/ada@imports\.example,basic,voice,active/);
    const numbers = await api.get('/exports/numbers?format=csv');
    expect(numbers.text).toContain(`'${fixed[0]},fixed,SE,assigned,provider,ada@imports.example`);
    const audit = await api.get('/exports/audit-log?format=csv&action=user.created');
    const lines = audit.text.trim().split('\n');
    expect(lines[0]).toContain('id,occurred_at,actor_type,actor_id,import_id,action');
    expect(lines.slice(1).every((l) => l.includes(',user.created,user,'))).toBe(true);
    expect(
      lines.some(
        (l) => l.includes('ada@imports.example') && /,token,[^,]+,[0-9a-f-]{36},user\.created/.test(l),
      ),
    ).toBe(true);
    const xlsx = await api
      .get('/exports/audit-log?format=xlsx')
      .buffer(true)
      .parse(binary as never);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(1).getCell(6).value).toBe('action');
  });

  it.each(['csv', 'xlsx'] as const)(
    'round trip in %s: an exported file imports back unchanged',
    async (format) => {
      const exported = await api
        .get(`/exports/users?format=${format}`)
        .buffer(true)
        .parse(binary as never);
      expect(exported.status).toBe(200);
      const type = format === 'csv' ? 'text/csv' : XLSX;
      const dry = await upload(exported.body as Buffer, type);
      expect(dry.status).toBe(201);
      const users = (await api.get('/users?limit=200')).body.items.length;
      expect(dry.body.import.summary).toMatchObject({
        rows: users,
        invalid: 0,
        users: { create: 0, update: 0, unchanged: users },
      });
      for (const row of dry.body.rows) {
        expect(row.errors).toEqual([]);
        expect(row.numbers.every((n: { action: string }) => n.action === 'unchanged')).toBe(true);
        expect(row.licenses.every((l: { action: string }) => l.action === 'unchanged')).toBe(true);
        expect(row.groups.every((g: { action: string }) => g.action === 'unchanged')).toBe(true);
      }
      expect(dry.body.ignoredColumns).toEqual(['id', 'status', 'source', 'licenses', 'created_at']);
    },
  );
});
