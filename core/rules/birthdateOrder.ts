import type { Row } from '../csv/csvTypes';
import type { OffsetFix } from '../problems';
import {
  AGE_RANGE,
  type CalendarDate,
  DEFAULT_DATE_FORMAT,
  ageOn,
  describeDate,
  formatDate,
  isAfter,
  isRealDate,
  type NumericDate,
  peekNumericDate,
  readNumericDate,
} from '../values/dates';
import { replaceCellValue } from './cellEdits';
import { lazyProblem } from './lazyProblem';
import { plural } from './messageText';
import type { ColumnContext, ColumnRule, RowRule } from './ruleTypes';

/**
 * The order of a Birthdate's day and month, as far as its own value tells:
 * - `dmy`: `15/07/2014` — no month 15, so it is written day first (and proves the column is);
 * - `amb`: `03/04/2015` — both numbers could be the month; fine in a month-first column,
 *   ambiguous in a column that some row proves day-first;
 * - `yy-dmy`, `yy-amb`, `yy`: the same with a two-digit year (`yy`: month first is the only
 *   reading, or day and month are equal).
 * Other values (month-first dates such as `7/15/2014`, ISO dates, text) have no shape here: the
 * row rule birthdate.invalid checks them.
 */
export type BirthdateShape = 'dmy' | 'amb' | 'yy-dmy' | 'yy-amb' | 'yy';

export function birthdateShape(value: string): BirthdateShape | undefined {
  const d = peekNumericDate(value);
  if (!d) return undefined;
  const { first: a, second: b, year } = d;
  if (a < 1 || b < 1) return undefined;
  if (d.yearDigits === 4) {
    if (a > 12) return b <= 12 && isRealDate(year, b, a) ? 'dmy' : undefined;
    return b <= 12 && a !== b ? 'amb' : undefined;
  }
  const realIn = (month: number, day: number) => isRealDate(1900 + year, month, day) || isRealDate(2000 + year, month, day);
  if (a > 12) return b <= 12 && realIn(b, a) ? 'yy-dmy' : undefined;
  if (b <= 12 && a !== b) return 'yy-amb';
  return realIn(a, b) ? 'yy' : undefined;
}

/** Whether birthdate.invalid leaves the value to this rule. */
export function isOrderedByColumn(value: string): boolean {
  const shape = birthdateShape(value);
  return shape !== undefined && shape !== 'amb';
}

interface Candidate {
  date: CalendarDate;
  age: number;
  plausible: boolean;
}

/** The dates a two-digit-year value can be, for one order of day and month: 19yy and 20yy, past only. */
function centuries(ctx: ColumnContext, row: Row, yy: number, month: number, day: number): Candidate[] {
  const [min, max] = AGE_RANGE[ctx.userType(row) ?? 'unknown'];
  const out: Candidate[] = [];
  for (const year of [1900 + yy, 2000 + yy]) {
    if (!isRealDate(year, month, day)) continue;
    const date = { year, month, day };
    if (isAfter(date, ctx.today)) continue;
    const age = ageOn(date, ctx.today);
    out.push({ date, age, plausible: age >= min && age <= max });
  }
  return out;
}

/** The one date a row's value means when read day first, for the column conversion (undefined: no single date). */
function dayFirstDate(ctx: ColumnContext, row: Row, value: string, shape: BirthdateShape): CalendarDate | undefined {
  const d = readNumericDate(value);
  if (!d) return undefined;
  if (shape === 'dmy' || shape === 'amb') return { year: d.year, month: d.second, day: d.first };
  const plausible = centuries(ctx, row, d.year, d.second, d.first).filter((c) => c.plausible);
  return plausible.length === 1 ? plausible[0]?.date : undefined;
}

const WHO = { 0: 'a student', 1: 'a staff member', unknown: 'a user' } as const;

export const birthdateDayFirst: ColumnRule = {
  kind: 'column',
  code: 'birthdate.day-first',
  defaultSeverity: 'error',
  title: 'Birthdate is written day first (DD/MM/YYYY, e.g. 15/07/2014).',
  fields: ['Birthdate'],
  shape: birthdateShape,
  check(ctx) {
    const proofCount = ctx.count('dmy') + ctx.count('yy-dmy');
    const twoDigit = ctx.count('yy-dmy') + ctx.count('yy-amb') + ctx.count('yy');
    if (proofCount === 0 && twoDigit === 0) return;
    const format = ctx.config.dateFormat ?? DEFAULT_DATE_FORMAT;
    // Rows in no particular order: the report sorts problems by position, and a day-first column
    // of a large file has tens of thousands of these rows.
    const proofRows = proofCount > 0 ? [...ctx.rows('dmy', false), ...ctx.rows('yy-dmy', false)] : [];
    const ambiguousRows = proofCount > 0 ? [...ctx.rows('amb', false), ...ctx.rows('yy-amb', false)] : [];
    const firstOf = (rows: readonly Row[]) => rows.reduce<Row | undefined>((a, r) => (a === undefined || r.start < a.start ? r : a), undefined);
    const firstProof = firstOf(proofRows);
    const firstAmbiguous = firstOf(ambiguousRows);
    const proofNote = () => {
      const value = firstProof ? ctx.cell(firstProof)?.value : undefined;
      return firstProof && value !== undefined ? `"${value}" on line ${firstProof.line + 1}` : 'another row';
    };

    // Reading the whole column day first, in one edit: the way out when some dates prove the
    // column day-first and others could be read either way. Built when first asked for.
    let columnFix: OffsetFix | undefined | null = null;
    const columnConversion = (): OffsetFix | undefined => {
      if (columnFix !== null) return columnFix;
      const edits = [];
      for (const row of [...proofRows, ...ambiguousRows].sort((a, b) => a.start - b.start)) {
        const cell = ctx.cell(row);
        const shape = cell && birthdateShape(cell.value);
        const date = cell && shape ? dayFirstDate(ctx, row, cell.value, shape) : undefined;
        if (!cell || !date) continue;
        const edit = replaceCellValue(cell, formatDate(date, format));
        edits.push({ start: row.start + edit.start, end: row.start + edit.end, newText: edit.newText });
      }
      columnFix = edits.length > 1 ? { title: `Read the ${edits.length} day-first Birthdates of this column day first and write them as ${format}`, edits } : undefined;
      return columnFix;
    };
    // The conversion has an edit per row; past this many rows only the first problem that is
    // shown offers it.
    const everywhere = proofRows.length + ambiguousRows.length <= 1000;
    let offered = false;
    const conversionFor = (row: Row): OffsetFix[] => {
      if (!everywhere && offered) return [];
      const fix = columnConversion();
      if (!fix) return [];
      offered = true;
      // Edits by absolute offset, made relative to the row the problem is reported on.
      return [{ title: fix.title, edits: fix.edits.map((e) => ({ start: e.start - row.start, end: e.end - row.start, newText: e.newText })) }];
    };

    for (const row of ctx.rows('dmy', false)) {
      const cell = ctx.cell(row);
      if (!cell) continue;
      ctx.report(
        row,
        lazyProblem('birthdate.day-first', 'Birthdate', cell.valueStart, cell.valueEnd, () => {
          const d = readNumericDate(cell.value) as NumericDate;
          const date = { year: d.year, month: d.second, day: d.first };
          const written = formatDate(date, format);
          const rowFix: OffsetFix = { title: `Change Birthdate "${cell.value}" to "${written}" (${describeDate(date)})`, edits: [replaceCellValue(cell, written)] };
          const base = `Birthdate "${cell.value}" is written day first (DD/MM/YYYY): there is no month ${d.first}, so it is ${describeDate(date)}. The import reads month first (MM/DD/YYYY) and rejects it.`;
          if (!firstAmbiguous) return { message: `${base} Write it as ${written}.`, fix: rowFix };
          return {
            message: `${base} ${plural(ambiguousRows.length, 'other Birthdate')} in this column (the first on line ${firstAmbiguous.line + 1}) can be read either way round and ${ambiguousRows.length === 1 ? 'is' : 'are'} probably day first too; rewriting this date alone would hide that. Convert the column's day-first dates together, or check them against the SIS.`,
            suggestions: [...conversionFor(row), rowFix],
          };
        }),
      );
    }

    if (proofCount > 0) {
      for (const row of ctx.rows('amb', false)) {
        const cell = ctx.cell(row);
        if (!cell) continue;
        ctx.report(
          row,
          lazyProblem('birthdate.ambiguous', 'Birthdate', cell.valueStart, cell.valueEnd, () => {
            const d = readNumericDate(cell.value) as NumericDate;
            const monthFirst = { year: d.year, month: d.first, day: d.second };
            const dayFirst = { year: d.year, month: d.second, day: d.first };
            const written = formatDate(dayFirst, format);
            return {
              message: `Birthdate "${cell.value}" can be read two ways: ${describeDate(monthFirst)} (month first, as the import reads it) or ${describeDate(dayFirst)} (day first). This column has dates written day first (${proofNote()}), so this one probably is too, and the import would store the wrong birthdate. Check it against the SIS, or convert the column's day-first dates together.`,
              suggestions: [
                ...conversionFor(row),
                { title: `Read it day first: change Birthdate "${cell.value}" to "${written}" (${describeDate(dayFirst)})`, edits: [replaceCellValue(cell, written)] },
              ],
            };
          }),
        );
      }
    }

    for (const shape of ['yy-dmy', 'yy-amb', 'yy'] as const) {
      for (const row of ctx.rows(shape, false)) {
        const cell = ctx.cell(row);
        if (!cell) continue;
        ctx.report(
          row,
          lazyProblem('birthdate.two-digit-year', 'Birthdate', cell.valueStart, cell.valueEnd, () => {
            const d = readNumericDate(cell.value) as NumericDate;
            const type = ctx.userType(row);
            const orderUnknown = shape === 'yy-amb' && proofCount > 0;
            const readings =
              shape === 'yy-dmy'
                ? [{ month: d.second, day: d.first }]
                : orderUnknown
                  ? [{ month: d.second, day: d.first }, { month: d.first, day: d.second }]
                  : [{ month: d.first, day: d.second }];
            const candidates = readings.flatMap((r) => centuries(ctx, row, d.year, r.month, r.day));
            const plausible = candidates.filter((c) => c.plausible);
            const safe = readings.length === 1 && plausible.length === 1 && !(shape === 'yy-dmy' && ambiguousRows.length > 0);
            const only = safe ? plausible[0] : undefined;
            const [min, max] = AGE_RANGE[type ?? 'unknown'];
            const yy = String(d.year).padStart(2, '0');
            let why = '';
            if (shape === 'yy-dmy') why = ` It is also written day first (there is no month ${d.first}).`;
            else if (orderUnknown) why = ` And this column has dates written day first (${proofNote()}), so day and month may be the other way round too.`;
            const ages = candidates.map((c) => `${readings.length > 1 ? describeDate(c.date) : c.date.year}: age ${c.age}`).join(', ');
            const change = (c: Candidate): OffsetFix => {
              const written = formatDate(c.date, format);
              return { title: `Change Birthdate "${cell.value}" to "${written}" (${describeDate(c.date)}, age ${c.age})`, edits: [replaceCellValue(cell, written)] };
            };
            const whom = WHO[type ?? 'unknown'];
            let advice: string;
            if (only) advice = `Only ${only.date.year} gives a usual age for ${whom} (${min}–${max}; ${ages}). Write the full year: ${formatDate(only.date, format)}.`;
            else if (plausible.length > 1) advice = `More than one reading gives a usual age for ${whom} (${min}–${max}; ${ages}): take the full date from the SIS.`;
            else if (plausible.length === 0) advice = `No reading gives a usual age for ${whom} (${min}–${max}${ages ? `; ${ages}` : ''}): check the date and the User Type against the SIS.`;
            else advice = `Check it against the SIS, or convert the column's day-first dates together.`;
            return {
              message: `Birthdate "${cell.value}" has a two-digit year, so the century is a guess (19${yy} or 20${yy}?).${why} ${advice}`,
              fix: only ? change(only) : undefined,
              suggestions: only ? [] : [...(shape !== 'yy' ? conversionFor(row) : []), ...(plausible.length > 0 ? plausible : candidates).map(change)],
            };
          }),
        );
      }
    }
  },
};

/** Declared for the catalogue; reported by birthdateDayFirst, which knows the column. */
export const birthdateAmbiguous: RowRule = {
  kind: 'row',
  code: 'birthdate.ambiguous',
  defaultSeverity: 'warning',
  title: 'Birthdate could be read day first or month first, in a column that has day-first dates.',
  check() {},
};

export const birthdateTwoDigitYear: RowRule = {
  kind: 'row',
  code: 'birthdate.two-digit-year',
  defaultSeverity: 'warning',
  title: 'Birthdate has a two-digit year (3/1/15).',
  check() {},
};
