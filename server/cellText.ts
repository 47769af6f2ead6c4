import { describeCharacter } from '../core';

/**
 * How a cell's value reads when characters that cannot be seen (or are easily mistaken)
 * matter: each is shown by name, e.g. `Ann⟨no-break space⟩Lee`, and listed with its position.
 */
export interface VisibleValue {
  /** The value with invisible characters replaced by ⟨name⟩. */
  shown: string;
  /** One note per invisible or unusual character, e.g. "U+00A0 (no-break space) at character 4". */
  notes: string[];
}

/** Spaces, tabs, breaks, zero-width and other format or control characters. */
const INVISIBLE = /[\p{Z}\p{C}\t]/u;

export function visibleValue(value: string): VisibleValue {
  const chars = [...value];
  let lead = 0;
  while (lead < chars.length && chars[lead] === ' ') lead++;
  let trail = 0;
  while (trail < chars.length - lead && chars[chars.length - 1 - trail] === ' ') trail++;
  const notes: string[] = [];
  if (lead > 0) notes.push(`${lead} leading space${lead === 1 ? '' : 's'}`);
  if (trail > 0) notes.push(`${trail} trailing space${trail === 1 ? '' : 's'}`);
  let shown = '';
  chars.forEach((ch, i) => {
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
      notes.push(`${described} at character ${i + 1}`);
      return;
    }
    if (ch.codePointAt(0)! > 0x7f && !/\p{L}/u.test(ch)) {
      // Visible but easily mistaken for ASCII (curly quotes, dashes): name it, keep it.
      notes.push(`${describeCharacter(ch)} at character ${i + 1}`);
    }
    shown += ch;
  });
  return { shown, notes };
}

/** "U+00A0 (no-break space)" -> "no-break space"; "U+0007 (control character)" -> "U+0007". */
function nameOf(described: string): string {
  const m = /^(U\+[0-9A-F]+) \((.+)\)$/.exec(described);
  if (!m) return described;
  return m[2] === 'control character' ? (m[1] as string) : (m[2] as string);
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
