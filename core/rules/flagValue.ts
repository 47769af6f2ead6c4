import type { FieldName } from '../fields';
import { replaceCellValue } from './cellEdits';
import { quoted } from './messageText';
import type { RowRule } from './ruleTypes';

/** The yes/no subgroup columns: Y or 1 for yes, N or 0 (or blank) for no. */
export const FLAG_FIELDS: readonly FieldName[] = ['Disabled', 'Limited English', 'Economically Disadvantaged', 'Migrant'];

const YES = new Set(['y', 'yes', 'true', 't']);
const NO = new Set(['n', 'no', 'false', 'f']);

/** The rulebook's value a yes/no word means ("TRUE" -> "Y", "No" -> "N"), or undefined. */
export function flagValue(value: string): 'Y' | 'N' | '1' | '0' | undefined {
  const word = value.trim().toLowerCase();
  if (word === '1' || word === '0') return word;
  if (YES.has(word)) return 'Y';
  if (NO.has(word)) return 'N';
  return undefined;
}

export const flagInvalid: RowRule = {
  kind: 'row',
  code: 'flag.invalid',
  defaultSeverity: 'error',
  title: 'A yes/no column (Disabled, Limited English, Economically Disadvantaged, Migrant) holds something other than Y, N, 1, 0 or blank.',
  check(ctx) {
    const columns = ctx.columns(FLAG_FIELDS);
    for (let k = 0; k < FLAG_FIELDS.length; k++) {
      const field = FLAG_FIELDS[k] as (typeof FLAG_FIELDS)[number];
      const value = ctx.valueAt(columns[k] as number);
      if (value === undefined || value === '' || value === 'Y' || value === 'N' || value === '1' || value === '0') continue;
      const cell = ctx.cell(field);
      if (!cell) continue;
      const meant = flagValue(cell.value);
      const rule = 'Classworks takes Y or 1 for yes and N or 0 (or blank) for no';
      if (meant) {
        const yes = meant === 'Y' || meant === '1';
        ctx.report({
          code: 'flag.invalid',
          message: `${field} ${quoted(cell.value)} means ${yes ? 'yes' : 'no'}, but ${rule}; other spellings (TRUE, Yes, a lower-case y, spaces) may not be understood by the import. Write ${meant}.`,
          start: cell.valueStart,
          end: cell.valueEnd,
          field,
          fix: { title: `Change ${field} ${quoted(cell.value)} to ${meant} (${yes ? 'yes' : 'no'})`, edits: [replaceCellValue(cell, meant)] },
        });
        continue;
      }
      ctx.report({
        code: 'flag.invalid',
        message: `${field} ${quoted(cell.value)} is not a yes/no value: ${rule}, so the import cannot tell whether this user belongs to the subgroup. Write Y or N (or leave it blank for no), as the SIS has it.`,
        start: cell.valueStart,
        end: cell.valueEnd,
        field,
        suggestions: [
          { title: `Change ${field} to Y (yes)`, edits: [replaceCellValue(cell, 'Y')] },
          { title: `Change ${field} to N (no)`, edits: [replaceCellValue(cell, 'N')] },
        ],
      });
    }
  },
};
