import type { FieldName } from '../fields';
import { isScientificNotation } from '../values/spreadsheetDamage';
import { ID_FIELDS, ID_WHY } from './idFields';
import type { RowRule } from './ruleTypes';
import { hasLetterE } from '../values/ascii';

/** Columns whose values are codes a spreadsheet may read as numbers. */
export const NUMBER_DAMAGE_FIELDS: readonly FieldName[] = [...ID_FIELDS, 'School SIS ID', 'Username'];

export const valueScientificNotation: RowRule = {
  kind: 'row',
  code: 'value.scientific-notation',
  defaultSeverity: 'error',
  title: 'An ID, School SIS ID or Username is a number in scientific notation (1.23457E+11): digits are lost.',
  check(ctx) {
    const columns = ctx.columns(NUMBER_DAMAGE_FIELDS);
    for (let k = 0; k < NUMBER_DAMAGE_FIELDS.length; k++) {
      const field = NUMBER_DAMAGE_FIELDS[k] as (typeof NUMBER_DAMAGE_FIELDS)[number];
      const value = ctx.valueAt(columns[k] as number);
      if (value === undefined || value.length < 3 || !hasLetterE(value) || !isScientificNotation(value)) continue;
      const cell = ctx.cell(field);
      if (!cell) continue;
      ctx.report({
        code: 'value.scientific-notation',
        message: `${field} "${cell.value}" is a number in scientific notation: a spreadsheet read the ${field} as a number, rounded it to a few digits and wrote it this way, so its other digits (and any leading zeros) are lost and cannot be worked out from this file. ${ID_WHY[field] ?? ''} Export the users from the SIS again. To keep Excel from doing this, do not open the CSV by double-clicking it: import it (Data > From Text/CSV) with this column set to Text, or format the column as Text before pasting the values.`,
        start: cell.valueStart,
        end: cell.valueEnd,
        field,
      });
    }
  },
};
