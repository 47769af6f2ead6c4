/**
 * Characters that look like others, or like nothing: typographic punctuation a word processor
 * or Excel's AutoCorrect puts in (’ “ ” – —), spaces that are not plain spaces (no-break, thin),
 * and invisible formatting characters (zero-width space, byte order mark, direction marks).
 * Each has the ASCII text it stands for.
 */
const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'", // left single quotation mark
  '\u2019': "'", // right single quotation mark
  '\u201A': "'", // single low-9 quotation mark
  '\u201B': "'", // single high-reversed-9 quotation mark
  '\u2032': "'", // prime
  '\u00B4': "'", // acute accent
  '\u02BC': "'", // modifier letter apostrophe
  '\u201C': '"', // left double quotation mark
  '\u201D': '"', // right double quotation mark
  '\u201E': '"', // double low-9 quotation mark
  '\u201F': '"', // double high-reversed-9 quotation mark
  '\u2033': '"', // double prime
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2013': '-', // en dash
  '\u2014': '-', // em dash
  '\u2015': '-', // horizontal bar
  '\u2212': '-', // minus sign
  '\u2026': '...', // horizontal ellipsis
};

/** Spaces other than the plain space (no-break, thin, ideographic …). */
const ODD_SPACE = /[\p{Zs}]/u;
/** Invisible formatting characters: zero-width space/joiners, BOM, direction marks, soft hyphen, word joiner. */
const FORMAT = /\p{Cf}/u;

export type LookalikeKind = 'typographic' | 'space' | 'invisible' | 'fullwidth';

export interface Lookalike {
  /** The character (one code point). */
  ch: string;
  /** Its offset in the value, in UTF-16 code units. */
  index: number;
  kind: LookalikeKind;
  /** What it stands for in ASCII ('' for an invisible character). */
  ascii: string;
}

/** The look-alike and invisible characters of a value, in order. Fast for plain ASCII values. */
export function findLookalikes(value: string): Lookalike[] {
  const found: Lookalike[] = [];
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) continue;
    const cp = value.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    const typographic = TYPOGRAPHIC[ch];
    if (typographic !== undefined) found.push({ ch, index: i, kind: 'typographic', ascii: typographic });
    else if (ch !== ' ' && ODD_SPACE.test(ch)) found.push({ ch, index: i, kind: 'space', ascii: ' ' });
    else if (FORMAT.test(ch)) found.push({ ch, index: i, kind: 'invisible', ascii: '' });
    else if (cp >= 0xff01 && cp <= 0xff5e) found.push({ ch, index: i, kind: 'fullwidth', ascii: String.fromCharCode(cp - 0xfee0) });
    if (cp > 0xffff) i++;
  }
  return found;
}

/** The value with each look-alike replaced by its ASCII text and invisible ones removed. */
export function replaceLookalikes(value: string, found = findLookalikes(value)): string {
  let out = '';
  let last = 0;
  for (const l of found) {
    out += value.slice(last, l.index) + l.ascii;
    last = l.index + l.ch.length;
  }
  return out + value.slice(last);
}

/** The value with the look-alike characters removed (invisible ones too). */
export function removeLookalikes(value: string, found = findLookalikes(value)): string {
  let out = '';
  let last = 0;
  for (const l of found) {
    out += value.slice(last, l.index);
    last = l.index + l.ch.length;
  }
  return out + value.slice(last);
}

/** A value's line breaks (CRLF, LF, lone CR). */
export const LINE_BREAK = /\r\n|\r|\n/g;

export function hasLineBreak(value: string): boolean {
  return value.includes('\n') || value.includes('\r');
}
