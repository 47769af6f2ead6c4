/** What a new user got wrong, and the clear refusals that now answer it (nothing written). */
import * as assert from 'node:assert/strict';
import { errorBodySchema } from '../../core/importApi';
import { csv, request, staff, student } from './helpers/fixtures';
import { newKey, ServiceProcess, seededService } from './helpers/serviceProcess';

const ENDPOINTS = ['/api/v1/imports/preview', '/api/v1/imports'];

describe('import service: encodings, misspelt keys, empty files', function () {
  let service: ServiceProcess;
  const good = csv([student('2001', { 'First Name': 'André' }), staff('2002')]);
  seededService({ schools: [{ sisId: '00123', name: 'Lincoln Elementary' }], groups: ['Tutoring'] }, (s) => (service = s));

  async function nothingWritten(): Promise<void> {
    const client = service.client();
    assert.equal((await client.listImports()).total, 0, 'no import was made');
    assert.equal((await client.listUsers()).total, 0, 'no user was written');
  }

  async function post(pathname: string, body: string | FormData, contentType?: string) {
    const headers: Record<string, string> = { 'Idempotency-Key': newKey() };
    if (contentType) headers['Content-Type'] = contentType;
    const response = await service.fetch(pathname, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, text, json: JSON.parse(text) as unknown };
  }

  function upload(bytes: Uint8Array, extra: Record<string, string> = {}, name = 'students.csv'): FormData {
    const form = new FormData();
    form.set('file', new Blob([bytes], { type: 'text/csv' }), name);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    return form;
  }

  describe('uploads that are not UTF-8 → 422 file.not-utf8', function () {
    it('Windows-1252 (Excel "CSV (Comma delimited)") names the encoding and the line of the first bad byte', async function () {
      const bytes = Buffer.from(good.replace('André', 'Andr\u00e9'), 'latin1');
      assert.equal(bytes.includes(0xe9), true);
      for (const pathname of ENDPOINTS) {
        const r = await post(pathname, upload(bytes));
        const body = errorBodySchema.parse(r.json);
        assert.equal(r.status, 422, r.text);
        assert.equal(body.error.code, 'file.not-utf8');
        assert.match(body.error.message, /Windows-1252/);
        assert.match(body.error.message, /line 2\b/);
        assert.match(body.error.message, /CSV UTF-8|iconv/);
        assert.doesNotMatch(r.text, /\uFFFD/);
      }
      await nothingWritten();
    });

    it('the conversion command names the file as it was uploaded (or as fileName says), not students.csv', async function () {
      const bytes = Buffer.from(good.replace('André', 'Andr\u00e9'), 'latin1');
      const plain = await post('/api/v1/imports/preview', upload(bytes, {}, 'sis-export.csv'));
      assert.equal(plain.status, 422, plain.text);
      assert.match(errorBodySchema.parse(plain.json).error.message, /\(e\.g\. iconv -f WINDOWS-1252 -t UTF-8 sis-export\.csv > sis-export-utf8\.csv\)/);
      const spaced = await post('/api/v1/imports', upload(bytes, { fileName: "Grade 5 (O'Hara).csv" }, 'upload.csv'));
      assert.equal(spaced.status, 422, spaced.text);
      const message = errorBodySchema.parse(spaced.json).error.message;
      assert.ok(message.includes(`iconv -f WINDOWS-1252 -t UTF-8 'Grade 5 (O'\\''Hara).csv' > 'Grade 5 (O'\\''Hara)-utf8.csv'`), message);
      assert.doesNotMatch(message, /students/);
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]);
      const utf16 = await post('/api/v1/imports/preview', upload(le, {}, 'staff.csv'));
      assert.match(errorBodySchema.parse(utf16.json).error.message, /iconv -f UTF-16LE -t UTF-8 staff\.csv > staff-utf8\.csv/);
      await nothingWritten();
    });

    it('an Excel workbook renamed to .csv (.xlsx: a ZIP; .xls: OLE) is named as a workbook, with the Save As steps, not iconv', async function () {
      // The smallest .xlsx-shaped ZIP: stored entries [Content_Types].xml and xl/workbook.xml.
      const entry = (name: string, data: string) => {
        const header = Buffer.alloc(30);
        header.writeUInt32LE(0x04034b50, 0);
        header.writeUInt16LE(20, 4);
        header.writeUInt32LE(data.length, 18);
        header.writeUInt32LE(data.length, 22);
        header.writeUInt16LE(name.length, 26);
        return Buffer.concat([header, Buffer.from(name), Buffer.from(data)]);
      };
      const xlsx = Buffer.concat([entry('[Content_Types].xml', '<Types/>'), entry('xl/workbook.xml', '<workbook/>')]);
      const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('Workbook', 'utf16le')]);
      for (const [bytes, what] of [[xlsx, 'an Excel workbook (.xlsx)'], [xls, 'an Excel 97–2003 workbook (.xls)']] as const) {
        for (const pathname of ENDPOINTS) {
          const r = await post(pathname, upload(bytes, {}, 'students.csv'));
          assert.equal(r.status, 422, r.text);
          const body = errorBodySchema.parse(r.json);
          assert.equal(body.error.code, 'file.not-utf8');
          assert.equal(
            body.error.message,
            `This is ${what}, not a CSV: open it in Excel and use File › Save As › CSV UTF-8 (Comma delimited); then upload that CSV file. Nothing was written.`,
          );
          assert.deepEqual(body.error.details, [{ path: 'file', message: 'not text: a workbook or archive, not a CSV file' }]);
          assert.doesNotMatch(r.text, /1252|iconv/);
        }
      }
      // The same workbook read as text by a client (lossily) and sent as JSON.
      for (const pathname of ENDPOINTS) {
        const r = await post(pathname, JSON.stringify(request(new TextDecoder().decode(xlsx))), 'application/json');
        assert.equal(r.status, 422, r.text);
        const body = errorBodySchema.parse(r.json);
        assert.equal(body.error.code, 'file.not-utf8');
        assert.equal(
          body.error.message,
          "This is an Excel workbook (.xlsx), not a CSV: open it in Excel and use File › Save As › CSV UTF-8 (Comma delimited); then send that CSV file's text. Nothing was written.",
        );
        assert.deepEqual(body.error.details, [{ path: 'csv', message: 'not text: a workbook or archive, not a CSV file' }]);
      }
      await nothingWritten();
    });

    it('UTF-16LE and UTF-16BE (with a BOM) are named as such', async function () {
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(good, 'utf16le')]);
      const be = Buffer.from(le);
      be.swap16();
      for (const [bytes, name] of [[le, 'UTF-16LE'], [be, 'UTF-16BE']] as const) {
        for (const pathname of ENDPOINTS) {
          const r = await post(pathname, upload(bytes));
          const body = errorBodySchema.parse(r.json);
          assert.equal(r.status, 422, r.text);
          assert.equal(body.error.code, 'file.not-utf8');
          assert.match(body.error.message, new RegExp(name));
        }
      }
      await nothingWritten();
    });

    it('a JSON body whose csv has U+FFFD or NUL characters is refused the same way', async function () {
      for (const text of [good.replace('André', 'Andr\uFFFDs'), good.replace('André', 'A\u0000n\u0000')]) {
        for (const pathname of ENDPOINTS) {
          const r = await post(pathname, JSON.stringify(request(text)), 'application/json');
          assert.equal(r.status, 422, r.text);
          assert.equal(errorBodySchema.parse(r.json).error.code, 'file.not-utf8');
        }
      }
      await nothingWritten();
    });

    it('UTF-8, with or without a BOM, goes through and keeps its accents', async function () {
      for (const bytes of [Buffer.from(good, 'utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good, 'utf8')])]) {
        const r = await post('/api/v1/imports/preview', upload(bytes));
        assert.equal(r.status, 200, r.text);
        // The rules see the real letter (Classworks' legal names take A–Z only: that is a file problem, not an encoding one).
        assert.match(r.text, /First Name \\"André\\" has the character \\"é\\"/);
        assert.doesNotMatch(r.text, /\uFFFD|file\.not-utf8/);
      }
    });
  });

  describe('misspelt keys → 400 request.invalid naming the key and the allowed ones', function () {
    it('a misspelt form field (-F conflictResoluton=imported-wins)', async function () {
      for (const pathname of ENDPOINTS) {
        const r = await post(pathname, upload(Buffer.from(good), { conflictResoluton: 'imported-wins' }));
        const body = errorBodySchema.parse(r.json);
        assert.equal(r.status, 400, r.text);
        assert.equal(body.error.code, 'request.invalid');
        assert.deepEqual(body.error.details?.map((d) => d.path), ['conflictResoluton']);
        assert.match(body.error.message, /conflictResoluton/);
        assert.match(body.error.message, /Did you mean "conflictResolution"/);
        assert.match(body.error.details?.[0]?.message ?? '', /existingPasswords/);
      }
      await nothingWritten();
    });

    it('a misspelt JSON option, mapping key or top-level key', async function () {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ ...request(good), options: { conflictResolutoin: 'imported-wins' } }, 'options.conflictResolutoin', /conflictResolution/],
        [{ ...request(good), mapping: { column: { A: 'Username' } } }, 'mapping.column', /columns/],
        [{ ...request(good), schoolMaping: { '1': '00123' } }, 'schoolMaping', /schoolMapping/],
      ];
      for (const [body, path, allowed] of cases) {
        for (const pathname of ENDPOINTS) {
          const r = await post(pathname, JSON.stringify(body), 'application/json');
          const error = errorBodySchema.parse(r.json);
          assert.equal(r.status, 400, r.text);
          assert.equal(error.error.code, 'request.invalid');
          assert.deepEqual(error.error.details?.map((d) => d.path), [path]);
          assert.match(error.error.details?.[0]?.message ?? '', allowed);
        }
      }
      await nothingWritten();
    });

    it('the preview echoes the options it applied', async function () {
      const r = await post('/api/v1/imports/preview', upload(Buffer.from(good), { conflictResolution: 'imported-wins' }));
      assert.equal(r.status, 200, r.text);
      assert.deepEqual((r.json as { options: unknown }).options, {
        conflictResolution: 'imported-wins',
        existingPasswords: 'maintain',
        customGroupId: null,
        emailStaff: false,
      });
    });
  });

  describe('empty files → 422 file.empty', function () {
    const empties: [string, Uint8Array][] = [
      ['a 0-byte file', new Uint8Array()],
      ['blank lines only', Buffer.from('\r\n\r\n\n')],
      ['only a UTF-8 BOM', Buffer.from([0xef, 0xbb, 0xbf])],
    ];
    for (const [what, bytes] of empties) {
      it(`${what}, uploaded or as JSON`, async function () {
        for (const pathname of ENDPOINTS) {
          const r = await post(pathname, upload(bytes));
          assert.equal(r.status, 422, `${pathname} upload: ${r.text}`);
          assert.equal(errorBodySchema.parse(r.json).error.code, 'file.empty');
          const j = await post(pathname, JSON.stringify(request(Buffer.from(bytes).toString('utf8'))), 'application/json');
          assert.equal(j.status, 422, `${pathname} JSON: ${j.text}`);
          assert.equal(errorBodySchema.parse(j.json).error.code, 'file.empty');
        }
        await nothingWritten();
      });
    }
  });
});
