import { describeCharacter } from '../core';

/**
 * How a cell's value reads when characters that cannot be seen (or are easily mistaken)
 * matter: each is shown by name, e.g. `Ann⟨no-break space⟩Lee`, and listed with its position.
 */
export interface VisibleValue {
  /** The value (its first `limit` characters) with invisible characters replaced by ⟨name⟩. */
  shown: string;
  /** One note per invisible or unusual character, e.g. "U+00A0 (no-break space) at character 4". */
  notes: string[];
  /** The value's length in characters when `shown` holds only its start; undefined when it holds all of it. */
  truncatedFrom?: number;
}

/** Values longer than this many characters are shown by their start and their length. */
export const SHOWN_VALUE_LIMIT = 200;
/** At most this many notes about invisible characters; then how many more there are. */
const NOTE_LIMIT = 10;

/** Spaces, tabs, breaks, zero-width and other format or control characters. */
const INVISIBLE = /[\p{Z}\p{C}\t]/u;

export function visibleValue(value: string, limit = SHOWN_VALUE_LIMIT): VisibleValue {
  const chars = [...value];
  let lead = 0;
  while (lead < chars.length && chars[lead] === ' ') lead++;
  let trail = 0;
  while (trail < chars.length - lead && chars[chars.length - 1 - trail] === ' ') trail++;
  const notes: string[] = [];
  if (lead > 0) notes.push(`${lead} leading space${lead === 1 ? '' : 's'}`);
  if (trail > 0) notes.push(`${trail} trailing space${trail === 1 ? '' : 's'}`);
  let shown = '';
  let more = 0;
  const note = (text: string) => {
    if (notes.length < NOTE_LIMIT) notes.push(text);
    else more++;
  };
  chars.forEach((ch, i) => {
    if (i >= limit) {
      // Beyond what is shown: still named in the notes (plain spaces are counted as leading or trailing).
      if (ch !== ' ' && (INVISIBLE.test(ch) || (ch.codePointAt(0)! > 0x7f && !/\p{L}/u.test(ch)))) note(`${describeCharacter(ch)} at character ${i + 1}`);
      return;
    }
    const edge = i < lead || i >= chars.length - trail;
    if (ch === ' ' && !edge) {
      shown += ch;
      return;
    }
    if (ch === ' ') {
      shown += '⟨space⟩';
      return;
    }
    if (INVISIBLE.test(ch)) {
      const described = describeCharacter(ch);
      shown += `⟨${nameOf(described)}⟩`;
      note(`${described} at character ${i + 1}`);
      return;
    }
    if (ch.codePointAt(0)! > 0x7f && !/\p{L}/u.test(ch)) {
      // Visible but easily mistaken for ASCII (curly quotes, dashes): name it, keep it.
      note(`${describeCharacter(ch)} at character ${i + 1}`);
    }
    shown += ch;
  });
  if (more > 0) notes.push(`… and ${more} more`);
  return chars.length > limit ? { shown, notes, truncatedFrom: chars.length } : { shown, notes };
}

/** Inline code of a text's first `limit` characters, followed by its length when it is longer: `abc`… (1234 characters). */
export function shortInlineCode(text: string, limit = SHOWN_VALUE_LIMIT): string {
  const chars = [...text];
  return chars.length > limit ? `${inlineCode(chars.slice(0, limit).join(''))}… (${chars.length} characters)` : inlineCode(text);
}

/**
 * The short name shown in ⟨…⟩: "U+00A0 (no-break space)" -> "no-break space", "U+FFFD
 * (replacement character: …)" -> "replacement character"; a description rather than a name
 * ("U+0007 (control character)", "U+2061 (an invisible formatting character)") -> the code point.
 */
function nameOf(described: string): string {
  const hex = /U\+[0-9A-F]+/.exec(described)?.[0];
  const name = /^U\+[0-9A-F]+ \(([^:)]+)/.exec(described)?.[1];
  if (name === undefined || name === 'control character' || /^an? /.test(name)) return hex ?? described;
  return name;
}

/** A password never shown: only its length and what kinds of characters it has. */
export function maskPassword(value: string): string {
  const length = [...value].length;
  if (length === 0) return '(empty)';
  const kinds: [string, boolean][] = [
    ['letter', /\p{L}/u.test(value)],
    ['digit', /\d/.test(value)],
    ['symbol', /[^\p{L}\d\s]/u.test(value)],
  ];
  const has = kinds.filter(([, present]) => present).map(([kind]) => kind);
  const lacks = kinds.filter(([, present]) => !present).map(([kind]) => kind);
  const parts = [`${length} character${length === 1 ? '' : 's'}`];
  if (has.length > 0) parts.push(`has ${has.join(', ')}`);
  if (lacks.length > 0) parts.push(`lacks ${lacks.join(', ')}`);
  return `•••••• (${parts.join('; ')})`;
}

/** Inline code that shows any text literally (fenced with more backticks than it contains). */
export function inlineCode(text: string): string {
  if (text === '') return '(empty)';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n|\r/g, '⏎')}${pad}${fence}`;
}

/**
 * Markdown text with the characters that could format or link escaped, for text that quotes
 * file content (used mid-line, after a list marker, so line-start syntax cannot trigger).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|~]/g, (ch) => `\\${ch}`);
}
