import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { type Row, parseRows, parseRowsWithCsvParse } from '../../core';

/** Everything a row tells: where it is, how it ends, and each cell's value and place. */
function describeRows(rows: readonly Row[]) {
  return rows.map((r) => ({
    start: r.start,
    line: r.line,
    length: r.length,
    terminator: r.terminator,
    innerLineStarts: [...r.innerLineStarts],
    blank: r.blank,
    broken: r.broken ? { code: r.broken.code, at: r.broken.at } : undefined,
    cells: r.cells.map((c) => ({ ...c })),
  }));
}

/** Each row's `ascii` flag says whether its text (terminator aside) is all ASCII. */
function assertAsciiFlags(text: string, rows: readonly Row[]): void {
  for (const r of rows) assert.equal(r.ascii, !/[^\x00-\x7f]/.test(text.slice(r.start, r.start + r.length)), `ascii flag of the row at ${r.start}`);
}

function both(text: string, delimiter = ',') {
  let a = 0;
  let b = 0;
  const rows = parseRows(text, 0, text.length, 0, () => ++a, undefined, delimiter);
  assertAsciiFlags(text, rows.filter((r) => !r.broken));
  return {
    scanner: describeRows(rows),
    csvParse: describeRows(parseRowsWithCsvParse(text, 0, text.length, 0, () => ++b, delimiter)),
  };
}

function csvFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return csvFiles(p);
    return e.name.endsWith('.csv') ? [p] : [];
  });
}

describe('the fast scanner agrees with csv-parse, record for record', () => {
  const root = path.resolve(__dirname, '..', '..');
  const files = [
    ...csvFiles(path.join(root, 'samples')),
    ...csvFiles(path.join(root, 'test', 'fixtures')),
    ...csvFiles(path.resolve(root, '..', 'shared', 'samples')),
  ];

  it('has fixture files to compare', () => {
    assert.ok(files.length >= 5, `only ${files.length} CSV files found`);
  });

  for (const file of files) {
    it(`on ${path.relative(root, file)}`, () => {
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const { scanner, csvParse } = both(text);
      assert.deepEqual(scanner, csvParse);
    });
  }

  const tricky = [
    '',
    'a',
    'a,b\r\nc,d',
    'a,b\n\n\nc,d\n',
    '"x,""y""",2\r\n"multi\nline",3\r4,5',
    '"x"y,z\n',
    '"a,b"c,d\n',
    '"a""b"c,d\n',
    'a,"b\nc,d\n',
    '"",""""\n',
    '"ab""',
    'a,b,\n,\n',
    '"\r\n",x\r',
    'O"Brien,x\n"O"Brien,y\n',
  ];
  for (const text of tricky) {
    it(`on ${JSON.stringify(text)}`, () => {
      const { scanner, csvParse } = both(text);
      assert.deepEqual(scanner, csvParse);
    });
  }

  // Files whose delimiter is sniffed to be a semicolon (European Excel) or a tab (Excel's
  // "Unicode Text") are read with that delimiter; commas are then plain characters.
  for (const delimiter of [';', '\t']) {
    const name = delimiter === ';' ? 'semicolon' : 'tab';
    const d = delimiter;
    const trickyWith = [
      `a${d}b\r\nc${d}d`,
      `"x${d}""y"""${d}2\r\n"multi\nline"${d}3\r4${d}5`,
      `"a${d}b"c${d}d\n`,
      `Smith, Jr.${d}"O, Brien"${d}x\n`,
      `a${d}"b\nc${d}d\n`,
      `${d}${d}${d}\n${d}\n`,
      `"a,b"${d}"c"${d}\n`,
    ];
    for (const text of trickyWith) {
      it(`with delimiter ${name}, on ${JSON.stringify(text)}`, () => {
        const { scanner, csvParse } = both(text, delimiter);
        assert.deepEqual(scanner, csvParse);
      });
    }
    it(`with delimiter ${name}, on random text made of CSV's special characters`, () => {
      const char = fc.constantFrom('a', ',', d, '"', '\r', '\n', ' ', 'é');
      fc.assert(
        fc.property(fc.array(char, { maxLength: 60 }).map((cs) => cs.join('')), (text) => {
          const { scanner, csvParse } = both(text, delimiter);
          assert.deepEqual(scanner, csvParse);
        }),
        { numRuns: Number(process.env.FC_RUNS ?? 1000) },
      );
    });
  }

  it('on random text made of CSV\'s special characters', () => {
    const char = fc.constantFrom('a', 'b', ',', '"', '\r', '\n', ' ', 'é', '😀');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 60 }).map((cs) => cs.join('')), (text) => {
        const { scanner, csvParse } = both(text);
        assert.deepEqual(scanner, csvParse);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 2000) },
    );
  });
});
