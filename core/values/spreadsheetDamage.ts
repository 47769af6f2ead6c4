/**
 * Shapes a spreadsheet (Excel above all) leaves in values it reads as numbers or dates:
 * scientific notation, date serial numbers, "3-4" turned into "4-Mar".
 */
import { type CalendarDate, MONTHS, isRealDate, readNumericDate } from './dates';

/** Excel's two date systems: 1900 (Windows, the default) and 1904 (Excel for Mac 2011 and older). */
export type DateSystem = '1900' | '1904';

/**
 * A long number as a spreadsheet shows it: `1.23457E+11`, `1.2E5`, `1E+05`. A mantissa with a
 * decimal point, or an exponent with an explicit sign, so that codes like `12E3` are left alone.
 */
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+[eE][+-]?|[eE][+-])\d{1,3}$/;

export function isScientificNotation(value: string): boolean {
  return SCIENTIFIC.test(value.trim());
}

const DAY_MS = 86_400_000;

/**
 * The date an Excel serial number stands for. In the 1900 system serial 1 is 1 January 1900 and
 * Excel counts a 29 February 1900 that never was (serial 60; its "leap-year bug"), so serials
 * from 61 on are one day ahead of the calendar. In the 1904 system serial 0 is 1 January 1904.
 */
export function excelSerialToDate(serial: number, system: DateSystem = '1900'): CalendarDate | undefined {
  if (!Number.isInteger(serial) || serial < 0) return undefined;
  let ms: number;
  if (system === '1904') {
    ms = Date.UTC(1904, 0, 1) + serial * DAY_MS;
  } else {
    if (serial === 0 || serial === 60) return undefined;
    ms = Date.UTC(1899, 11, serial < 60 ? 31 : 30) + serial * DAY_MS;
  }
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * A Birthdate that is an Excel serial number (`42064`): five digits, 10000 (18 May 1927) to
 * 99999; four-digit values are more likely a year of birth and are left to the date check.
 */
export function birthdateSerial(value: string, system: DateSystem = '1900'): { serial: number; date: CalendarDate } | undefined {
  const text = value.trim();
  if (!/^[1-9]\d{4}$/.test(text)) return undefined;
  const serial = Number(text);
  const date = excelSerialToDate(serial, system);
  return date ? { serial, date } : undefined;
}

const MONTH_ABBREVIATIONS = MONTHS.map((m) => m.slice(0, 3).toLowerCase());

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const k = MONTH_ABBREVIATIONS.indexOf(lower.slice(0, 3));
  if (k < 0) return undefined;
  const full = (MONTHS[k] as string).toLowerCase();
  return lower.length === 3 || full === lower || (k === 8 && lower === 'sept') ? k + 1 : undefined;
}

/** What a spreadsheet made of a value it took for a date, and what the value probably was. */
export interface SpreadsheetDate {
  /** How the value reads as a date, e.g. "4 March". */
  reading: string;
  /** The value before the spreadsheet changed it ("3-4" for "4-Mar"), when it can be told. */
  original?: string;
}

/**
 * Text a spreadsheet turned into a date (month names as spreadsheets write them: "Mar", "Nov"): `4-Mar` or `12-Nov` (day-month, from "3-4" or
 * "11-12"), `Nov-12` or `Mar-04` (month-year, from "11-12" or "3-4"), `4-Mar-24`, and full
 * dates such as `3/4/2024` (what "3/4" becomes once a year is added).
 */
export function spreadsheetDate(value: string): SpreadsheetDate | undefined {
  const text = value.trim();
  let m = /^(\d{1,2})[- ]([A-Z][a-z]{2,8})$/.exec(text);
  if (m) {
    const day = Number(m[1]);
    const month = monthNumber(m[2] as string);
    if (month && day >= 1 && day <= 31) return { reading: `${day} ${MONTHS[month - 1]}`, original: `${month}-${day}` };
  }
  m = /^([A-Z][a-z]{2,8})[- ](\d{1,2})$/.exec(text);
  if (m) {
    const month = monthNumber(m[1] as string);
    const n = Number(m[2]);
    if (month) return { reading: `${MONTHS[month - 1]} ${m[2]}`, original: `${month}-${n}` };
  }
  m = /^(\d{1,2})-([A-Z][a-z]{2,8})-(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const month = monthNumber(m[2] as string);
    const day = Number(m[1]);
    if (month && day >= 1 && day <= 31) return { reading: `${day} ${MONTHS[month - 1]} ${m[3]}` };
  }
  const numeric = readNumericDate(text);
  if (numeric && numeric.yearDigits === 4 && isRealDate(numeric.year, numeric.first, numeric.second)) {
    return { reading: `${MONTHS[numeric.first - 1]} ${numeric.second}, ${numeric.year}` };
  }
  return undefined;
}

/** The shape a spreadsheet gives a password it converted, or undefined when it looks like text. */
export type NumberLikeShape = 'scientific' | 'date' | 'number';

export function numberLikeShape(value: string): NumberLikeShape | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  if (isScientificNotation(text)) return 'scientific';
  if (/^[+-]?\d+(?:\.\d+)?$/.test(text)) return 'number';
  if (readNumericDate(text) || /^\d{4}-\d{1,2}-\d{1,2}$/.test(text) || spreadsheetDate(text)) return 'date';
  return undefined;
}
