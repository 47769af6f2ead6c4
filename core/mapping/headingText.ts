import { findLookalikes, replaceLookalikes } from '../values/lookalikes';

/** A UTF-8 byte order mark read as Windows-1252 ("ï»¿") or Mac Roman ("Ôªø") at the start of a heading. */
const MOJIBAKE_BOM = /^(?:\u00EF\u00BB\u00BF|\u00D4\u00AA\u00F8)+/;

/**
 * A heading as it was meant: look-alikes made ASCII (’ → ', – → -), invisible characters
 * removed, tabs, line breaks and odd spaces made plain spaces, spaces trimmed and collapsed, and
 * a byte order mark (also one read as mojibake) dropped.
 */
export function cleanHeading(heading: string): string {
  let text = heading.replace(MOJIBAKE_BOM, '');
  text = replaceLookalikes(text);
  return text.replace(/[\t\r\n\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/ {2,}/g, ' ').trim();
}

export interface HiddenInHeading {
  /** What it is, for the message: `U+00A0 (no-break space) at character 11`, `a trailing space`. */
  description: string;
}

/**
 * What makes a heading differ from how it looks: leading, trailing or doubled spaces, tabs and
 * line breaks, no-break and other odd spaces, invisible characters (zero-width space, a byte
 * order mark inside the file), curly quotes and dashes. Empty for a clean heading.
 */
export function hiddenInHeading(heading: string, describe: (ch: string) => string): HiddenInHeading[] {
  const found: HiddenInHeading[] = [];
  const bom = MOJIBAKE_BOM.exec(heading);
  if (bom) found.push({ description: `"${bom[0]}" at its start (a byte order mark read as Windows-1252 text)` });
  const rest = bom ? heading.slice(bom[0].length) : heading;
  const offset = bom ? bom[0].length : 0;
  const position = (index: number) => `at character ${[...heading.slice(0, index + offset)].length + 1}`;
  for (const l of findLookalikes(rest)) found.push({ description: `${describe(l.ch)} ${position(l.index)}` });
  for (const m of rest.matchAll(/[\t\r\n\u0000-\u001f\u007f-\u009f]/g)) found.push({ description: `${describe(m[0])} ${position(m.index ?? 0)}` });
  const lead = /^ +/.exec(rest)?.[0].length ?? 0;
  const trail = /(?<! ) +$/.exec(rest)?.[0].length ?? 0;
  if (lead > 0 && lead < rest.length) found.push({ description: lead === 1 ? 'a leading space' : `${lead} leading spaces` });
  if (trail > 0 && trail < rest.length) found.push({ description: trail === 1 ? 'a trailing space' : `${trail} trailing spaces` });
  if (/\S {2,}\S/.test(rest)) found.push({ description: 'two spaces in a row' });
  return found;
}

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions): `fristname` is
 * 1 from `firstname`, `emialaddress` 1 from `emailaddress`. Stops early above `max`.
 */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const prev = rows[i - 1] as number[];
      let d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** How far a normalised heading may be from a field's name (or alias) to be taken for it: typos only, never a short word for another. */
export function allowedDistance(normalized: string): number {
  if (normalized.length >= 9) return 2;
  if (normalized.length >= 5) return 1;
  return 0;
}
