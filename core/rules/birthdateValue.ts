import { AGE_RANGE, type CalendarDate, ageOn, isAfter, readDate } from '../values/dates';
import { birthdateSerial } from '../values/spreadsheetDamage';
import { isOrderedByColumn } from './birthdateOrder';
import type { RowContext, RowRule } from './ruleTypes';


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
    const reading = readDate(value);
    if (reading.kind === 'date' && !isAfter(reading.date, ctx.today) && plausibleAge(reading.date, ctx)) return;
    // Day-first and two-digit-year dates depend on the column (birthdate.day-first, birthdate.ambiguous,
    // birthdate.two-digit-year); serial numbers are birthdate.excel-serial.
    if (isOrderedByColumn(value) || birthdateSerial(value, ctx.config.dateSystem) !== undefined) return;
    const cell = ctx.cell('Birthdate');
    if (!cell) return;
    const at = { start: cell.valueStart, end: cell.valueEnd, field: 'Birthdate' as const };
    if (reading.kind === 'unreadable') {
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
