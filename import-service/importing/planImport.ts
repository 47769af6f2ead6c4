import {
  type ApiProblem,
  emptyRowCounts,
  type RowCounts,
  type RowMessage,
  type RowPreview,
} from '../../core/importApi';
import { dataRows, type ImportFileRow, resolveSchoolValue } from '../../core/importFile';
import type { UserIndex } from '../store/userStore';
import type { PreparedImport } from './prepare';
import { type PasswordState, planRow, type RowPlan } from './planRow';

export interface PlannedRow {
  row: ImportFileRow;
  plan: RowPlan;
  /** The file's problems on this row. */
  lintErrors: RowMessage[];
  lintWarnings: RowMessage[];
  /** For "overwrite": the existing hash the file's password was found to match. */
  sameAsHash: string | undefined;
}

export interface ImportPlan {
  rows: PlannedRow[];
  counts: RowCounts;
  /** District conflicts as problems located at their rows, for the preview and a refusal. */
  districtProblems: ApiProblem[];
}

/** Index from a 1-based line to the data row that contains it, or -1. */
function rowLocator(rows: readonly ImportFileRow[]): (line: number) => number {
  const starts = rows.map((r) => r.line);
  return (line) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && line <= (rows[found] as ImportFileRow).endLine ? found : -1;
  };
}

/**
 * For "overwrite": every existing user whose row has a password gets it set. The file's
 * password is NOT compared with the stored hash: that would cost one scrypt (tens of ms) per
 * existing user in every preview and submission. So a row whose password already is the
 * user's current one is counted as updated (its password re-hashed with a new salt).
 */
export function passwordStates(prepared: PreparedImport, users: Pick<UserIndex, 'byDistrictId'>): { state: PasswordState; hash?: string }[] {
  const overwrite = prepared.request.options.existingPasswords === 'overwrite';
  return prepared.analysis.rows.map((row) => {
    if (!overwrite || row.password === '') return { state: undefined };
    return users.byDistrictId(row.values['District ID'] ?? '') ? { state: 'different' } : { state: undefined };
  });
}

/** The client went away (its request's signal aborted) while its import was being planned. */
export class PlanCancelled extends Error {
  constructor(
    readonly planned: number,
    readonly total: number,
  ) {
    super(`cancelled after ${planned} of ${total} rows`);
  }
}

export interface PlanControl {
  /** Aborted when the client closes the connection: planning stops at the next slice. */
  signal?: AbortSignal;
  /** Planning gives other requests a turn after this many milliseconds of work (default 10). */
  sliceMs?: number;
  /** TEST ONLY (CLASSWORKS_TEST_PLAN_ROW_DELAY_MS): block this long per row, as a slow row would. */
  testRowDelayMs?: number;
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Plans every row of a prepared import against the district as `users` holds it (an index
 * read once). Reads only. Works in slices of about `sliceMs`, yielding between them so that
 * other requests (/health, another district administrator) are answered meanwhile; stops
 * with PlanCancelled when `signal` aborts.
 */
export async function planImport(
  prepared: PreparedImport,
  users: UserIndex,
  states: readonly { state: PasswordState; hash?: string }[],
  control: PlanControl = {},
): Promise<ImportPlan> {
  const { analysis, request, schools, group } = prepared;
  const locate = rowLocator(analysis.rows);
  const lintErrors = new Map<number, RowMessage[]>();
  const lintWarnings = new Map<number, RowMessage[]>();
  for (const p of analysis.problems) {
    const index = locate(p.line);
    if (index < 0) continue;
    const target = p.severity === 'error' ? lintErrors : lintWarnings;
    const list = target.get(index) ?? [];
    list.push({ code: p.code, message: p.message });
    target.set(index, list);
  }
  const schoolName = (sisId: string) => schools.find((s) => s.sisId === sisId)?.name ?? null;
  // Where a row's Username or Email Address cell is, to place a district clash on it as the editor places its problems.
  const rawRows = dataRows(analysis.document);
  const columnOf = analysis.document.getMapping().columnOf;
  const cellRange = (index: number, field: 'Username' | 'Email Address', line: number) => {
    const raw = rawRows[index];
    const column = columnOf[field];
    const cell = raw && column !== undefined ? raw.cells[column] : undefined;
    if (!raw || !cell) return { line, column: 1, endLine: line, endColumn: 1 };
    const start = analysis.document.positionAt(raw.start + cell.start);
    const end = analysis.document.positionAt(raw.start + cell.end);
    return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  };
  const counts = emptyRowCounts();
  const districtProblems: ApiProblem[] = [];
  const { signal, sliceMs = 10, testRowDelayMs } = control;
  const planned: PlannedRow[] = [];
  let sliceStart = performance.now();
  for (let index = 0; index < analysis.rows.length; index++) {
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToOthers();
      sliceStart = performance.now();
    }
    if (signal?.aborted) throw new PlanCancelled(index, analysis.rows.length);
    if (testRowDelayMs) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, testRowDelayMs);
      process.stderr.write(`[test] plan: row ${index + 1} of ${analysis.rows.length} planned\n`);
    }
    const row = analysis.rows[index] as ImportFileRow;
    const existing = users.byDistrictId(row.values['District ID'] ?? '');
    const plan = planRow({ line: row.line, values: row.values, schoolValue: row.schoolValue }, existing, {
      options: request.options,
      school: resolveSchoolValue(row.schoolValue, request.schoolMapping, schools),
      schoolName,
      groupId: group?.id ?? null,
      usernameOwner: (u) => users.usernameOwner(u),
      emailOwner: (e) => users.emailOwner(e),
      isMember: (g, u) => users.isMember(g, u),
    }, states[index]?.state);
    for (const e of plan.errors) {
      const field = e.code === 'district.email-taken' ? 'Email Address' : 'Username';
      districtProblems.push({ code: e.code, severity: 'error', message: e.message, ...cellRange(index, field, row.line), field });
    }
    const errors = lintErrors.get(index) ?? [];
    if (errors.length > 0) {
      plan.outcome = 'error';
      plan.errors = [...errors, ...plan.errors];
      plan.addToGroup = false;
    }
    counts.rows++;
    counts[plan.outcome]++;
    if (plan.conflicts.length > 0) counts.conflict++;
    if (plan.outcome !== 'error') {
      if (plan.withoutSchool) counts.withoutSchool++;
      if (plan.addToGroup) counts.addedToGroup++;
    }
    planned.push({ row, plan, lintErrors: errors, lintWarnings: lintWarnings.get(index) ?? [], sameAsHash: states[index]?.hash });
  }
  return { rows: planned, counts, districtProblems };
}

export function rowPreview(p: PlannedRow): RowPreview {
  const v = p.row.values;
  return {
    line: p.row.line,
    districtId: v['District ID'] ?? '',
    username: p.plan.fields.Username ?? v.Username ?? '',
    firstName: p.plan.fields['First Name'] ?? v['First Name'] ?? '',
    lastName: p.plan.fields['Last Name'] ?? v['Last Name'] ?? '',
    userType: p.plan.userType,
    outcome: p.plan.outcome,
    changes: p.plan.changes,
    conflicts: p.plan.conflicts,
    school: p.plan.school,
    addedToGroup: p.plan.addToGroup,
    errors: p.plan.errors,
  };
}
