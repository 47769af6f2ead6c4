import { createHash } from 'node:crypto';
import {
  type ApiProblem,
  type ApiProblemCounts,
  EXAMPLES_PER_KIND,
  MAX_LISTED_PROBLEMS,
  type ImportRequest,
  type ImportSummary,
  type PreviewResponse,
  type RowPreview,
} from '../../core/importApi';
import { analyzeImportFile, redactPasswords, summarizeSchoolValues } from '../../core/importFile';
import { ApiError } from '../errors';
import { hashConcurrency, hashPassword, mapLimited, verifyPassword } from '../passwords';
import type { AccountRecord } from '../store/accountStore';
import type { DistrictStore } from '../store/districtStore';
import type { ImportStore } from '../store/importStore';
import type { UserStore } from '../store/userStore';
import { passwordStates, planImport, type ImportPlan, type PlanControl, rowPreview } from './planImport';
import { type PreparedImport, prepareImport } from './prepare';

const MAX_PROBLEMS = MAX_LISTED_PROBLEMS;

function sortProblems(problems: ApiProblem[]): ApiProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

function countProblems(problems: readonly ApiProblem[]): ApiProblemCounts {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const p of problems) counts[p.severity === 'error' ? 'errors' : p.severity === 'warning' ? 'warnings' : 'infos']++;
  return counts;
}

/**
 * A refusal's problems: at most MAX_PROBLEMS listed, in line order, the errors (which block)
 * chosen before warnings and notes; with exact counts per severity and whether the list was cut.
 */
export function refusalProblems(problems: readonly ApiProblem[]): { problems: ApiProblem[]; problemCounts: ApiProblemCounts; problemsTruncated: boolean } {
  const sorted = sortProblems([...problems]);
  const problemCounts = countProblems(sorted);
  if (sorted.length <= MAX_PROBLEMS) return { problems: sorted, problemCounts, problemsTruncated: false };
  const rank = (p: ApiProblem) => (p.severity === 'error' ? 0 : p.severity === 'warning' ? 1 : 2);
  const chosen = sorted
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .slice(0, MAX_PROBLEMS)
    .sort((a, b) => a.i - b.i)
    .map(({ p }) => p);
  return { problems: chosen, problemCounts, problemsTruncated: true };
}

/**
 * What identifies a submission for its Idempotency-Key: the request with the file's Password
 * cells emptied (a fast hash of a password would be a password stored weakly). Passwords are
 * compared separately, against the salted hashes kept for the import's rows.
 */
function fingerprint(request: ImportRequest, redactedCsv: string): string {
  const canonical = JSON.stringify({ ...request, csv: redactedCsv }, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** All the file's passwords in one string, to be hashed with scrypt (never stored as such). */
function passwordsText(rows: readonly { password: string }[]): string {
  return createHash('sha256')
    .update(rows.map((r) => r.password).join('\u0000'), 'utf8')
    .digest('hex');
}

export interface SubmitOutcome {
  summary: ImportSummary;
  replayed: boolean;
  /** How many of the file's passwords were hashed (0 for a replay): only those the import writes. */
  passwordsHashed: number;
}

/** Preview and submission: the checks, the plan, and the queue entry. */
export class ImportService {
  /** Submissions in progress per (account, Idempotency-Key): a retry waits for the first. */
  private readonly keyLocks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly deps: {
      district: DistrictStore;
      users: UserStore;
      imports: ImportStore;
      onSubmitted: () => void;
      today?: () => Date;
      /** TEST ONLY: see PlanControl.testRowDelayMs. */
      testPlanRowDelayMs?: number;
    },
  ) {}

  private async planned(request: ImportRequest, signal?: AbortSignal): Promise<{ prepared: PreparedImport; plan: ImportPlan }> {
    const prepared = prepareImport(request, this.deps.district, this.deps.today?.());
    // The district's users read once, in one statement each: no SQLite call per row.
    const rows = prepared.analysis.rows;
    const index = this.deps.users.index(prepared.group?.id ?? null, {
      districtIds: rows.map((r) => r.values['District ID'] ?? ''),
      usernames: rows.map((r) => r.values.Username ?? ''),
      emails: rows.map((r) => r.values['Email Address'] ?? ''),
    });
    const states = passwordStates(prepared, index);
    const control: PlanControl = { signal, testRowDelayMs: this.deps.testPlanRowDelayMs };
    return { prepared, plan: await planImport(prepared, index, states, control) };
  }

  /** `signal`: the request's; when the client goes away the planning stops (PlanCancelled). */
  async preview(request: ImportRequest, signal?: AbortSignal): Promise<PreviewResponse> {
    const { prepared, plan } = await this.planned(request, signal);
    const { analysis, schools } = prepared;
    const problems = sortProblems([...analysis.problems, ...plan.districtProblems]);
    const counts = countProblems(problems);
    const examples: PreviewResponse['examples'] = { create: [], update: [], unchanged: [], conflict: [], error: [], withoutSchool: [] };
    const add = (kind: keyof PreviewResponse['examples'], row: RowPreview) => {
      if (examples[kind].length < EXAMPLES_PER_KIND) examples[kind].push(row);
    };
    for (const p of plan.rows) {
      const preview = rowPreview(p);
      add(preview.outcome, preview);
      if (p.plan.conflicts.length > 0) add('conflict', preview);
      if (p.plan.outcome !== 'error' && p.plan.withoutSchool) add('withoutSchool', preview);
    }
    return {
      fileName: request.fileName,
      description: request.description,
      type: request.type,
      submittable: counts.errors === 0,
      options: request.options,
      passwordsOverwritten: plan.rows.filter((p) => p.plan.outcome !== 'error' && p.plan.setPassword && p.plan.outcome !== 'create').length,
      mapping: { hasHeaderRow: analysis.hasHeaderRow, columns: analysis.columns },
      schools: summarizeSchoolValues(analysis.rows.map((r) => r.schoolValue), request.schoolMapping, schools).map((s) => ({
        value: s.value,
        rows: s.rows,
        sisId: s.sisId,
        name: s.name,
        how: s.how,
        suggestion: s.suggestion ?? null,
      })),
      problemCounts: counts,
      problems: problems.slice(0, MAX_PROBLEMS),
      problemsTruncated: problems.length > MAX_PROBLEMS,
      counts: plan.counts,
      examples,
    };
  }

  async submit(account: AccountRecord, key: string, request: ImportRequest): Promise<SubmitOutcome> {
    const lockKey = `${account.id}\u0000${key}`;
    const previous = this.keyLocks.get(lockKey) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.submitLocked(account, key, request));
    this.keyLocks.set(lockKey, run);
    try {
      return await run;
    } finally {
      if (this.keyLocks.get(lockKey) === run) this.keyLocks.delete(lockKey);
    }
  }

  private async submitLocked(account: AccountRecord, key: string, request: ImportRequest): Promise<SubmitOutcome> {
    const { imports, users } = this.deps;
    const earlier = imports.byIdempotencyKey(account.id, key);
    if (earlier) return this.replay(earlier, request);

    const { prepared, plan } = await this.planned(request);
    const errors = prepared.analysis.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      throw new ApiError(
        422,
        'file.invalid',
        `The file has ${errors.length} error${errors.length === 1 ? '' : 's'} that must be fixed before it can be imported (the same problems the editor shows)${prepared.analysis.problems.length > MAX_PROBLEMS ? `; the first ${MAX_PROBLEMS} of its ${prepared.analysis.problems.length} problems are listed, errors first` : ''}. Nothing was submitted.`,
        refusalProblems(prepared.analysis.problems),
      );
    }
    if (plan.districtProblems.length > 0) {
      throw new ApiError(
        422,
        'file.conflicts-with-district',
        `${plan.districtProblems.length} row${plan.districtProblems.length === 1 ? '' : 's'} would give a user a username or e-mail address that another user in the district has. Nothing was submitted.`,
        refusalProblems(plan.districtProblems),
      );
    }
    // Only the passwords the import will write are hashed: a new user's, and an existing user's
    // under "overwrite". Under "maintain" an existing user keeps theirs, so their row needs none
    // (scrypt is most of a submission's time). Processing re-plans each row: a row planned as an
    // update whose user is gone by then is reported "password.missing", never given a password.
    const hashes = await mapLimited(plan.rows, hashConcurrency(), (p) =>
      p.row.password === '' || !p.plan.setPassword ? Promise.resolve(null) : hashPassword(p.row.password),
    );
    const passwordsDigest = await hashPassword(passwordsText(prepared.analysis.rows));
    const redacted = redactPasswords(prepared.analysis.document);
    const number = imports.insert({
      accountId: account.id,
      idempotencyKey: key,
      fingerprint: fingerprint(request, redacted),
      passwordsDigest,
      description: request.description,
      fileName: request.fileName,
      fileText: redacted,
      mapping: request.mapping,
      schoolMapping: request.schoolMapping,
      options: request.options,
      problems: sortProblems(prepared.analysis.problems),
      expectedCounts: plan.counts,
      rows: plan.rows.map((p, index) => ({
        line: p.row.line,
        districtId: p.row.values['District ID'] ?? '',
        record: p.row.values,
        schoolValue: p.row.schoolValue,
        passwordHash: hashes[index] ?? null,
        passwordSameAs: p.sameAsHash ?? null,
        warnings: p.lintWarnings,
        plan: {
          changes: p.plan.changes,
          conflicts: p.plan.conflicts,
          school: p.plan.school,
          addedToGroup: p.plan.addToGroup,
          errors: [],
          loginEmail: false,
        },
      })),
    });
    const summary = imports.summary(number) as ImportSummary;
    this.deps.onSubmitted();
    return { summary, replayed: false, passwordsHashed: hashes.filter((h) => h !== null).length };
  }

  /** The same key again: the same import, if the request is the same one. */
  private async replay(earlier: { number: number; fingerprint: string; passwordsDigest: string }, request: ImportRequest): Promise<SubmitOutcome> {
    const { imports } = this.deps;
    const reused = () =>
      new ApiError(
        422,
        'idempotency.key-reused',
        `This Idempotency-Key was already used for import ${String(earlier.number).padStart(5, '0')} with a different request. Use a new key for a new import; send the same request to retry that one.`,
      );
    const analysis = analyzeImportFile(request.csv, {
      mapping: request.mapping,
      schools: this.deps.district.schools(),
      schoolMapping: request.schoolMapping,
      fileName: request.fileName,
    });
    if (fingerprint(request, redactPasswords(analysis.document)) !== earlier.fingerprint) throw reused();
    if (!(await verifyPassword(passwordsText(analysis.rows), earlier.passwordsDigest))) throw reused();
    return { summary: imports.summary(earlier.number) as ImportSummary, replayed: true, passwordsHashed: 0 };
  }
}
