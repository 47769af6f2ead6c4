import type { Cell } from '../csv/csvTypes';
import type { FieldName } from '../fields';
import type { OffsetFix } from '../problems';
import { repairMojibake } from '../encoding/mojibake';
import { hasLineBreak } from '../values/lookalikes';
import { describeCharacter, replaceCellValue } from './cellEdits';
import { joinLines } from './lineBreakValue';
import { lostCharacters } from './lostCharacter';
import type { RowContext, RowRule } from './ruleTypes';
import { isPlainName } from '../values/ascii';

const NAME_FIELDS: FieldName[] = ['First Name', 'Last Name'];
const ALLOWED = /^[A-Za-z ]$/;

/** José -> Jose: letters with accents become their plain letter; other characters stay. */
export function removeAccents(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[Ææ]/g, (c) => (c === 'Æ' ? 'AE' : 'ae'))
    .replace(/[Øø]/g, (c) => (c === 'Ø' ? 'O' : 'o'))
    .replace(/[Łł]/g, (c) => (c === 'Ł' ? 'L' : 'l'))
    .replace(/[Đđ]/g, (c) => (c === 'Đ' ? 'D' : 'd'));
}

/** O'Brien -> OBrien, Smith-Jones -> SmithJones: drops everything but letters and spaces. */
export function removePunctuation(value: string): string {
  return value.replace(/[^\p{L} ]/gu, '');
}

/** Trims and collapses runs of spaces. */
export function tidySpaces(value: string): string {
  return value.replace(/ {2,}/g, ' ').trim();
}

function nameFixes(cell: Cell, field: FieldName): OffsetFix[] {
  const value = cell.value;
  const fixes: OffsetFix[] = [];
  const accents = tidySpaces(removeAccents(value));
  if (accents !== tidySpaces(value)) {
    fixes.push({ title: `Remove accents: ${field} "${value}" → "${accents}"`, edits: [replaceCellValue(cell, accents)] });
  }
  const punct = tidySpaces(removePunctuation(value));
  if (punct !== tidySpaces(value) && punct !== '' && punct !== accents) {
    fixes.push({ title: `Remove punctuation: ${field} "${value}" → "${punct}"`, edits: [replaceCellValue(cell, punct)] });
  }
  const both = tidySpaces(removePunctuation(removeAccents(value)));
  if (both !== accents && both !== punct && both !== '' && /^[A-Za-z ]+$/.test(both)) {
    fixes.push({ title: `Remove accents and punctuation: "${value}" → "${both}"`, edits: [replaceCellValue(cell, both)] });
  }
  return fixes;
}

function checkName(ctx: RowContext, field: FieldName): void {
  const value = ctx.value(field);
  if (value === undefined || value === '' || isPlainName(value)) return;
  const found = ctx.cell(field);
  if (!found || found.value === '') return;
  // Mojibake (value.mojibake) is reported, with its fix, by its own rule; this one speaks once
  // it is read back. A line break is value.line-break's: the name is judged as that rule's fix
  // writes it, the lines joined by a space (the edits still cover the whole cell).
  if (repairMojibake(found.value)) return;
  const cell = hasLineBreak(found.value) ? { ...found, value: joinLines(found.value) } : found;
  if (cell.value === '' || (cell !== found && isPlainName(cell.value))) return;
  // A "?" standing for a lost letter is value.lost-character's: it is no punctuation to remove.
  const lost = lostCharacters(cell.value);
  const bad: string[] = [];
  let k = 0;
  for (const ch of cell.value) {
    if (!ALLOWED.test(ch) && !bad.includes(ch) && !(ch === '?' && lost.includes(k))) bad.push(ch);
    k += ch.length;
  }
  if (bad.length === 0 && lost.length > 0) return;
  if (bad.length > 0) {
    const named = bad.map(describeCharacter).join(', ');
    // Odd spaces (no-break, tab, thin …) are plainly meant as spaces, and invisible formatting
    // characters (zero-width space, direction marks) as nothing: a safe fix.
    const spaced = tidySpaces(cell.value.replace(/[\p{Zs}\t]/gu, ' ').replace(/\p{Cf}/gu, ''));
    // What the safe fix does, in the words of its title and of the message.
    const invisible = bad.filter((ch) => /\p{Cf}/u.test(ch)).length;
    const odd = bad.filter((ch) => /[\p{Zs}\t]/u.test(ch)).length;
    const spaceWork = [
      ...(invisible > 0 ? [`remove the invisible ${invisible > 1 ? 'characters' : 'character'}`] : []),
      ...(odd > 0 ? [`replace the odd ${odd > 1 ? 'spaces' : 'space'} with ${odd > 1 ? 'normal spaces' : 'a normal space'}`] : []),
    ].join(' and ');
    const spaceFix: OffsetFix | undefined = /^[A-Za-z ]+$/.test(spaced)
      ? { title: `${spaceWork.charAt(0).toUpperCase()}${spaceWork.slice(1)}: ${field} "${spaced}"`, edits: [replaceCellValue(cell, spaced)] }
      : undefined;
    if (bad.includes('\uFFFD')) {
      ctx.report({
        code: 'name.invalid-character',
        message:
          `${field} "${cell.value}" has U+FFFD, the replacement character: a letter was lost when the file was read, so the file is probably not UTF-8 (Excel often saves Windows-1252 or Mac Roman). ` +
          'Classworks accepts only A–Z and spaces in legal names. Reopen the file with its real encoding (or re-export it from the SIS as UTF-8) and the original letter comes back; no fix is offered here because the letter is unknown.',
        start: cell.valueStart,
        end: cell.valueEnd,
        field,
      });
      return;
    }
    const plural = bad.length > 1 ? 'characters' : 'character';
    const suggestions = spaceFix || lost.length > 0 ? [] : nameFixes(cell, field);
    const how = spaceFix
      ? `${spaceWork.charAt(0).toUpperCase()}${spaceWork.slice(1)} (safe fix).`
      : suggestions.length > 0
        ? `Remove or replace the ${plural} (quick fixes: ${suggestions.map((f) => f.title.split(':')[0]?.toLowerCase()).join('; ')}).`
        : `Remove or replace the ${plural}, as the name is written in the SIS.`;
    ctx.report({
      code: 'name.invalid-character',
      message:
        `${field} "${cell.value}" has the ${plural} ${named}. Classworks accepts only the letters A–Z and spaces in legal names, ` +
        `so the import rejects this row. ${how}`,
      start: cell.valueStart,
      end: cell.valueEnd,
      field,
      fix: spaceFix,
      suggestions,
    });
    return;
  }
  const tidy = tidySpaces(cell.value);
  if (tidy !== cell.value) {
    ctx.report({
      code: 'name.extra-space',
      message: `${field} "${cell.value}" has ${cell.value.startsWith(' ') || cell.value.endsWith(' ') ? 'leading or trailing' : 'repeated'} spaces. They become part of the user's name in Classworks and make names look different from the SIS. Trim them.`,
      start: cell.valueStart,
      end: cell.valueEnd,
      field,
      fix: { title: `Trim spaces: ${field} "${cell.value}" → "${tidy}"`, edits: [replaceCellValue(cell, tidy)] },
    });
  }
}

export const nameInvalidCharacter: RowRule = {
  kind: 'row',
  code: 'name.invalid-character',
  defaultSeverity: 'error',
  title: 'First or Last Name holds a character other than A–Z or a space.',
  check(ctx) {
    for (const field of NAME_FIELDS) checkName(ctx, field);
  },
};

/** Declared for the catalogue; reported by nameInvalidCharacter, which owns name checks. */
export const nameExtraSpace: RowRule = {
  kind: 'row',
  code: 'name.extra-space',
  defaultSeverity: 'warning',
  title: 'First or Last Name has leading, trailing or repeated spaces.',
  check() {},
};
