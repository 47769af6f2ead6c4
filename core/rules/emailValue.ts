import { emailProblem } from '../values/emails';
import { repairMojibake } from '../encoding/mojibake';
import { hasLineBreak } from '../values/lookalikes';
import { replaceCellValue } from './cellEdits';
import { emailFixedByLookalikes } from './typographicValue';
import type { RowRule } from './ruleTypes';

/** Addresses that plainly pass every check of emailProblem (most of them): no need to look closer. */
const PLAIN_EMAIL = /^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

export const emailInvalid: RowRule = {
  kind: 'row',
  code: 'email.invalid',
  defaultSeverity: 'error',
  title: 'Email Address is not a valid address.',
  check(ctx) {
    const value = ctx.value('Email Address');
    if (value === undefined || value === '' || PLAIN_EMAIL.test(value)) return;
    const cell = ctx.cell('Email Address');
    if (!cell) return;
    // Told, with a fix, by value.line-break, value.typographic-character and value.mojibake.
    if (hasLineBreak(cell.value) || emailFixedByLookalikes(cell.value) || repairMojibake(cell.value)) return;
    const why = emailProblem(cell.value);
    if (!why) {
      if (cell.value !== cell.value.trim()) {
        ctx.report({
          code: 'email.invalid',
          message: `Email Address "${cell.value}" has spaces around it; single sign-on compares addresses exactly. Trim them.`,
          start: cell.valueStart,
          end: cell.valueEnd,
          field: 'Email Address',
          fix: { title: 'Trim spaces from the Email Address', edits: [replaceCellValue(cell, cell.value.trim())] },
        });
      }
      return;
    }
    ctx.report({
      code: 'email.invalid',
      message: `Email Address "${cell.value}" is not a valid address: ${why}. Classworks uses it for single sign-on, so the user could not sign in. Correct it from the SIS.`,
      start: cell.valueStart,
      end: cell.valueEnd,
      field: 'Email Address',
    });
  },
};
