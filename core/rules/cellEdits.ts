import type { Cell } from '../csv/csvTypes';
import type { OffsetEdit } from '../problems';

/**
 * Replaces a cell's value and nothing else: a quoted cell stays quoted (inner quotes doubled);
 * an unquoted cell is quoted only when the new value needs it.
 */
export function replaceCellValue(cell: Cell, value: string): OffsetEdit {
  if (cell.quoted) return { start: cell.valueStart, end: cell.valueEnd, newText: value.replace(/"/g, '""') };
  if (/[",\r\n]/.test(value)) return { start: cell.start, end: cell.end, newText: `"${value.replace(/"/g, '""')}"` };
  return { start: cell.start, end: cell.end, newText: value };
}

/** A cell's value range for diagnostics (the whole cell when it is empty, so it stays visible). */
export function cellRange(cell: Cell): { start: number; end: number } {
  return { start: cell.valueStart, end: cell.valueEnd };
}

/** Makes invisible or unusual characters readable in messages: "é" stays, U+00A0 becomes "U+00A0 (no-break space)". */
export function describeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const names: Record<number, string> = {
    0x09: 'tab',
    0x0a: 'line feed',
    0x0d: 'carriage return',
    0x20: 'space',
    0xa0: 'no-break space',
    0x200b: 'zero-width space',
    0x200c: 'zero-width non-joiner',
    0x200d: 'zero-width joiner',
    0xfeff: 'zero-width no-break space (BOM)',
    0x2018: 'left single quotation mark',
    0x2019: 'right single quotation mark',
    0x201c: 'left double quotation mark',
    0x201d: 'right double quotation mark',
    0x2013: 'en dash',
    0x2014: 'em dash',
    0xfffd: 'replacement character: a character lost in decoding',
    0x200e: 'left-to-right mark',
    0x200f: 'right-to-left mark',
    0x2060: 'word joiner',
    0x00ad: 'soft hyphen',
    0x2010: 'hyphen',
    0x2011: 'non-breaking hyphen',
    0x2212: 'minus sign',
  };
  const name = names[code];
  if (name) return `${hex} (${name})`;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return `${hex} (control character)`;
  if (code < 0x80) return `"${ch}"`;
  if (/\p{Mn}/u.test(ch)) return `${hex} (a combining accent on the letter before it)`;
  if (/\p{Cf}/u.test(ch)) return `${hex} (an invisible formatting character)`;
  if (/\p{Zs}/u.test(ch)) return `${hex} (a space that is not a plain space)`;
  if (/[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(ch) && /\p{L}/u.test(ch)) {
    return `"${ch}" (${hex}, a ${/\p{Script=Cyrillic}/u.test(ch) ? 'Cyrillic' : 'Greek'} letter that looks like a Latin one)`;
  }
  return `"${ch}" (${hex})`;
}
