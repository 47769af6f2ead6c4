import { birthdateAmbiguous, birthdateDayFirst, birthdateTwoDigitYear } from './birthdateOrder';
import { birthdateExcelSerial } from './birthdateSerial';
import { birthdateFuture, birthdateImplausible, birthdateInvalid } from './birthdateValue';
import { columnDuplicate, columnMissingRequired, columnUnknown, fileEmpty, headerUnrecognized } from './columns';
import { fileDelimiter } from './delimiter';
import { duplicateDistrictId, duplicateEmail, duplicateUsername, passwordShared } from './duplicates';
import { emailInvalid } from './emailValue';
import { columnUnnamed, fileTrailingEmpty } from './emptyEdges';
import { flagInvalid } from './flagValue';
import { passwordFormula, valueFormula } from './formulaInjection';
import { genderInvalid } from './genderValue';
import { gradeInvalid } from './gradeValue';
import { headerDrift, headerInvisibleCharacter } from './headings';
import { idLeadingZerosLost } from './idLeadingZeros';
import { valueLineBreak } from './lineBreakValue';
import { fileCrLineEndings, fileMixedLineEndings } from './lineEndings';
import { valueLostCharacter } from './lostCharacter';
import { valueMojibake } from './mojibakeValue';
import { nameExtraSpace, nameInvalidCharacter } from './nameCharacters';
import { passwordSpreadsheetChanged } from './passwordSpreadsheet';
import { passwordTooShort, passwordTooWeak } from './passwordStrength';
import { csvMalformed, csvUnclosedQuote, rowBlank, rowCellCount } from './rowShape';
import type { ColumnRule, FileRule, IndexRule, Rule, RuleMeta, RowRule } from './ruleTypes';
import { schoolUnknown } from './schoolCode';
import { valueScientificNotation } from './scientificNotation';
import { valueExcelDate } from './spreadsheetDates';
import { schoolNoList } from './schoolList';
import { valueTypographicCharacter } from './typographicValue';
import { userTypeInvalid } from './userTypeValue';
import { valueMissing } from './valueMissing';

export const ROW_RULES: readonly RowRule[] = [
  rowCellCount,
  valueMissing,
  nameInvalidCharacter,
  passwordTooShort,
  passwordTooWeak,
  userTypeInvalid,
  gradeInvalid,
  birthdateInvalid,
  emailInvalid,
  schoolUnknown,
  birthdateExcelSerial,
  valueScientificNotation,
  valueExcelDate,
  valueFormula,
  passwordFormula,
  passwordSpreadsheetChanged,
  flagInvalid,
  genderInvalid,
  valueMojibake,
  valueLostCharacter,
  valueTypographicCharacter,
  valueLineBreak,
];

/** Row rules that only declare a code reported by another rule or by the document. */
const DECLARED_ONLY: readonly RowRule[] = [
  nameExtraSpace,
  birthdateFuture,
  birthdateImplausible,
  birthdateAmbiguous,
  birthdateTwoDigitYear,
  rowBlank,
  csvUnclosedQuote,
  csvMalformed,
];

export const FILE_RULES: readonly FileRule[] = [
  fileEmpty,
  headerUnrecognized,
  columnMissingRequired,
  columnDuplicate,
  columnUnknown,
  schoolNoList,
  fileCrLineEndings,
  fileMixedLineEndings,
  fileDelimiter,
  fileTrailingEmpty,
  columnUnnamed,
  headerInvisibleCharacter,
  headerDrift,
];

export const INDEX_RULES: readonly IndexRule[] = [duplicateDistrictId, duplicateUsername, duplicateEmail, passwordShared];

/** Rules over a column's facts, kept row by row (see ColumnRule). */
export const COLUMN_RULES: readonly ColumnRule[] = [idLeadingZerosLost, birthdateDayFirst];

export const RULE_FAILED: RuleMeta = {
  code: 'internal.rule-failed',
  defaultSeverity: 'warning',
  title: 'A rule failed on this file; its results may be incomplete.',
};

/** Every rule code with its default severity and title, for docs, settings and tests. */
export const RULE_CATALOG: readonly RuleMeta[] = [
  ...FILE_RULES,
  ...ROW_RULES,
  ...DECLARED_ONLY,
  ...INDEX_RULES,
  ...COLUMN_RULES,
  RULE_FAILED,
].map(({ code, defaultSeverity, title }) => ({ code, defaultSeverity, title }));

export const RULE_BY_CODE: ReadonlyMap<string, RuleMeta> = new Map(RULE_CATALOG.map((r) => [r.code, r]));

export type { Rule };
