import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, licensingFixture, type LicensingFixture } from '../licensing/licensing-fixture.js';
import { adminClient } from '../helpers/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let f: LicensingFixture;
let api: ReturnType<typeof adminClient>;

const upload = (body: Buffer | string, type: string, query = '') =>
  api.post(`/imports${query}`, Buffer.isBuffer(body) ? body : Buffer.from(body), { 'Content-Type': type });
const importCount = async () =>
  Number((await f.app.container.database.knex('imports').where({ tenant_id: f.tenantId }).count())[0]!.count);

async function workbook(build: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A zip whose one part inflates to `bytes` zeros: a few hundred kilobytes on the wire. */
async function zipBomb(bytes: number): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const zeros = Buffer.alloc(1024 * 1024);
  zip.addReadStream(
    Readable.from(
      (function* () {
        for (let sent = 0; sent < bytes; sent += zeros.length) yield zeros;
      })(),
    ),
    'xl/worksheets/sheet1.xml',
  );
  zip.end();
  const chunks: Buffer[] = [];
  const out = zip.outputStream.pipe(new PassThrough());
  for await (const chunk of out) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  f = await licensingFixture();
  api = adminClient(f.app.app, f.app.tenant.adminToken);
});
afterAll(() => f.close());

describe('CSV dialects', () => {
  const rows = (delimiter: string) =>
    [
      ['first_name', 'surname', 'email', 'department'].join(delimiter),
      ['Åsa', 'Öberg', 'asa@dialects.example', '"Sales, Nordics"'].join(delimiter),
    ].join('\n');

  it.each([
    ['comma, UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows(','))])],
    ['semicolon, Windows-1252', iconv.encode(rows(';'), 'windows-1252')],
    [
      'tab, UTF-16 LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rows('\t'), 'utf-16le')]),
    ],
    ['pipe, UTF-8', Buffer.from(rows('|'))],
  ])('reads %s', async (_name, bytes) => {
    const res = await upload(bytes, 'text/csv');
    expect(res.status).toBe(201);
    expect(res.body.rows[0]).toMatchObject({ status: 'valid', email: 'asa@dialects.example' });
    expect(res.body.rows[0].errors).toEqual([]);
  });

  it('reports every error with its column and ignores unknown columns', async () => {
    const res = await upload(
      'email,country,language,mobile_number,activation_date,send_onboarding_email,shoe_size\n' +
        'x@errors.example,ZZ,??,0701234567,soon,maybe,42\n',
      'text/csv',
    );
    expect(res.status).toBe(201);
    expect(res.body.ignoredColumns).toEqual(['shoe_size']);
    const columns = res.body.rows[0].errors.map((e: { column: string }) => e.column).sort();
    expect(columns).toEqual([
      'activation_date',
      'country',
      'language',
      'mobile_number',
      'send_onboarding_email',
    ]);
  });

  it('refuses a file without an email column', async () => {
    const res = await upload('name,phone\nAda,1\n', 'text/csv');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'import.file_invalid',
      details: { reason: 'import.missing_columns' },
    });
  });

  it('refuses broken quoting with the line', async () => {
    const res = await upload('email,department\na@q.example,"unterminated\n', 'text/csv');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('import.file_invalid');
  });
});

describe('XLSX', () => {
  it('reads the first sheet, or the named one, with formulas as their saved values', async () => {
    const bytes = await workbook((book) => {
      const first = book.addWorksheet('People');
      first.addRow(['email', 'first_name', 'department']);
      first.addRow([
        'xl@sheets.example',
        { formula: 'UPPER("ada")', result: 'ADA' },
        { richText: [{ text: 'Sa' }, { text: 'les' }] },
      ]);
      const other = book.addWorksheet('Other');
      other.addRow(['email']);
      other.addRow(['other@sheets.example']);
    });
    const first = await upload(bytes, XLSX);
    expect(first.status).toBe(201);
    expect(first.body.rows).toHaveLength(1);
    expect(first.body.rows[0]).toMatchObject({ email: 'xl@sheets.example', status: 'valid', line: 2 });
    const named = await upload(bytes, XLSX, '?sheet=Other');
    expect(named.body.rows[0].email).toBe('other@sheets.example');
    const missing = await upload(bytes, XLSX, '?sheet=Nope');
    expect(missing.status).toBe(400);
    expect(missing.body.details.reason).toBe('import.sheet_not_found');
  });

  it('refuses a damaged workbook, a password-protected one and a zip bomb with a clear 400', async () => {
    const before = await importCount();
    const good = await workbook((book) => book.addWorksheet('A').addRow(['email']));
    const damaged = await upload(good.subarray(0, Math.floor(good.length / 2)), XLSX);
    expect(damaged.status).toBe(400);
    expect(damaged.body.details.reason).toBe('import.file_unreadable');
    // An encrypted workbook is an OLE compound file, not a zip.
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(4096),
    ]);
    const encrypted = await upload(ole, XLSX);
    expect(encrypted.status).toBe(400);
    expect(encrypted.body.details.reason).toBe('import.file_encrypted');
    const bomb = await zipBomb(300 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const rss = process.memoryUsage().rss;
    const refused = await upload(bomb, XLSX);
    expect(refused.status).toBe(400);
    expect(refused.body.details.reason).toBe('import.file_too_large_unpacked');
    expect(process.memoryUsage().rss - rss).toBeLessThan(150 * 1024 * 1024);
    expect(await importCount()).toBe(before);
  });
});

describe('limits', () => {
  it('answers 413 past the size limit, 415 for another content type, 400 past the row limit, writing nothing', async () => {
    const before = await importCount();
    const big = await upload(Buffer.alloc(10 * 1024 * 1024 + 1, 0x61), 'text/csv');
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('request.too_large');
    const pdf = await upload('%PDF-1.4', 'application/pdf');
    expect(pdf.status).toBe(415);
    expect(pdf.body.code).toBe('request.unsupported_media_type');
    const json = await api.post('/imports', { email: 'a@b.example' });
    expect(json.status).toBe(415);
    const rows = ['email', ...Array.from({ length: 10_001 }, (_v, i) => `u${i}@limit.example`)].join('\n');
    const tooMany = await upload(rows, 'text/csv');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('import.too_many_rows');
    expect(await importCount()).toBe(before);
  });

  it('answers 415 when a JSON endpoint gets CSV', async () => {
    const res = await api.post('/users/bulk', Buffer.from('email\na@b.example'), {
      'Content-Type': 'text/csv',
    });
    expect(res.status).toBe(415);
  });
});

describe('domain rules in the dry run', () => {
  it('checks numbers, products, requirements and seats as the API does', async () => {
    await f.buy('basic', 1);
    const [fixed1, fixed2] = await f.tx((s) =>
      s.numbers.acquire(f.tenantId, { country: 'SE', kind: 'fixed', quantity: 2 }, admin),
    );
    const [mobile] = await f.tx((s) =>
      s.numbers.acquire(f.tenantId, { country: 'SE', kind: 'mobile', quantity: 1 }, admin),
    );
    const csv = [
      'email,country,products,fixed_number,mobile_number',
      `first@rules.example,SE,basic,${fixed1!.e164},`,
      // The only seat went to the row above: this one waits blocked (seat_unavailable), like the API's assign.
      `second@rules.example,SE,basic,${fixed2!.e164},`,
      // Basic needs a fixed number: a requirement the row breaks.
      'third@rules.example,SE,cc-pro;basic,,',
      `fourth@rules.example,SE,,${mobile!.e164},`,
      `fifth@rules.example,SE,,${fixed1!.e164},`,
      'sixth@rules.example,SE,no-such-product,,+46700000000',
    ].join('\n');
    const res = await upload(csv, 'text/csv');
    expect(res.status).toBe(201);
    const [first, second, third, fourth, fifth, sixth] = res.body.rows;
    expect(first.licenses[0]).toMatchObject({ product: 'basic', state: 'active', conflicts: [] });
    expect(second.status).toBe('valid');
    expect(second.licenses[0]).toMatchObject({
      state: 'blocked',
      conflicts: [{ reason: 'seat_unavailable' }],
    });
    const basic = third.licenses.find((l: { product: string }) => l.product === 'basic');
    expect(basic.conflicts.map((c: { reason: string }) => c.reason)).toContain(
      'requirement_unmet:fixed_number',
    );
    expect(fourth.errors[0]).toMatchObject({ column: 'fixed_number', code: 'number.invalid' });
    expect(fifth.errors[0]).toMatchObject({ column: 'fixed_number', code: 'number.unavailable' });
    expect(sixth.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'number.not_owned',
      'product.not_found',
    ]);
    expect(res.body.import.summary.products).toContainEqual(
      expect.objectContaining({ product: 'basic', seatShortfall: expect.any(Number) }),
    );

    // strict: a license that would wait blocked makes the row an error, as the API's strict assign refuses it.
    const strict = await upload(csv, 'text/csv', '?strict=true');
    expect(strict.body.rows[1].errors[0]).toMatchObject({ column: 'products', code: 'seat.unavailable' });
    expect(strict.body.rows[2].errors).toContainEqual(
      expect.objectContaining({ column: 'products', code: 'requirement.unmet' }),
    );
  });

  it('shows the licenses rules would grant through the groups a row joins', async () => {
    const group = await f.tx((s) =>
      s.groups.create(f.tenantId, { displayName: 'Contact centre agents', members: [] }, 'admin', admin),
    );
    const rule = await f.tx((s) =>
      s.rules.create(
        f.tenantId,
        {
          name: 'Agents in SE',
          groupId: group.id,
          filter: 'country eq "SE"',
          product: 'cc-pro',
          status: 'active',
        },
        admin,
      ),
    );
    const res = await upload(
      'email,country,groups\nagent-se@rules.example,SE,Contact centre agents\nagent-no@rules.example,NO,Contact centre agents\n',
      'text/csv',
    );
    expect(res.body.rows[0].ruleLicenses).toEqual([
      { ruleId: rule.id, ruleName: 'Agents in SE', product: 'cc-pro' },
    ]);
    expect(res.body.rows[1].ruleLicenses).toEqual([]);
    expect(res.body.import.summary.products).toContainEqual(
      expect.objectContaining({ product: 'cc-pro', viaRules: 1 }),
    );
  });
});
