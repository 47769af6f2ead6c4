import type { OffsetFix } from '../problems';
import { replaceCellValue } from './cellEdits';
import { quoted } from './messageText';
import type { RowRule } from './ruleTypes';

const GENDERS = ['M', 'F', 'Male', 'Female'];
const WORDS: Record<string, 'M' | 'F'> = { boy: 'M', man: 'M', masculine: 'M', girl: 'F', woman: 'F', feminine: 'F' };

export const genderInvalid: RowRule = {
  kind: 'row',
  code: 'gender.invalid',
  defaultSeverity: 'warning',
  title: 'Gender is not M, F, Male or Female.',
  check(ctx) {
    const value = ctx.value('Gender');
    if (value === undefined || value === '' || GENDERS.includes(value)) return;
    const cell = ctx.cell('Gender');
    if (!cell) return;
    const trimmed = cell.value.trim();
    const same = GENDERS.find((g) => g.toLowerCase() === trimmed.toLowerCase());
    if (same) {
      ctx.report({
        code: 'gender.invalid',
        message: `Gender ${quoted(cell.value)} is written differently from the values Classworks lists (M, F, Male, Female). Write "${same}".`,
        start: cell.valueStart,
        end: cell.valueEnd,
        field: 'Gender',
        fix: { title: `Change Gender ${quoted(cell.value)} to "${same}"`, edits: [replaceCellValue(cell, same)] },
      });
      return;
    }
    const word = WORDS[trimmed.toLowerCase()];
    const suggestions: OffsetFix[] = [];
    if (word) suggestions.push({ title: `Change Gender ${quoted(cell.value)} to "${word}"`, edits: [replaceCellValue(cell, word)] });
    suggestions.push({ title: 'Clear the Gender (it is optional)', edits: [replaceCellValue(cell, '')] });
    if (!word) {
      suggestions.push({ title: 'Change Gender to "M"', edits: [replaceCellValue(cell, 'M')] });
      suggestions.push({ title: 'Change Gender to "F"', edits: [replaceCellValue(cell, 'F')] });
    }
    ctx.report({
      code: 'gender.invalid',
      message: `Gender ${quoted(cell.value)} is not one of the values Classworks lists (M, F, Male, Female), so this subgroup value may not be imported. Gender is optional: write M or F as the SIS has it, or leave it blank.`,
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Gender',
      suggestions,
    });
  },
};
