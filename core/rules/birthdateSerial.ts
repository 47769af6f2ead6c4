import { DEFAULT_DATE_FORMAT, describeDate, formatDate, isAfter } from '../values/dates';
import { birthdateSerial } from '../values/spreadsheetDamage';
import { replaceCellValue } from './cellEdits';
import type { RowRule } from './ruleTypes';

export const birthdateExcelSerial: RowRule = {
  kind: 'row',
  code: 'birthdate.excel-serial',
  defaultSeverity: 'error',
  title: 'Birthdate is a spreadsheet date serial number (42064) instead of a date.',
  check(ctx) {
    const value = ctx.value('Birthdate');
    if (value === undefined || value.length < 5) return;
    const system = ctx.config.dateSystem ?? '1900';
    const serial = birthdateSerial(value, system);
    if (!serial) return;
    const cell = ctx.cell('Birthdate');
    if (!cell) return;
    const { date } = serial;
    const other = system === '1900' ? '1904' : '1900';
    const systemNote =
      system === '1900'
        ? `in Excel's default 1900 date system (a file from Excel for Mac 2011 or older may use the 1904 system: then set "dateSystem": "1904" in .classworks.json)`
        : `in the 1904 date system set in .classworks.json ("dateSystem"; Excel's default is ${other})`;
    const base = `Birthdate "${cell.value}" is a date serial number, not a date: a spreadsheet stored the birthdate as a count of days and the file got the count. The import cannot read it as a birthdate.`;
    if (isAfter(date, ctx.today)) {
      ctx.report({
        code: 'birthdate.excel-serial',
        message: `${base} As a serial number it would be ${describeDate(date)} ${systemNote}, which is in the future, so it is probably not a date at all: take the birthdate from the SIS again.`,
        start: cell.valueStart,
        end: cell.valueEnd,
        field: 'Birthdate',
      });
      return;
    }
    const written = formatDate(date, ctx.config.dateFormat ?? DEFAULT_DATE_FORMAT);
    ctx.report({
      code: 'birthdate.excel-serial',
      message: `${base} Serial ${serial.serial} is ${describeDate(date)} ${systemNote}: write ${written}. To keep Excel from doing this, format the column as Date or Text before saving as CSV.`,
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Birthdate',
      fix: { title: `Change Birthdate "${cell.value}" to "${written}" (${describeDate(date)})`, edits: [replaceCellValue(cell, written)] },
    });
  },
};
