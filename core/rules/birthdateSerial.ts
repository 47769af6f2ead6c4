import { DEFAULT_DATE_FORMAT, describeDate, formatDate, isAfter } from '../values/dates';
import { birthdateSerial, excelSerialToDate } from '../values/spreadsheetDamage';
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
    const format = ctx.config.dateFormat ?? DEFAULT_DATE_FORMAT;
    const written = formatDate(date, format);
    const change = { title: `Change Birthdate "${cell.value}" to "${written}" (${describeDate(date)})`, edits: [replaceCellValue(cell, written)] };
    const avoid = 'To keep Excel from doing this, format the column as Date or Text before saving as CSV.';
    if (ctx.config.dateSystem !== undefined) {
      // The district said which system its files use: the conversion is certain, a safe fix.
      ctx.report({
        code: 'birthdate.excel-serial',
        message: `${base} Serial ${serial.serial} is ${describeDate(date)} ${systemNote}: write ${written}. ${avoid}`,
        start: cell.valueStart,
        end: cell.valueEnd,
        field: 'Birthdate',
        fix: change,
      });
      return;
    }
    // Which system made the serial is a guess (the two differ by 1,462 days, about 4 years):
    // suggestions only, the 1900 reading first, until .classworks.json says.
    const in1904 = excelSerialToDate(serial.serial, '1904');
    const alternative =
      in1904 && !isAfter(in1904, ctx.today)
        ? [{ title: `Change Birthdate "${cell.value}" to "${formatDate(in1904, format)}" (${describeDate(in1904)}, Excel for Mac 2011's 1904 date system)`, edits: [replaceCellValue(cell, formatDate(in1904, format))] }]
        : [];
    ctx.report({
      code: 'birthdate.excel-serial',
      message:
        `${base} Serial ${serial.serial} is ${describeDate(date)} in Excel's default 1900 date system (write ${written}), ` +
        `but ${in1904 ? describeDate(in1904) : 'another date'} in the 1904 system of files from Excel for Mac 2011 or older, so it is not fixed for you. ` +
        `Set "dateSystem": "1900" (or "1904") in .classworks.json to say which: then Fix All and classworks fix convert every serial birthdate. Or pick a suggestion for this one. ${avoid}`,
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Birthdate',
      suggestions: [{ ...change, title: `Change Birthdate "${cell.value}" to "${written}" (${describeDate(date)}, Excel's 1900 date system)` }, ...alternative],
    });
  },
};
