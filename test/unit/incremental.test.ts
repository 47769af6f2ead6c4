import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { EnrollmentDocument, type LintOptions, type Problem, RULE_BY_CODE, fixAllEdits, fixAllText, lineStarts } from '../../core';
import { ChunkedText } from '../../core/text/chunkedText';
import { HEADER, SCHOOLS, STAFF, STUDENT, TODAY, file, row } from './helpers';

/**
 * The language server keeps one EnrollmentDocument per open file and feeds it the editor's
 * edits. Whatever the edits, the user must see exactly what a fresh check of the same text
 * would show: these properties compare the two.
 */

const RUNS = Number(process.env.FC_RUNS ?? 300);

// ---- generators ----

const CELL_VALUES = [
  ...Object.values(STUDENT),
  ...Object.values(STAFF),
  '',
  ' ',
  'José',
  "O'Brien",
  'Mary  Ann',
  ' Lee',
  'Student',
  'Teacher',
  'KG',
  '05',
  'Pre K',
  '13',
  'abc',
  'short',
  '2/30/2015',
  '1/1/2030',
  '1/1/1900',
  '12/1/15',
  'not-an-email',
  'x@y',
  '123',
  'hs01',
  '99999',
  'alee',
  'ALEE',
  '1001',
  'Maple!274',
  'a,b',
  'say "hi"',
  'two\nlines',
  'cr\rinside',
  // Spreadsheet damage: IDs of varying widths and in scientific notation, dates of every shape
  // (day first, ambiguous, two-digit years, serials, ISO), values turned into dates, flags, formulas.
  '013001',
  '013002',
  '13003',
  '0130',
  '1.23457E+11',
  '1.2E5',
  '42064',
  '15/07/2014',
  '03/04/2015',
  '20/11/2016',
  '5/5/2015',
  '3/1/15',
  '15/7/14',
  '2015-03-04',
  '4-Mar',
  'Nov-12',
  'TRUE',
  'No',
  'y',
  'male',
  'X',
  'TK',
  'PPK',
  'UG',
  '=cmd',
  '+1',
  '@alee',
  '\tx',
  '1.23E+05',
  '43831',
];

const cellValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CELL_VALUES) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', 'B', '1', ' ', ',', '"', '\n', '\r', 'é', '!', '-', '\u00a0'), maxLength: 6 }) },
);

/** A value written as CSV: quoted when it must be, sometimes quoted anyway, rarely broken. */
const cellText = fc.tuple(cellValue, fc.nat(9)).map(([value, mode]) => {
  const needs = /[",\r\n]/.test(value);
  if (mode === 0) return value; // written raw even if it needs quotes: a realistic mistake
  if (needs || mode === 1) return `"${value.replace(/"/g, '""')}"`;
  return value;
});

const HEADERS = [
  HEADER,
  'first_name,LastName,USERNAME,Student Number,password,DOB,Role,Grade Level,Email,School Code',
  'First Name,Last Name,Username,District ID,Password,Birthdate,User Type,Grade,Email Address,School SIS ID,Notes',
  'Last Name,First Name,Email Address,District ID,Username,Password,Birthdate,Grade,School SIS ID',
  'First Name,First Name,Username,District ID,Password,Birthdate,User Type,Grade,Email Address,School SIS ID',
  `${HEADER},State User ID,Disabled,Gender`,
];

const eol = fc.constantFrom('\r\n', '\n', '\r');

interface Sample {
  text: string;
  options: LintOptions;
}

const enrollmentFile: fc.Arbitrary<Sample> = fc
  .record({
    header: fc.option(fc.constantFrom(...HEADERS), { nil: undefined, freq: 5 }),
    leadingBlankLines: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(2) }),
    rows: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.array(cellText, { minLength: 8, maxLength: 13 }).map((cells) => cells.join(',')) },
        // Valid rows but for an ID width and a Birthdate shape, so that column facts come and go.
        {
          weight: 2,
          arbitrary: fc
            .tuple(
              fc.constantFrom('013001', '013002', '013003', '13004', '0130', '130044', '1.2E5', 'T900'),
              fc.constantFrom('15/07/2014', '03/04/2015', '20/11/2016', '3/1/15', '15/7/14', '42064', '7/20/2015', '2015-03-04'),
              fc.nat(9),
            )
            .map(([id, birthdate, n]) => row({ 'District ID': id, Birthdate: birthdate }, n)),
        },
        { weight: 2, arbitrary: fc.nat(5).map((n) => row({}, n)) },
        { weight: 1, arbitrary: fc.constantFrom('', 'Ana', '"unclosed,x', row({ 'First Name': 'José' }), row({ Grade: 'KG' })) },
      ),
      { maxLength: 6 },
    ),
    mainEol: eol,
    oddEols: fc.array(fc.tuple(fc.nat(7), eol), { maxLength: 2 }),
    finalEol: fc.boolean(),
    bom: fc.boolean(),
    schools: fc.boolean(),
    values: fc.constantFrom({}, { gradeMapping: { TK: 'K', ppk: 'Pre-K' } }, { dateFormat: 'YYYY-MM-DD' as const, dateSystem: '1904' as const }, { dateFormat: 'M/D/YYYY' as const }),
    fileName: fc.constantFrom(undefined, 'students.csv', 'staff.csv'),
  })
  .map(({ header, leadingBlankLines, rows, mainEol, oddEols, finalEol, bom, schools, values, fileName }) => {
    const lines = [...Array<string>(leadingBlankLines).fill(''), ...(header === undefined ? [] : [header]), ...rows];
    const ends = lines.map(() => mainEol);
    for (const [k, e] of oddEols) if (k < ends.length) ends[k] = e;
    let text = lines.map((l, k) => l + (k < lines.length - 1 || finalEol ? ends[k] : '')).join('');
    if (bom) text = '\uFEFF' + text;
    const config = {
      ...(schools ? SCHOOLS : {}),
      ...values,
      ...(header === undefined ? { columnOrder: [...Object.keys(STUDENT)] as never } : {}),
    };
    return { text, options: { today: TODAY, config, fileName } };
  });

const FRAGMENTS = [
  ',',
  '"',
  '\n',
  '\r',
  '\r\n',
  'a',
  'Z',
  '0',
  '1',
  ' ',
  'é',
  '""',
  '"x,y"',
  'K',
  ',,',
  '\n\n',
  '"\n',
  `${row({}, 7)}\n`,
  'First Name,',
  // Digits and date pieces that change an ID's width or a date's shape (and with it the column's facts).
  '00',
  '3',
  '15/',
  '/07/',
  '-Mar',
  'E+',
  '=',
  `${row({ 'District ID': '013009', Birthdate: '20/11/2016' }, 8)}\n`,
];

const insertion = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.constant('') },
);

interface Edit {
  /** Where, as a fraction of the current length (so edits land anywhere whatever the length). */
  at: number;
  remove: number;
  insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.nat(3), fc.nat(40)),
  insert: insertion,
});

function offsets(text: string, e: Edit): [number, number] {
  const start = Math.min(text.length, Math.floor(e.at * (text.length + 1)));
  return [start, Math.min(text.length, start + e.remove)];
}

/** Applies the edits one by one, as an editor sends them. */
/**
 * Applies the edits as the language server does: to a text it shares with the model, cut into
 * pieces of a few characters (so that rows and cells straddle pieces), then to the model.
 */
function replay(sample: Sample, edits: readonly Edit[]): { doc: EnrollmentDocument; expected: string } {
  const shared = new ChunkedText(sample.text, 4);
  const doc = new EnrollmentDocument(shared, sample.options);
  let expected = sample.text;
  for (const e of edits) {
    const [start, end] = offsets(expected, e);
    shared.replace(start, end, e.insert);
    doc.applyEdit(start, end, e.insert, { sourceEdited: true });
    expected = expected.slice(0, start) + e.insert + expected.slice(end);
  }
  return { doc, expected };
}

function assertSameAsFresh(sample: Sample, edits: readonly Edit[]): void {
  const { doc, expected } = replay(sample, edits);
  assert.equal(doc.getText(), expected);
  const fresh = new EnrollmentDocument(expected, sample.options);
  assert.deepEqual(doc.getProblems(), fresh.getProblems());
  assert.deepEqual(doc.getCounts(), fresh.getCounts());
}

function assertInside(text: string, problems: readonly Problem[]): void {
  const starts = lineStarts(text);
  const lastLine = starts.length - 1;
  const inside = (p: { line: number; character: number }) => {
    if (p.line < 0 || p.line > lastLine || p.character < 0) return false;
    const lineStart = starts[p.line] as number;
    const lineEnd = p.line < lastLine ? (starts[p.line + 1] as number) : text.length;
    return lineStart + p.character <= lineEnd;
  };
  const before = (a: Problem['range']['start'], b: Problem['range']['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  for (const p of problems) {
    const ranges = [p.range, ...(p.related ?? []).map((r) => r.range), ...[p.fix, ...p.suggestions].flatMap((f) => f?.edits.map((e) => e.range) ?? [])];
    for (const r of ranges) {
      assert.ok(inside(r.start) && inside(r.end) && before(r.start, r.end), `${p.code} range ${JSON.stringify(r)} outside ${JSON.stringify(text)}`);
    }
  }
}

// ---- properties ----

describe('incremental EnrollmentDocument', function () {
  // Property runs grow with FC_RUNS (e.g. FC_RUNS=10000 for a long local hunt).
  this.timeout(Math.max(20000, RUNS * 200));
  it('after any sequence of edits, shows exactly what a fresh check of the same text shows', () => {
    fc.assert(
      fc.property(enrollmentFile, fc.array(edit, { minLength: 1, maxLength: 8 }), (sample, edits) => assertSameAsFresh(sample, edits)),
      { numRuns: RUNS },
    );
  });

  it('on dense CSV punctuation (quotes, commas, CR, LF, BOM) edits match a fresh check', () => {
    const unit = fc.constantFrom(',', '"', '\n', '\r', 'a', '1', ' ', '\uFEFF');
    const punctuation = fc.record({
      header: fc.constantFrom('', `${HEADER}\n`, `${HEADER}\r`, '\uFEFF' + HEADER + '\r\n', 'Grade,Email,x\n'),
      body: fc.string({ unit, maxLength: 30 }),
      config: fc.constantFrom({}, SCHOOLS, { columnOrder: Object.keys(STUDENT) as never }),
    });
    const smallEdit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      remove: fc.nat(4),
      insert: fc.string({ unit, maxLength: 3 }),
    });
    fc.assert(
      fc.property(punctuation, fc.array(smallEdit, { minLength: 1, maxLength: 8 }), ({ header, body, config }, edits) =>
        assertSameAsFresh({ text: header + body, options: { today: TODAY, config } }, edits),
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('applying fix-all edits as an editor would (last first) matches a fresh check', () => {
    fc.assert(
      fc.property(enrollmentFile, (sample) => {
        const doc = new EnrollmentDocument(sample.text, sample.options);
        const starts = lineStarts(sample.text);
        const offset = (p: { line: number; character: number }) => (starts[p.line] as number) + p.character;
        const edits = fixAllEdits(doc.getProblems())
          .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText }))
          .sort((a, b) => b.start - a.start || b.end - a.end);
        for (const e of edits) doc.applyEdit(e.start, e.end, e.newText);
        const fresh = new EnrollmentDocument(doc.getText(), sample.options);
        assert.deepEqual(doc.getProblems(), fresh.getProblems());
      }),
      { numRuns: RUNS },
    );
  });

  it('typing a file character by character ends where a fresh check does', () => {
    fc.assert(
      fc.property(enrollmentFile, (sample) => {
        const doc = new EnrollmentDocument('', sample.options);
        for (let k = 0; k < sample.text.length; k++) doc.applyEdit(k, k, sample.text.charAt(k));
        assert.equal(doc.getText(), sample.text);
        assert.deepEqual(doc.getProblems(), new EnrollmentDocument(sample.text, sample.options).getProblems());
      }),
      { numRuns: Math.ceil(RUNS / 5) },
    );
  });

  it('deleting a file from the end, one character at a time, matches a fresh check at every step', () => {
    fc.assert(
      fc.property(enrollmentFile, (sample) => {
        const doc = new EnrollmentDocument(sample.text, sample.options);
        for (let k = sample.text.length; k > 0; k--) {
          doc.applyEdit(k - 1, k, '');
          const text = sample.text.slice(0, k - 1);
          assert.deepEqual(doc.getProblems(), new EnrollmentDocument(text, sample.options).getProblems(), `after cutting to ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: Math.ceil(RUNS / 10) },
    );
  });

  it('edits that replace the whole text, or touch only the header, match a fresh check', () => {
    const options = { today: TODAY, config: SCHOOLS };
    const text = file([row({}, 1), row({ 'First Name': 'José' }, 2), row({}, 1)]);
    const doc = new EnrollmentDocument(text, options);
    // Rename the header's "First Name" so it is no longer recognised, then restore it.
    doc.applyEdit(0, 5, 'Given');
    assert.deepEqual(doc.getProblems(), new EnrollmentDocument(doc.getText(), options).getProblems());
    doc.applyEdit(0, 5, 'First');
    assert.equal(doc.getText(), text);
    assert.deepEqual(doc.getProblems(), new EnrollmentDocument(text, options).getProblems());
    doc.applyEdit(0, text.length, 'x');
    assert.deepEqual(doc.getProblems(), new EnrollmentDocument('x', options).getProblems());
    doc.applyEdit(0, 1, text);
    assert.deepEqual(doc.getProblems(), new EnrollmentDocument(text, options).getProblems());
  });

  describe('when the header is not on the first line (regressions found by the property above)', () => {
    const options = { today: TODAY };
    const check = (text: string, edits: [number, number, string][]) => {
      const doc = new EnrollmentDocument(text, options);
      let expected = text;
      for (const [start, end, insert] of edits) {
        doc.applyEdit(start, end, insert);
        expected = expected.slice(0, start) + insert + expected.slice(end);
      }
      assert.equal(doc.getText(), expected);
      assert.deepEqual(doc.getProblems(), new EnrollmentDocument(expected, options).getProblems());
    };

    it('re-maps columns when the header below a blank line is edited', () => {
      // "\r\naaa,Grade,mail" then a comma typed into the header: "aa" is a new unknown column.
      check('aaa,Grade,mail', [
        [0, 0, '\r\n'],
        [3, 3, ','],
      ]);
    });

    it('checks the old header as data when a new header row is typed above it', () => {
      check(`\n\n${HEADER}\nAna,Lee\n`, [[0, 0, HEADER]]);
    });

    it('takes the next readable row as header when the header line is emptied', () => {
      check(`${HEADER}\n\n\n${HEADER}\n`, [[0, HEADER.length, '']]);
    });
  });

  it('re-reads the whole file when an edit at offset 0 uncovers a BOM', () => {
    const options = { today: TODAY, config: { columnOrder: Object.keys(STUDENT) as never } };
    const doc = new EnrollmentDocument('\uFEFF', options);
    doc.applyEdit(0, 0, ',');
    doc.applyEdit(0, 1, '');
    assert.equal(doc.getText(), '\uFEFF');
    assert.deepEqual(doc.getProblems(), new EnrollmentDocument('\uFEFF', options).getProblems());
  });

  it('never throws on random text, and every range lies inside the document', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: fc.constantFrom(',', '"', '\n', '\r', 'a', '1', ' ', '\uFEFF', 'é', '\u00a0', '\ud83d\ude00'), maxLength: 80 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      enrollmentFile.map((s) => s.text),
    );
    const config = fc.constantFrom(undefined, SCHOOLS, { columnOrder: Object.keys(STUDENT) as never }, { hasHeaderRow: true as const });
    fc.assert(
      fc.property(anyText, config, (text, cfg) => {
        const problems = new EnrollmentDocument(text, { today: TODAY, config: cfg }).getProblems();
        assertInside(text, problems);
        for (const p of problems) {
          assert.ok(['error', 'warning', 'info'].includes(p.severity));
          assert.ok(RULE_BY_CODE.has(p.code), `${p.code} is in the rule catalogue`);
          assert.notEqual(p.code, 'internal.rule-failed', p.message);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('never throws on random edits, and every range lies inside the edited document', () => {
    fc.assert(
      fc.property(enrollmentFile, fc.array(edit, { minLength: 1, maxLength: 6 }), (sample, edits) => {
        const { doc, expected } = replay(sample, edits);
        assertInside(expected, doc.getProblems());
      }),
      { numRuns: RUNS },
    );
  });

  it('fix-all never increases the number of errors', () => {
    fc.assert(
      fc.property(enrollmentFile, (sample) => {
        const doc = new EnrollmentDocument(sample.text, sample.options);
        const before = doc.getCounts().errors;
        const { text } = fixAllText(sample.text, sample.options);
        const after = new EnrollmentDocument(text, sample.options).getCounts().errors;
        assert.ok(after <= before, `errors went from ${before} to ${after}: ${JSON.stringify(sample.text)} -> ${JSON.stringify(text)}`);
      }),
      { numRuns: RUNS },
    );
  });
});
