import { strict as assert } from 'node:assert';
import { type DateReading, ageOn, daysInMonth, isAfter, peekDate, peekNumericDate, readDate, readNumericDate } from '../../core/values/dates';

// The regular-expression readings the hand-written reader replaced, kept here as the reference.
const US = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;
const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const SHORT_YEAR = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2})$/;
const NUMERIC_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const referenceDays = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function referenceReadDate(value: string): DateReading {
  const text = value.trim();
  let year: number;
  let month: number;
  let day: number;
  const us = US.exec(text);
  const iso = us ? null : ISO.exec(text);
  if (us) [month, day, year] = [Number(us[1]), Number(us[2]), Number(us[3])];
  else if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (SHORT_YEAR.test(text)) return { kind: 'two-digit-year' };
  else return { kind: 'unreadable' };
  if (month < 1 || month > 12) return { kind: 'not-real', reason: `there is no month ${month}` };
  const max = referenceDays(year, month);
  if (day < 1 || day > max) return { kind: 'not-real', reason: `${MONTHS[month - 1]} ${year} has ${max} days, not ${day}` };
  if (year < 1800) return { kind: 'not-real', reason: `the year ${year} is not a birth year` };
  return { kind: 'date', date: { year, month, day } };
}

function referenceNumeric(value: string) {
  const m = NUMERIC_DATE.exec(value.trim());
  if (!m) return undefined;
  return { first: Number(m[1]), second: Number(m[2]), year: Number(m[3]), yearDigits: (m[3] as string).length === 2 ? 2 : 4 };
}

describe('dates: the digit reader', () => {
  it('daysInMonth agrees with Date.UTC for every month of the years 0–9999 (0–99 read as 1900–1999), and for odd arguments', () => {
    for (let year = 0; year <= 9999; year++) for (let month = 1; month <= 12; month++) assert.equal(daysInMonth(year, month), referenceDays(year, month), `${year}-${month}`);
    for (const [y, m] of [[2024, 0], [2024, 13], [-1, 2], [10000, 2], [2024.5, 2], [2024, 2.5], [Number.NaN, 2]] as const) {
      assert.deepEqual(daysInMonth(y, m), referenceDays(y, m), `${y}-${m}`);
    }
  });

  it('readDate and readNumericDate agree with the regular expressions on 200,000 generated values and on hand-picked ones', () => {
    const picked = [
      '', ' ', '3/14/2012', '03/14/2012', ' 03/14/2012 ', '\u00a003/14/2012\ufeff', '2012-03-14', '2012/3/4', '2012-3-14 ', '15-07-14', '1/1/11', '02/29/2024',
      '02/29/2023', '02/29/0000', '02/29/0004', '2/29/1900', '2/29/2000', '13/01/2020', '00/10/2020', '1/0/2020', '1/32/2020', '04/31/2020', '12/31/1799',
      '123/1/2020', '1/123/2020', '1/1/12345', '1/1/123', '1/1/1', '1//2020', '/1/1/2020', '1/1/2020/', '1-1/2020', '1.1.2020', '１/1/2020', '1/1/２０２０',
      '99999/1/1', '0000-00-00', '9999-12-31', '2012-03-14T00:00', '3/14/2012\n', '\t3/14/2012', 'x3/14/2012', '3/14/2012x',
    ];
    let seed = 5;
    const next = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const alphabet = '0123456789012345678901234567890123456789//--/- .a\u00a0';
    const values = [...picked];
    for (let i = 0; i < 200_000; i++) {
      let v = '';
      const length = next(14);
      for (let k = 0; k < length; k++) v += alphabet[next(alphabet.length)];
      values.push(v);
    }
    for (const v of values) {
      assert.deepEqual(readDate(v), referenceReadDate(v), JSON.stringify(v));
      assert.deepEqual(readNumericDate(v), referenceNumeric(v), JSON.stringify(v));
      const reading = referenceReadDate(v);
      assert.deepEqual(peekDate(v) && { ...peekDate(v) }, reading.kind === 'date' ? reading.date : undefined, JSON.stringify(v));
      assert.deepEqual(peekNumericDate(v) && { ...peekNumericDate(v) }, referenceNumeric(v), JSON.stringify(v));
    }
    const kinds = new Set(values.map((v) => readDate(v).kind));
    assert.deepEqual([...kinds].sort(), ['date', 'not-real', 'two-digit-year', 'unreadable']);
  });

  it('isAfter and ageOn follow changes of the day asked about, also when the same Date object is changed', () => {
    const today = new Date(2026, 11, 4);
    const birth = { year: 2010, month: 12, day: 5 };
    assert.equal(isAfter({ year: 2026, month: 12, day: 5 }, today), true);
    assert.equal(ageOn(birth, today), 15);
    today.setDate(5);
    assert.equal(isAfter({ year: 2026, month: 12, day: 5 }, today), false);
    assert.equal(ageOn(birth, today), 16);
    assert.equal(ageOn(birth, new Date(2026, 11, 4)), 15);
    assert.equal(isAfter({ year: 2026, month: 1, day: 1 }, new Date(Number.NaN)), false);
  });
});
