import type { Connection } from 'vscode-languageserver/node';
import { type EnrollmentDocument, type LintOptions, type Problem, type ProblemCounts, configForLint } from '../core';
import { CheckProgress } from './checkProgress';
import { FILE_STATUS_NOTIFICATION, type FileStatusParams } from '../core/protocol/lspProtocol';
import { type ConfigFiles, isConfigFile } from './configFiles';
import { type RuleLink, configDiagnostics, configProblemForCsv, toDiagnostic } from './diagnostics';
import { encodingProblem, withoutLossyFixes } from './diskFacts';
import type { DocumentState, DocumentStore, Published } from './documentStore';
import { decideLinting } from './enrollmentDetection';
import type { Logger } from './logger';
import { EDITOR_DIAGNOSTICS_PER_FILE, addCounts, countBySeverity, omittedSummaries } from './problemCap';
import type { ServerSettings, SettingsProvider } from './settings';
import type { WorkspacePaths } from './workspacePaths';

/**
 * Pause after an edit before publishing, so a burst of keystrokes is checked once. The first
 * edit after a quiet spell of this length is checked at once (no pause for a single keystroke).
 */
export const EDIT_DELAY_MS = 50;

/** A check of every row (after a header edit) runs in slices of about this long, yielding between them. */
export const CHECK_SLICE_MS = 10;

export interface ValidationDeps {
  connection: Connection;
  store: DocumentStore;
  settings: SettingsProvider;
  configFiles: ConfigFiles;
  workspacePaths: WorkspacePaths;
  logger: Logger;
  /** The rule link of a code (codeDescription.href). */
  ruleLink: RuleLink;
}

/**
 * Publishes diagnostics and the file status of documents. Each document has at most one
 * queued validation; a newer edit supersedes it, and a validation that was overtaken while
 * waiting for settings gives way, so diagnostics never go back to an older version.
 */
export class Validator {
  constructor(private readonly deps: ValidationDeps) {}

  /** Queues a validation of one document (`delay` 0: at once, e.g. after a config change). */
  schedule(uri: string, delay = EDIT_DELAY_MS): void {
    const state = this.deps.store.get(uri);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    const at = Date.now();
    if (delay === EDIT_DELAY_MS && !state.timer && at - state.lastEditAt >= EDIT_DELAY_MS) delay = 0;
    state.lastEditAt = at;
    const generation = ++state.generation;
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.validate(state, generation);
    }, delay);
  }

  scheduleAll(delay = 0): void {
    for (const state of this.deps.store.all()) this.schedule(state.uri, delay);
  }

  /** Clears what was published for a closed document. */
  cleared(uri: string): void {
    void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  }

  private async validate(state: DocumentState, generation: number): Promise<void> {
    const { store, logger } = this.deps;
    const startedAt = Date.now();
    let progress: CheckProgress | undefined;
    try {
      const settings = await this.deps.settings.get(state.uri);
      const superseded = () => store.get(state.uri) !== state || state.generation !== generation;
      if (superseded()) return;
      if (isConfigFile(state.path)) return this.publishConfigDocument(state, settings);
      const lint = this.prepareEnrollment(state, settings);
      // Opening the file, a header edit or new options check every row: in slices, letting newer
      // edits in between; a newer edit makes this validation moot (its own validation carries the
      // check on). A check that takes long shows progress until its diagnostics are published.
      const doc = lint.doc;
      while (doc && !doc.continueChecking(CHECK_SLICE_MS)) {
        const done = doc.checkProgress();
        if (done) {
          progress ??= new CheckProgress(this.deps.connection, checkTitle(state, doc), startedAt);
          progress.update(done.checked, done.total);
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (superseded()) return;
      }
      this.publishEnrollment(state, settings, lint);
    } catch (error) {
      logger.errorOnce(`validate:${state.uri}`, `Classworks: checking ${state.uri} failed`, error);
      store.dropModel(state);
    } finally {
      progress?.end();
    }
  }

  /** Decides whether the document is linted and, if so, makes sure its model exists with the current options (its check left pending). */
  private prepareEnrollment(state: DocumentState, settings: ServerSettings): PreparedLint {
    const { store, configFiles, workspacePaths } = this.deps;
    const read = configFiles.forFile(state.path);
    const decision = decideLinting({
      path: state.path,
      relativePath: state.path === undefined ? undefined : workspacePaths.relative(state.path),
      firstLine: state.text.firstLine(),
      settings,
      config: read.config,
      marked: store.isMarked(state.uri),
      stickyLinted: state.stickyLinted,
    });
    if (!decision.linted) {
      store.dropModel(state);
      return { read, decision, doc: undefined };
    }
    if (decision.byHeader) state.stickyLinted = true;
    // What the client read in the bytes on disk (VS Code's text has normalised line endings).
    const facts = store.diskFactsOf(state.uri);
    const options: LintOptions = {
      config: configForLint(read.config),
      fileName: state.path ?? state.uri,
      severities: settings.rules,
      ...(facts?.lineEndings ? { diskLineEndings: facts.lineEndings } : {}),
      onRuleError: (code, error) =>
        this.deps.logger.errorOnce(`rule:${state.uri}:${code}`, `Classworks: the check "${code}" failed on ${state.uri}; the other checks carry on`, error),
    };
    // The line endings on disk change with a save that adds a row or writes the editor's endings;
    // they matter to the line-ending rule alone, so they are not part of what re-checks every row.
    const optionsKey = JSON.stringify([read.config, settings.rules, options.fileName]);
    const doc = store.ensureModel(state, options, optionsKey);
    doc.setDiskLineEndings(options.diskLineEndings);
    return { read, decision, doc };
  }

  private publishEnrollment(state: DocumentState, settings: ServerSettings, { read, decision, doc }: PreparedLint): void {
    const version = state.text.version;
    let problems: Problem[] = [];
    let listed = 0;
    let counts: ProblemCounts = { errors: 0, warnings: 0, infos: 0 };
    if (doc) {
      const facts = this.deps.store.diskFactsOf(state.uri);
      const configProblem = configProblemForCsv(read, state.text, settings.rules);
      const fileProblem = encodingProblem(facts?.encoding, state.text, { ...(read.config.rules ?? {}), ...settings.rules }, facts?.notUtf8);
      const faceProblems = [configProblem, fileProblem].filter((p): p is Problem => p !== undefined);
      // At most maxProblems listed (the most severe first), then one summary per rule left out; all
      // of them within what VS Code shows of one file (past it, it would drop the summaries).
      const faces = faceProblems.length <= settings.maxProblems ? faceProblems : [...faceProblems].sort(bySeverity).slice(0, settings.maxProblems);
      const report = doc.getReport(Math.max(0, settings.maxProblems - faces.length), { total: EDITOR_DIAGNOSTICS_PER_FILE - faces.length });
      const shown = withoutLossyFixes([...faces, ...report.problems], state.text);
      listed = shown.length;
      problems = [...shown, ...omittedSummaries(report.omitted, settings.maxProblems, listed)];
      counts = addCounts(countBySeverity(faceProblems), report.counts);
    }
    this.publish(state, { version, linted: decision.linted, problems, listed, counts });
    this.notify({ uri: state.uri, linted: decision.linted, reason: decision.reason, ...counts });
  }

  private publishConfigDocument(state: DocumentState, settings: ServerSettings): void {
    const version = state.text.version;
    const read = this.deps.configFiles.read(state.path as string);
    const diagnostics = settings.enable && settings.rules['config.invalid'] !== 'off' ? configDiagnostics(read, state.text, this.deps.ruleLink) : [];
    state.published = { version, linted: false, problems: [], listed: 0, counts: { errors: 0, warnings: 0, infos: 0 } };
    void this.deps.connection.sendDiagnostics({ uri: state.uri, version, diagnostics }).catch(() => undefined);
    const reason = diagnostics.length === 0 ? 'Classworks configuration file: it reads fine.' : 'Classworks configuration file: it cannot be read, see Problems.';
    this.notify({ uri: state.uri, linted: false, reason, errors: diagnostics.length, warnings: 0, infos: 0 });
  }

  private publish(state: DocumentState, published: Published): void {
    const { version } = published;
    if (state.published && state.published.version > version) return;
    state.published = published;
    const diagnostics = published.problems.map((p, index) => toDiagnostic(p, index, version, state.uri, this.deps.ruleLink));
    void this.deps.connection.sendDiagnostics({ uri: state.uri, version, diagnostics }).catch(() => undefined);
  }

  private notify(status: FileStatusParams): void {
    void this.deps.connection.sendNotification(FILE_STATUS_NOTIFICATION, status).catch(() => undefined);
  }
}

/** What prepareEnrollment decided: the model is there when the document is linted. */
interface PreparedLint {
  read: ReturnType<ConfigFiles['forFile']>;
  decision: ReturnType<typeof decideLinting>;
  doc: EnrollmentDocument | undefined;
}

/** "Classworks: checking district.csv (200,000 rows)…": the rows below the header. */
function checkTitle(state: DocumentState, doc: EnrollmentDocument): string {
  const name = (state.path ?? decodeURIComponent(state.uri)).split(/[\\/]/).pop() || state.uri;
  const rows = doc.getRows().filter((r) => !r.blank).length - (doc.getMapping().hasHeader ? 1 : 0);
  return `Classworks: checking ${name} (${Math.max(0, rows).toLocaleString('en-US')} rows)…`;
}

const SEVERITY_RANK: Record<Problem['severity'], number> = { error: 0, warning: 1, info: 2 };
function bySeverity(a: Problem, b: Problem): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
}
