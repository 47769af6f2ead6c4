import * as assert from 'node:assert/strict';
import { SCHOOLS, applyFix, assertMessage, file, lint, on, only, row, staffRow, textAt } from './helpers';

const options = { config: SCHOOLS };

/** Row 1 of `row(…)`: Birthdate starts after "Ana,Lee,alee,1001,Maple!274,". */
const BIRTHDATE_AT = 28;

function birthdateProblem(value: string, base = row) {
  const text = file([base({ Birthdate: value })]);
  const problems = lint(text, options);
  assert.equal(problems.length, 1, JSON.stringify(problems.map((p) => p.code)));
  const p = problems[0]!;
  assert.equal(textAt(text, p.range), value);
  return p;
}

describe('rule birthdate.invalid', () => {
  it('passes real dates written M/D/YYYY, MM/DD/YYYY or YYYY-MM-DD', () => {
    for (const date of ['4/2/2018', '04/02/2018', '2018-04-02', '2/29/2016']) {
      assert.deepEqual(lint(file([row({ Birthdate: date })]), options), [], date);
    }
  });

  it('flags a date that does not exist, saying why', () => {
    const p = birthdateProblem('2/30/2015');
    assert.equal(p.code, 'birthdate.invalid');
    assert.equal(p.severity, 'error');
    assert.equal(p.field, 'Birthdate');
    assert.deepEqual(p.range, on(1, BIRTHDATE_AT, BIRTHDATE_AT + 9));
    assertMessage(p, 'not a real date', 'February 2015 has 28 days, not 30');
    assertMessage(birthdateProblem('13/1/2015'), 'there is no month 13');
    assertMessage(birthdateProblem('2/29/2015'), 'February 2015 has 28 days, not 29');
  });

  it('flags a two-digit year as a guess of the century (birthdate.two-digit-year, with the century fixed)', () => {
    const p = birthdateProblem('12/1/15');
    assert.equal(p.code, 'birthdate.two-digit-year');
    assertMessage(p, 'two-digit year', 'Write the full year: 12/01/2015');
  });

  it('flags a two-digit year that is no real date in either century', () => {
    const p = birthdateProblem('2/30/15');
    assert.equal(p.code, 'birthdate.invalid');
    assertMessage(p, 'two-digit year', 'not a real date in either century');
  });

  it('reads a date written with dots (13.05.2014 day first, 2014.05.13 year first) and suggests it month first', () => {
    for (const [value, order] of [['13.05.2014', 'day.month.year'], ['2014.05.13', 'year.month.day']] as const) {
      const text = file([row({ Birthdate: value })]);
      const p = only(lint(text, options), 'birthdate.invalid');
      assert.deepEqual(p.range, on(1, BIRTHDATE_AT, BIRTHDATE_AT + value.length));
      assertMessage(p, `"${value}" is written with dots (${order})`, 'reads only MM/DD/YYYY', '13 May 2014: write 05/13/2014');
      assert.equal(p.fix, undefined, 'the order is a reading, not a certainty: a suggestion, not a safe fix');
      assert.equal(p.suggestions.length, 1);
      assert.equal(textAt(applyFix(text, p.suggestions[0]), on(1, BIRTHDATE_AT, BIRTHDATE_AT + 10)), '05/13/2014');
      assert.deepEqual(lint(applyFix(text, p.suggestions[0]), options), []);
    }
    const impossible = birthdateProblem('31.02.2014');
    assertMessage(impossible, 'written with dots (day.month.year)', 'not a real date either');
    assert.equal(impossible.suggestions.length, 0);
  });

  it('flags text that is not a date and shows the expected form', () => {
    const p = birthdateProblem('yesterday');
    assert.equal(p.code, 'birthdate.invalid');
    assertMessage(p, '"yesterday"', 'MM/DD/YYYY, e.g. 03/14/2012');
  });
});

describe('rule birthdate.invalid: a date with a time of day', () => {
  // value, what is written without the time, the date spelt out (undefined: left to the column's checks), the config's dateFormat
  const midnight: [string, string, string | undefined, string | undefined][] = [
    ['2015-03-04 00:00:00', '03/04/2015', '4 March 2015', undefined],
    ['03/04/2015 12:00 AM', '03/04/2015', '4 March 2015', undefined],
    ['2015-03-04T00:00:00', '03/04/2015', '4 March 2015', undefined],
    ['2015-03-04T00:00:00Z', '03/04/2015', '4 March 2015', undefined],
    ['2015-03-04 00:00:00.000', '03/04/2015', '4 March 2015', undefined],
    ['7/15/2014 12:00:00 AM', '07/15/2014', '15 July 2014', undefined],
    ['2015-03-04 00:00', '2015-03-04', '4 March 2015', 'YYYY-MM-DD'],
    ['2015-03-04 00:00', '3/4/2015', '4 March 2015', 'M/D/YYYY'],
    // Day and month could be either way round: written as it is, so the column's checks judge the order.
    ['3/4/2015 0:00', '3/4/2015', '4 March 2015', 'YYYY-MM-DD'],
    // Day first: the time goes, birthdate.day-first then speaks for the date.
    ['15/07/2014 00:00', '15/07/2014', undefined, undefined],
  ];
  for (const [value, written, spelt, dateFormat] of midnight) {
    it(`"${value}"${dateFormat ? ` (dateFormat ${dateFormat})` : ''}: a midnight time is dropped by a safe fix writing "${written}"`, () => {
      const opts = { config: { ...SCHOOLS, ...(dateFormat ? { dateFormat } : {}) } as never };
      const text = file([row({ Birthdate: value })], '\r\n');
      const p = only(lint(text, opts), 'birthdate.invalid');
      assert.equal(p.severity, 'error');
      assert.deepEqual(p.range, on(1, BIRTHDATE_AT, BIRTHDATE_AT + value.length));
      assertMessage(p, `Birthdate "${value}" has a time of day`, 'the import reads a date only', `The time is midnight, so dropping it leaves the same day: write ${written} (safe fix).`);
      assert.doesNotMatch(p.message, /is not a date the import can read/);
      assert.equal(p.fix?.title, `Drop the time: change Birthdate "${value}" to "${written}"${spelt ? ` (${spelt})` : ''}`);
      assert.equal(applyFix(text, p.fix), file([row({ Birthdate: written })], '\r\n'));
    });
  }

  for (const [value, time] of [
    ['2015-03-04 13:45', '13:45'],
    ['03/04/2015 12:00 PM', '12:00 PM'],
    ['2015-03-04T00:00:01', '00:00:01'],
  ] as const) {
    it(`"${value}": a time other than midnight is a suggestion, and the message says to check the day`, () => {
      const text = file([row({ Birthdate: value })]);
      const p = only(lint(text, options), 'birthdate.invalid');
      assertMessage(p, `has a time of day ("${time}")`, 'time-zone conversion', 'check the day against the SIS', 'the suggestion drops the time and writes 03/04/2015');
      assert.equal(p.fix, undefined);
      assert.equal(applyFix(text, p.suggestions[0]), file([row({ Birthdate: '03/04/2015' })]));
    });
  }

  it('a value that only looks like a date and time (hour 25) keeps the general message', () => {
    const p = birthdateProblem('2015-03-04 25:00');
    assertMessage(p, 'is not a date the import can read');
    assert.equal(p.fix, undefined);
  });
});

describe('rule birthdate.future', () => {
  it('flags a date after today (3 Dec 2026) but not today', () => {
    const p = birthdateProblem('12/4/2026');
    assert.equal(p.code, 'birthdate.future');
    assert.equal(p.severity, 'error');
    assert.deepEqual(p.range, on(1, BIRTHDATE_AT, BIRTHDATE_AT + 9));
    assertMessage(p, 'in the future');
    assert.equal(birthdateProblem('1/1/2027').code, 'birthdate.future');
    // Born today is not in the future (it is implausible for a student, another rule).
    assert.equal(birthdateProblem('12/3/2026').code, 'birthdate.implausible');
  });
});

describe('rule birthdate.implausible', () => {
  it('accepts students aged 2 to 22', () => {
    for (const date of ['12/3/2024', '12/4/2003', '9/1/2010']) {
      assert.deepEqual(lint(file([row({ Birthdate: date })]), options), [], date);
    }
  });

  it('warns about a student outside 2–22, with the age', () => {
    const old = birthdateProblem('1/1/2000');
    assert.equal(old.code, 'birthdate.implausible');
    assert.equal(old.severity, 'warning');
    assertMessage(old, 'makes a student 26 years old', 'usual 2–22', 'User Type');
    assertMessage(birthdateProblem('12/4/2024'), /makes a student 1 years? old/);
  });

  it('accepts staff aged 16 to 100, and warns outside', () => {
    assert.deepEqual(lint(file([staffRow({ Birthdate: '1/1/1980' })]), options), []);
    assert.deepEqual(lint(file([staffRow({ Birthdate: '12/3/2010' })]), options), []);
    const child = birthdateProblem('1/1/2015', staffRow);
    assert.equal(child.code, 'birthdate.implausible');
    assertMessage(child, 'makes a staff member 11 years old', 'usual 16–100');
    assertMessage(birthdateProblem('1/1/1900', staffRow), 'staff member 126 years old');
  });

  it('uses the User Type a word means (Teacher is staff)', () => {
    const text = file([staffRow({ 'User Type': 'Teacher', Birthdate: '1/1/1980' })]);
    assert.deepEqual(
      lint(text, options).map((p) => p.code),
      ['user-type.invalid'],
    );
  });
});

describe('rule email.invalid', () => {
  /** Row 1 of `row(…)`: Email Address starts after "Ana,Lee,alee,1001,Maple!274,4/2/2018,0,3,". */
  const EMAIL_AT = 41;
  const bad: [string, string][] = [
    ['ab.org', 'it has no @'],
    ['a@@b.org', 'more than one @'],
    ['a@b', 'the domain "b" has no dot'],
    ['a b@x.org', 'contains a space'],
    ['a@x.c0', '"c0" is not a top-level domain'],
    ['@x.org', 'nothing comes before the @'],
    ['a..b@x.org', 'misplaced dot'],
  ];
  for (const [email, why] of bad) {
    it(`flags "${email}" (${why})`, () => {
      const text = file([row({ 'Email Address': email })]);
      const p = only(lint(text, options), 'email.invalid');
      assert.equal(p.severity, 'error');
      assert.equal(p.field, 'Email Address');
      assert.deepEqual(p.range, on(1, EMAIL_AT, EMAIL_AT + email.length));
      assertMessage(p, `Email Address "${email}"`, why, 'single sign-on');
      assert.equal(p.fix, undefined);
    });
  }

  it('passes ordinary addresses', () => {
    for (const email of ['ana.lee@lincoln.k12.example.org', "o'brien+class@x.org", 'A.LEE@X.ORG']) {
      assert.deepEqual(lint(file([row({ 'Email Address': email })]), options), [], email);
    }
  });

  it('trims spaces around an address with a safe fix', () => {
    const text = file([row({ 'Email Address': ' alee@x.org ' })], '\r\n');
    const p = only(lint(text, options), 'email.invalid');
    assert.deepEqual(p.range, on(1, EMAIL_AT, EMAIL_AT + 12));
    assertMessage(p, 'spaces around it', 'Trim them');
    assert.equal(applyFix(text, p.fix), file([row({ 'Email Address': 'alee@x.org' })], '\r\n'));
  });
});
