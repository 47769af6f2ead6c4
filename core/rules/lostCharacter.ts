import type { FieldName } from '../fields';
import type { RowRule } from './ruleTypes';

/** Fields where a `?` inside a word stands for a letter a save could not keep. */
const FIELDS: readonly FieldName[] = ['First Name', 'Last Name', 'Middle Name', 'Username'];
const LEGAL_NAMES: readonly FieldName[] = ['First Name', 'Last Name'];

/**
 * A `?` right after a letter, inside a word or ending it (`Jos?`, `Mu?oz`, `Fran?ois`): what a
 * letter becomes when text is saved in an encoding that cannot hold it (Excel's "CSV" on
 * Windows turns letters outside Windows-1252 into "?", and so do many exports and e-mails).
 */
const LOST = /(?<=\p{L})\?+(?=\p{L}|\s|$)/u;

/** The offsets of the `?`s of a value that stand for lost letters. */
export function lostCharacters(value: string): number[] {
  if (!value.includes('?')) return [];
  const found: number[] = [];
  const re = new RegExp(LOST.source, 'gu');
  for (const m of value.matchAll(re)) for (let k = 0; k < m[0].length; k++) found.push((m.index ?? 0) + k);
  return found;
}

export const valueLostCharacter: RowRule = {
  kind: 'row',
  code: 'value.lost-character',
  defaultSeverity: 'warning',
  title: 'A "?" inside a name or username probably stands for a letter lost when the file was saved.',
  check(ctx) {
    const columns = ctx.columns(FIELDS);
    for (let k = 0; k < FIELDS.length; k++) {
      const field = FIELDS[k] as (typeof FIELDS)[number];
      const value = ctx.valueAt(columns[k] as number);
      if (value === undefined || !value.includes('?')) continue;
      const lost = lostCharacters(value);
      if (lost.length === 0) continue;
      const cell = ctx.cell(field);
      if (!cell) continue;
      const legal = LEGAL_NAMES.includes(field);
      ctx.report({
        code: 'value.lost-character',
        message:
          `${field} "${value}" has "?" where a letter should be: a letter the file's encoding could not hold was probably replaced by "?" when the file was saved (e.g. "José" saved as "Jos?"). ` +
          'The letter cannot be recovered from this file: export it again from the SIS as "CSV UTF-8", or type the letter from the SIS.' +
          (legal ? ' Classworks accepts only A–Z and spaces in legal names, so the import also rejects this row as it is.' : ''),
        start: cell.valueStart + (lost[0] as number),
        end: cell.valueStart + (lost[lost.length - 1] as number) + 1,
        field,
        // In a legal name the import rejects the "?": an error there.
        ...(legal ? { severity: 'error' as const } : {}),
      });
    }
  },
};
