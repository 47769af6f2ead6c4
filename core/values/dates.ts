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
