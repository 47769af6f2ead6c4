export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export type DateReading =
  | { kind: 'date'; date: CalendarDate }
  | { kind: 'not-real'; reason: string }
  | { kind: 'two-digit-year' }
  | { kind: 'unreadable' };

/** Plausible ages in whole years, by user type (unknown: type not known). */
export const AGE_RANGE = { 0: [2, 22], 1: [16, 100], unknown: [2, 100] } as const;

const US = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;
const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const SHORT_YEAR = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2})$/;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads a birthdate written M/D/YYYY (or with dashes) or YYYY-MM-DD. */
export function readDate(value: string): DateReading {
  const text = value.trim();
  let year: number;
  let month: number;
  let day: number;
  const us = US.exec(text);
  const iso = us ? null : ISO.exec(text);
  if (us) {
    month = Number(us[1]);
    day = Number(us[2]);
    year = Number(us[3]);
  } else if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
  } else if (SHORT_YEAR.test(text)) {
    return { kind: 'two-digit-year' };
  } else {
    return { kind: 'unreadable' };
  }
  if (month < 1 || month > 12) return { kind: 'not-real', reason: `there is no month ${month}` };
  const max = daysInMonth(year, month);
  if (day < 1 || day > max) {
    return { kind: 'not-real', reason: `${MONTHS[month - 1]} ${year} has ${max} days, not ${day}` };
  }
  if (year < 1800) return { kind: 'not-real', reason: `the year ${year} is not a birth year` };
  return { kind: 'date', date: { year, month, day } };
}

/** Whole years from `birth` to `today`. */
export function ageOn(birth: CalendarDate, today: Date): number {
  const y = today.getFullYear();
  const m = today.getMonth() + 1;
  const d = today.getDate();
  let age = y - birth.year;
  if (m < birth.month || (m === birth.month && d < birth.day)) age--;
  return age;
}

export function isAfter(date: CalendarDate, today: Date): boolean {
  const t = { year: today.getFullYear(), month: today.getMonth() + 1, day: today.getDate() };
  return (
    date.year > t.year ||
    (date.year === t.year && (date.month > t.month || (date.month === t.month && date.day > t.day)))
  );
}

/** How fixes write a date (`dateFormat` in .classworks.json). */
export type DateFormat = 'MM/DD/YYYY' | 'M/D/YYYY' | 'YYYY-MM-DD';
export const DATE_FORMATS: readonly DateFormat[] = ['MM/DD/YYYY', 'M/D/YYYY', 'YYYY-MM-DD'];
export const DEFAULT_DATE_FORMAT: DateFormat = 'MM/DD/YYYY';

/** A date written in one of the configured formats. */
export function formatDate(date: CalendarDate, format: DateFormat = DEFAULT_DATE_FORMAT): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (format === 'YYYY-MM-DD') return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
  if (format === 'M/D/YYYY') return `${date.month}/${date.day}/${date.year}`;
  return `${pad(date.month)}/${pad(date.day)}/${date.year}`;
}

/** "1 March 2015": a date spelt out, so a message cannot be misread either way round. */
export function describeDate(date: CalendarDate): string {
  return `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
}

/** Whether year/month/day is a date on the calendar (from 1800 on, like readDate). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1800 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A date written with two numbers and a year (`3/1/2015`, `15-07-14`), before deciding which number is the month. */
export interface NumericDate {
  first: number;
  second: number;
  year: number;
  /** 2 for `3/1/15`, 4 for `3/1/2015`. */
  yearDigits: 2 | 4;
}

const NUMERIC_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$/;

export function readNumericDate(value: string): NumericDate | undefined {
  const m = NUMERIC_DATE.exec(value.trim());
  if (!m) return undefined;
  return { first: Number(m[1]), second: Number(m[2]), year: Number(m[3]), yearDigits: (m[3] as string).length === 2 ? 2 : 4 };
}

export { MONTHS };
