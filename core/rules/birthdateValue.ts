import { AGE_RANGE, type CalendarDate, DEFAULT_DATE_FORMAT, ageOn, describeDate, formatDate, isAfter, isRealDate, peekDate, readDate } from '../values/dates';
import { birthdateSerial } from '../values/spreadsheetDamage';
import { birthdateShape, isOrderedByColumn } from './birthdateOrder';
import { replaceCellValue } from './cellEdits';
import type { RowContext, RowRule } from './ruleTypes';

/**
 * A date followed by a time of day, as SQL and Excel exports write date-time values:
 * `2015-03-04 00:00:00`, `03/04/2015 12:00 AM`, `2015-03-04T00:00:00Z`. The date part is one of
 * the numeric forms the checks read (M/D/YYYY, YYYY-MM-DD, two-digit years).
 */
const WITH_TIME =
  /^(\d{1,4}[/-]\d{1,2}[/-]\d{1,4})(?:[ T]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?$/;

interface DateWithTime {
  /** The date part as written. */
  datePart: string;
  /** The time part as written ("00:00:00", "12:00 AM"). */
  timePart: string;
  midnight: boolean;
}

export function splitDateTime(value: string): DateWithTime | undefined {
  const text = value.trim();
  const m = WITH_TIME.exec(text);
  if (!m) return undefined;
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  const second = m[4] === undefined ? 0 : Number(m[4]);
  const meridiem = m[5]?.toLowerCase();
  if (minute > 59 || second > 59 || (meridiem ? hour < 1 || hour > 12 : hour > 23)) return undefined;
  const hour24 = meridiem === undefined ? hour : (hour % 12) + (meridiem === 'p' ? 12 : 0);
  const datePart = m[1] as string;
  return { datePart, timePart: text.slice(datePart.length).replace(/^T/, '').trim(), midnight: hour24 === 0 && minute === 0 && second === 0 && !/\.\d*[1-9]/.test(text) };
}

/**
 * What a Birthdate with a time of day becomes without it: the date in the configured format
 * when the date part says plainly which day it is (YYYY-MM-DD, or a month-first date such as
 * 7/15/2014 or 3/3/2015); otherwise the date part as written, so the checks of the column
 * (day first or month first, two-digit years) judge it as they judge any other date.
 */
function withoutTime(split: DateWithTime, ctx: RowContext): { text: string; date: CalendarDate | undefined } {
  const reading = readDate(split.datePart);
  if (reading.kind !== 'date') return { text: split.datePart, date: undefined };
  const plain = /^\d{4}/.test(split.datePart) || birthdateShape(split.datePart) === undefined;
  return { text: plain ? formatDate(reading.date, ctx.config.dateFormat ?? DEFAULT_DATE_FORMAT) : split.datePart, date: reading.date };
}


interface DottedDate {
  /** Day first (13.05.2014), as most locales that use dots write dates; else year first (2014.05.13). */
  dayFirst: boolean;
  date: CalendarDate | undefined;
}

/** A date written with dots, day.month.year or year.month.day (with a 4-digit year), as read that way; undefined for anything else. */
function dottedDate(value: string): DottedDate | undefined {
  const dayFirst = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$/.exec(value.trim());
  if (dayFirst) return { dayFirst: true, date: { day: Number(dayFirst[1]), month: Number(dayFirst[2]), year: Number(dayFirst[3]) } };
  const yearFirst = /^(\d{4})\.(\d{1,2})\.(\d{1,2})\.?$/.exec(value.trim());
  if (yearFirst) return { dayFirst: false, date: { year: Number(yearFirst[1]), month: Number(yearFirst[2]), day: Number(yearFirst[3]) } };
  return undefined;
}

function plausibleAge(date: CalendarDate, ctx: RowContext): boolean {
  const [min, max] = AGE_RANGE[ctx.userType() ?? 'unknown'];
  const age = ageOn(date, ctx.today);
  return age >= min && age <= max;
}

export const birthdateInvalid: RowRule = {
  kind: 'row',
  code: 'birthdate.invalid',
  defaultSeverity: 'error',
  title: 'Birthdate is not a real date in MM/DD/YYYY (or YYYY-MM-DD).',
  check(ctx) {
    const value = ctx.value('Birthdate');
    if (value === undefined || value.trim() === '') return;
    // Most birthdates are plausible real dates: told without making the reading's objects.
    const peeked = peekDate(value);
    if (peeked && !isAfter(peeked, ctx.today) && plausibleAge(peeked, ctx)) return;
    const reading = readDate(value);
    if (reading.kind === 'date' && !isAfter(reading.date, ctx.today) && plausibleAge(reading.date, ctx)) return;
    // Day-first and two-digit-year dates depend on the column (birthdate.day-first, birthdate.ambiguous,
    // birthdate.two-digit-year); serial numbers are birthdate.excel-serial.
    if (isOrderedByColumn(value) || birthdateSerial(value, ctx.config.dateSystem) !== undefined) return;
    const cell = ctx.cell('Birthdate');
    if (!cell) return;
    const at = { start: cell.valueStart, end: cell.valueEnd, field: 'Birthdate' as const };
    const split = reading.kind === 'unreadable' ? splitDateTime(cell.value) : undefined;
    if (split) {
      const { text, date } = withoutTime(split, ctx);
      const title = `Drop the time: change Birthdate "${cell.value}" to "${text}"${date ? ` (${describeDate(date)})` : ''}`;
      const fix = { title, edits: [replaceCellValue(cell, text)] };
      const base = `Birthdate "${cell.value}" has a time of day ("${split.timePart}") after the date, as database and spreadsheet exports write date-and-time values; the import reads a date only, so it rejects this one.`;
      if (split.midnight) {
        ctx.report({ code: 'birthdate.invalid', message: `${base} The time is midnight, so dropping it leaves the same day: write ${text} (safe fix).`, ...at, fix });
      } else {
        ctx.report({
          code: 'birthdate.invalid',
          message: `${base} A time other than midnight can mean the date was shifted by a time-zone conversion, so check the day against the SIS; the suggestion drops the time and writes ${text}.`,
          ...at,
          suggestions: [fix],
        });
      }
    } else if (reading.kind === 'unreadable' && dottedDate(cell.value)) {
      const dotted = dottedDate(cell.value) as DottedDate;
      const order = dotted.dayFirst ? 'day.month.year' : 'year.month.day';
      const why = `Birthdate "${cell.value}" is written with dots (${order}), as spreadsheets in many European and Asian locales write dates; the import reads only MM/DD/YYYY and rejects it.`;
      if (dotted.date && isRealDate(dotted.date.year, dotted.date.month, dotted.date.day)) {
        const written = formatDate(dotted.date, ctx.config.dateFormat ?? DEFAULT_DATE_FORMAT);
        ctx.report({
          code: 'birthdate.invalid',
          message: `${why} Read as ${order}, it is ${describeDate(dotted.date)}: write ${written}. Check the order against the SIS if the file mixes formats.`,
          ...at,
          suggestions: [{ title: `Change Birthdate "${cell.value}" to "${written}" (${describeDate(dotted.date)}, read as ${order})`, edits: [replaceCellValue(cell, written)] }],
        });
      } else {
        ctx.report({
          code: 'birthdate.invalid',
          message: `${why} Read as ${order} it is not a real date either: correct it from the SIS and write it as MM/DD/YYYY, e.g. 03/14/2012.`,
          ...at,
        });
      }
    } else if (reading.kind === 'unreadable') {
      ctx.report({
        code: 'birthdate.invalid',
        message: `Birthdate "${cell.value}" is not a date the import can read. Write it as MM/DD/YYYY, e.g. 03/14/2012.`,
        ...at,
      });
    } else if (reading.kind === 'two-digit-year') {
      ctx.report({
        code: 'birthdate.invalid',
        message: `Birthdate "${cell.value}" has a two-digit year and is not a real date in either century. The import rejects it; correct it from the SIS and write the full year (MM/DD/YYYY).`,
        ...at,
      });
    } else if (reading.kind === 'not-real') {
      ctx.report({
        code: 'birthdate.invalid',
        message: `Birthdate "${cell.value}" is not a real date: ${reading.reason}. The import rejects it; correct it from the SIS.`,
        ...at,
      });
    } else if (isAfter(reading.date, ctx.today)) {
      ctx.report({
        code: 'birthdate.future',
        message: `Birthdate "${cell.value}" is in the future. The import rejects it; correct it from the SIS.`,
        ...at,
      });
    } else if (!plausibleAge(reading.date, ctx)) {
      const type = ctx.userType();
      const [min, max] = AGE_RANGE[type ?? 'unknown'];
      const age = ageOn(reading.date, ctx.today);
      {
        const who = type === 0 ? 'a student' : type === 1 ? 'a staff member' : 'a user';
        ctx.report({
          code: 'birthdate.implausible',
          message: `Birthdate "${cell.value}" makes ${who} ${age} year${age === 1 ? '' : 's'} old, outside the usual ${min}–${max}. Check the date (and the User Type) against the SIS.`,
          ...at,
        });
      }
    }
  },
};

/** Declared for the catalogue; reported by birthdateInvalid, which reads the date once. */
export const birthdateFuture: RowRule = {
  kind: 'row',
  code: 'birthdate.future',
  defaultSeverity: 'error',
  title: 'Birthdate is after today.',
  check() {},
};

export const birthdateImplausible: RowRule = {
  kind: 'row',
  code: 'birthdate.implausible',
  defaultSeverity: 'warning',
  title: 'Birthdate gives an age unlikely for the user type (student 2–22, staff 16–100).',
  check() {},
};
