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

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Days of each month in a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (Number.isInteger(year) && Number.isInteger(month) && year >= 0 && year <= 9999 && month >= 1 && month <= 12) {
    if (month !== 2) return MONTH_DAYS[month - 1] as number;
    // As Date.UTC reads a year: 0–99 is 1900–1999.
    const y = year < 100 ? year + 1900 : year;
    return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  }
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Three runs of ASCII digits, of at most 4 each, separated by "/" or "-" (either, mixed), and
 * nothing else: `3/14/2012`, `2012-03-14`, `15-07-14`. Read by `readParts` into these (the
 * numbers and their digit counts), so that reading a date makes no match arrays or substrings.
 */
let partA = 0;
let digitsA = 0;
let partB = 0;
let digitsB = 0;
let partC = 0;
let digitsC = 0;

/** The text `readParts` read last, and its answer (the parts above are that text's). */
let partsOf: string | undefined;
let partsRead = false;

/**
 * Reads `text` into the parts above. A row's Birthdate is read by birthdate.invalid and again
 * for its column shape: the second reading of the same text is the first one's answer.
 */
function readParts(text: string): boolean {
  if (text === partsOf) return partsRead;
  partsRead = readPartsOf(text);
  // Dates are short; a long text is not kept alive here.
  partsOf = text.length <= 16 ? text : undefined;
  return partsRead;
}

function readPartsOf(text: string): boolean {
  const n = text.length;
  let end = digitsEnd(text, 0);
  digitsA = end;
  partA = digitValue;
  if (digitsA === 0 || digitsA > 4 || end >= n || !isDateSeparator(text.charCodeAt(end))) return false;
  let start = end + 1;
  end = digitsEnd(text, start);
  digitsB = end - start;
  partB = digitValue;
  if (digitsB === 0 || digitsB > 4 || end >= n || !isDateSeparator(text.charCodeAt(end))) return false;
  start = end + 1;
  end = digitsEnd(text, start);
  digitsC = end - start;
  partC = digitValue;
  return digitsC > 0 && digitsC <= 4 && end === n;
}

/** The value of the ASCII digits `digitsEnd` read last. */
let digitValue = 0;

/** Where the ASCII digits of `text` from `from` end; their value goes to `digitValue`. */
function digitsEnd(text: string, from: number): number {
  let value = 0;
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + c - 48;
  }
  digitValue = value;
  return i;
}

/** `/` or `-`, between the parts of a date. */
function isDateSeparator(c: number): boolean {
  return c === 47 || c === 45;
}

/** `value.trim()`, without the call when the value starts and ends with a digit (as dates do). */
function trimmed(value: string): string {
  const n = value.length;
  if (n > 0) {
    const first = value.charCodeAt(0);
    const last = value.charCodeAt(n - 1);
    if (first >= 48 && first <= 57 && last >= 48 && last <= 57) return value;
  }
  return value.trim();
}

/** The year, month and day `readYearMonthDay` read last. */
let readYear = 0;
let readMonth = 0;
let readDay = 0;

/** Reads M/D/YYYY or YYYY-MM-DD into readYear/readMonth/readDay: 'ymd', else what the value is. */
function readYearMonthDay(value: string): 'ymd' | 'two-digit-year' | 'unreadable' {
  if (!readParts(trimmed(value))) return 'unreadable';
  if (digitsA <= 2 && digitsB <= 2 && digitsC === 4) {
    // M/D/YYYY
    readMonth = partA;
    readDay = partB;
    readYear = partC;
  } else if (digitsA === 4 && digitsB <= 2 && digitsC <= 2) {
    // YYYY-MM-DD
    readYear = partA;
    readMonth = partB;
    readDay = partC;
  } else if (digitsA <= 2 && digitsB <= 2 && digitsC === 2) {
    return 'two-digit-year';
  } else {
    return 'unreadable';
  }
  return 'ymd';
}

const PEEKED_DATE: CalendarDate = { year: 0, month: 0, day: 0 };

/**
 * The date of a value that `readDate` reads as a real date (kind 'date'), without making
 * objects: in one object that every call reuses, valid until the next call; else undefined.
 */
export function peekDate(value: string): Readonly<CalendarDate> | undefined {
  if (readYearMonthDay(value) !== 'ymd') return undefined;
  if (readMonth < 1 || readMonth > 12 || readDay < 1 || readDay > daysInMonth(readYear, readMonth) || readYear < 1800) return undefined;
  PEEKED_DATE.year = readYear;
  PEEKED_DATE.month = readMonth;
  PEEKED_DATE.day = readDay;
  return PEEKED_DATE;
}

/** Reads a birthdate written M/D/YYYY (or with dashes) or YYYY-MM-DD. */
export function readDate(value: string): DateReading {
  const kind = readYearMonthDay(value);
  if (kind !== 'ymd') return { kind };
  const year = readYear;
  const month = readMonth;
  const day = readDay;
  if (month < 1 || month > 12) return { kind: 'not-real', reason: `there is no month ${month}` };
  const max = daysInMonth(year, month);
  if (day < 1 || day > max) {
    return { kind: 'not-real', reason: `${MONTHS[month - 1]} ${year} has ${max} days, not ${day}` };
  }
  if (year < 1800) return { kind: 'not-real', reason: `the year ${year} is not a birth year` };
  return { kind: 'date', date: { year, month, day } };
}

/** Today's year, month and day (local time) for the `today` last asked about. */
let todayAsked: Date | undefined;
let todayTime = Number.NaN;
let todayYear = 0;
let todayMonth = 0;
let todayDay = 0;

function readToday(today: Date): void {
  const time = today.getTime();
  if (today === todayAsked && (time === todayTime || (Number.isNaN(time) && Number.isNaN(todayTime)))) return;
  todayAsked = today;
  todayTime = time;
  todayYear = today.getFullYear();
  todayMonth = today.getMonth() + 1;
  todayDay = today.getDate();
}

/** Whole years from `birth` to `today`. */
export function ageOn(birth: CalendarDate, today: Date): number {
  readToday(today);
  const y = todayYear;
  const m = todayMonth;
  const d = todayDay;
  let age = y - birth.year;
  if (m < birth.month || (m === birth.month && d < birth.day)) age--;
  return age;
}

export function isAfter(date: CalendarDate, today: Date): boolean {
  readToday(today);
  return (
    date.year > todayYear ||
    (date.year === todayYear && (date.month > todayMonth || (date.month === todayMonth && date.day > todayDay)))
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

/** Reads `M/D/YYYY`-like dates: 1 or 2 digits, 1 or 2 digits, then 4 or 2 digits, separated by "/" or "-". */
export function readNumericDate(value: string): NumericDate | undefined {
  if (!readParts(trimmed(value)) || digitsA > 2 || digitsB > 2 || (digitsC !== 4 && digitsC !== 2)) return undefined;
  return { first: partA, second: partB, year: partC, yearDigits: digitsC === 2 ? 2 : 4 };
}

const PEEKED_NUMERIC: NumericDate = { first: 0, second: 0, year: 0, yearDigits: 4 };

/**
 * `readNumericDate` without making an object: the reading is in one object that every call
 * reuses, so it is valid until the next call (for checks that read it at once, on every row).
 */
export function peekNumericDate(value: string): Readonly<NumericDate> | undefined {
  if (!readParts(trimmed(value)) || digitsA > 2 || digitsB > 2 || (digitsC !== 4 && digitsC !== 2)) return undefined;
  PEEKED_NUMERIC.first = partA;
  PEEKED_NUMERIC.second = partB;
  PEEKED_NUMERIC.year = partC;
  PEEKED_NUMERIC.yearDigits = digitsC === 2 ? 2 : 4;
  return PEEKED_NUMERIC;
}

export { MONTHS };
