import type { FieldName } from '../fields';
import type { OffsetFix } from '../problems';
import { emailProblem } from '../values/emails';
import { type Lookalike, findLookalikes, hasLineBreak, removeLookalikes, replaceLookalikes } from '../values/lookalikes';
import { describeCharacter, replaceCellValue } from './cellEdits';
import { startsLikeFormula } from './formulaInjection';
import { joinLines } from './lineBreakValue';
import type { RowContext, RowRule } from './ruleTypes';
import { hasEdgeBlank, hasNonAscii } from '../values/ascii';

/**
 * Fields whose values are typed or matched exactly: a curly quote or an invisible character in
 * them makes a different username, address or ID. (Legal names have their own rule,
 * name.invalid-character; passwords are never shown.)
 */
const FIELDS: readonly FieldName[] = ['Username', 'Email Address', 'District ID', 'School SIS ID', 'State User ID', 'Alternate User ID'];

/** "2 leading spaces", "a trailing tab": what is at one end of a value. */
function describeEdge(blanks: string, where: 'leading' | 'trailing'): string {
  const tabs = [...blanks].filter((c) => c === '\t').length;
  const spaces = blanks.length - tabs;
  const part = (n: number, word: string) => (n === 1 ? `a ${where} ${word}` : `${n} ${where} ${word}s`);
  return [spaces > 0 ? part(spaces, 'space') : '', tabs > 0 ? part(tabs, 'tab') : ''].filter(Boolean).join(' and ');
}

function whyExact(field: FieldName): string {
  return field === 'Email Address'
    ? 'single sign-on compares addresses exactly, so the user could not sign in'
    : field === 'Username'
      ? 'the user would have to type it exactly to sign in'
      : 'IDs are compared exactly, so this one would match nothing';
}

/**
 * Spaces or tabs at the ends of a plain username or ID (`13002 `, ` jdoe`): invisible in a
 * spreadsheet, kept by the import. E-mail addresses (email.invalid), School SIS IDs checked
 * against the district's schools (school.unknown), values that start like a formula
 * (value.formula) and values with line breaks (value.line-break) are left to those rules.
 */
function reportEdgeBlanks(ctx: RowContext, field: FieldName, value: string): void {
  if (field === 'Email Address' || !hasEdgeBlank(value) || hasLineBreak(value) || startsLikeFormula(value)) return;
  if (field === 'School SIS ID' && ctx.schools !== undefined && ctx.schools.length > 0) return;
  const trimmed = value.replace(/^[ \t]+|[ \t]+$/g, '');
  if (trimmed === '') return;
  const cell = ctx.cell(field);
  if (!cell) return;
  const lead = /^[ \t]*/.exec(value)?.[0] ?? '';
  const trail = /[ \t]*$/.exec(value)?.[0] ?? '';
  const parts = [lead ? describeEdge(lead, 'leading') : '', trail ? describeEdge(trail, 'trailing') : ''].filter(Boolean);
  ctx.report({
    code: 'value.typographic-character',
    message:
      `${field} "${value}" has ${parts.join(' and ')}, which a spreadsheet does not show. ` +
      `Classworks stores the value as written and ${whyExact(field)}. Trim ${parts.length === 1 && !/^\d/.test(parts[0] as string) ? 'it' : 'them'} (safe fix).`,
    start: cell.valueStart,
    end: cell.valueEnd,
    field,
    fix: { title: `Trim the spaces: ${field} "${trimmed}"`, edits: [replaceCellValue(cell, trimmed)] },
  });
}

/** The ASCII value of an e-mail address or username with look-alikes replaced, when it is usable. */
function asciiValue(field: FieldName, value: string, found: Lookalike[]): string | undefined {
  const replaced = replaceLookalikes(value, found).trim();
  if (replaced === '' || /\s/.test(replaced)) return undefined;
  if (field === 'Email Address' && emailProblem(replaced) !== undefined) return undefined;
  return replaced;
}

/**
 * The look-alike characters of an e-mail address that, replaced by ASCII, make it valid: the
 * e-mail rule leaves such a value to this one.
 */
export function emailFixedByLookalikes(raw: string): boolean {
  if (!hasNonAscii(raw)) return false;
  const value = hasLineBreak(raw) ? joinLines(raw) : raw;
  const found = findLookalikes(value);
  return found.length > 0 && asciiValue('Email Address', value, found) !== undefined;
}

export const valueTypographicCharacter: RowRule = {
  kind: 'row',
  code: 'value.typographic-character',
  defaultSeverity: 'error',
  title: 'A username, e-mail address or ID holds a curly quote, dash, odd space or invisible character, or spaces at its ends.',
  check(ctx) {
    const columns = ctx.columns(FIELDS);
    for (let k = 0; k < FIELDS.length; k++) {
      const field = FIELDS[k] as (typeof FIELDS)[number];
      const raw = ctx.valueAt(columns[k] as number);
      if (raw === undefined || raw === '') continue;
      if (!hasNonAscii(raw)) {
        reportEdgeBlanks(ctx, field, raw);
        continue;
      }
      // With a line break (value.line-break), judged as that rule's fix writes it.
      const value = hasLineBreak(raw) ? joinLines(raw) : raw;
      const found = findLookalikes(value);
      if (found.length === 0) {
        reportEdgeBlanks(ctx, field, raw);
        continue;
      }
      const cell = ctx.cell(field);
      if (!cell) continue;
      const named = [...new Map(found.map((l) => [l.ch, l])).values()].map((l) => `${describeCharacter(l.ch)} at character ${[...value.slice(0, l.index)].length + 1}`);
      const ascii = asciiValue(field, value, found);
      const removed = removeLookalikes(value, found).trim();
      const fix: OffsetFix | undefined =
        ascii !== undefined ? { title: `Replace with plain characters: ${field} "${ascii}"`, edits: [replaceCellValue(cell, ascii)] } : undefined;
      const suggestions: OffsetFix[] =
        removed !== '' && removed !== ascii && !/\s/.test(removed)
          ? [{ title: `Remove the characters: ${field} "${removed}"`, edits: [replaceCellValue(cell, removed)] }]
          : [];
      const typographic = found.some((l) => l.kind === 'typographic');
      const why = whyExact(field);
      ctx.report({
        code: 'value.typographic-character',
        message:
          `${field} "${value}" has ${named.join(', ')}. ` +
          `${typographic ? 'Word processors and Excel\'s AutoCorrect put such characters in for plain quotes and hyphens' : 'It looks like plain text but is not'}; Classworks stores the value as written and ${why}. ` +
          (fix ? `Replace ${found.length === 1 ? 'it' : 'them'} with ${ascii === removed ? 'nothing' : 'plain ASCII'} (safe fix).` : 'Correct the value from the SIS.'),
        start: cell.valueStart,
        end: cell.valueEnd,
        field,
        fix,
        suggestions,
      });
    }
  },
};
