import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { type Fix, type Problem, fixAllEdits } from '../core';
import { CONVERT_LINE_ENDINGS_COMMAND, CONVERT_TO_UTF8_COMMAND, REOPEN_WITH_ENCODING_COMMAND } from '../core/protocol/lspProtocol';
import { DIAGNOSTIC_SOURCE, diagnosticDataSchema } from './diagnostics';
import { FILE_NOT_UTF8, withoutLossyFixes } from './diskFacts';
import type { DocumentState, Published } from './documentStore';

/** Kind of the "fix everything safe" action for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.classworks`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND];

/**
 * Code actions for a document: per diagnostic of the current version its safe fix
 * (preferred), its suggestions, and "fix all of this rule" when the rule has several safe
 * fixes; a problem only the editor can fix (Problem.editorCommand) gets an action that runs
 * the client's command; and `source.fixAll.classworks`. Every edit names the document version
 * it was computed for, so an editor refuses it once the text has moved on; a diagnostic of an
 * older version gets nothing.
 */
export function codeActions(state: DocumentState, params: CodeActionParams): CodeAction[] {
  const version = state.text.version;
  const published = state.published?.version === version && state.published.linted ? state.published : undefined;
  const actions: CodeAction[] = [];
  const only = params.context.only;
  if (published && wants(only, CodeActionKind.QuickFix)) {
    const fixAllCodes = new Set<string>();
    let every: readonly Problem[] | undefined;
    for (const diagnostic of params.context.diagnostics) {
      const problem = problemOf(diagnostic, published.problems, version);
      if (!problem) continue;
      if (problem.fix) actions.push(quickFix(state, problem.fix, diagnostic, true));
      if (problem.editorCommand === 'convert-line-endings-crlf') actions.push(convertLineEndings(state, diagnostic));
      if (problem.code === FILE_NOT_UTF8) actions.push(...encodingActions(state, diagnostic));
      for (const suggestion of problem.suggestions) actions.push(quickFix(state, suggestion, diagnostic, false));
      if (problem.fix && !fixAllCodes.has(problem.code)) {
        fixAllCodes.add(problem.code);
        const all = (every ??= everyProblem(state, published));
        const fixable = all.filter((p) => p.code === problem.code && p.fix);
        if (fixable.length > 1) {
          actions.push({
            title: `Fix all ${problem.code} problems in this file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: params.context.diagnostics.filter((d) => d.code === problem.code && d.source === DIAGNOSTIC_SOURCE),
            edit: versionedEdit(state, fixAllEdits(all, problem.code)),
          });
        }
      }
    }
  }
  if (wants(only, FIX_ALL_KIND)) {
    // On save the last edit may not be published yet; the model is always up to date.
    const problems = published ? everyProblem(state, published) : withoutLossyFixes(state.model?.doc.getProblems() ?? [], state.text);
    const edits = fixAllEdits(problems);
    if (edits.length > 0) {
      actions.push({ title: 'Fix all safely fixable Classworks problems in this file', kind: FIX_ALL_KIND, edit: versionedEdit(state, edits) });
    }
  }
  return actions;
}

/**
 * Every problem of the published version, for the fix-all actions: the published list when it
 * holds them all; past classworks.maxProblems the model's full list (it is at the same version).
 */
function everyProblem(state: DocumentState, published: Published): readonly Problem[] {
  const total = published.counts.errors + published.counts.warnings + published.counts.infos;
  if (published.listed >= total || !state.model) return published.problems;
  return withoutLossyFixes(state.model.doc.getProblems(), state.text);
}

/** Whether the requested kinds (`only`) include `kind`; no `only` means every kind. */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((k) => k === kind || kind.startsWith(`${k}.`));
}

/** The server's problem behind a diagnostic, when the diagnostic is ours and of this version. */
function problemOf(diagnostic: Diagnostic, problems: readonly Problem[], version: number): Problem | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnosticDataSchema.safeParse(diagnostic.data);
  if (!data.success || data.data.version !== version) return undefined;
  const problem = problems[data.data.index];
  if (!problem || problem.code !== diagnostic.code) return undefined;
  return problem;
}

function quickFix(state: DocumentState, fix: Fix, diagnostic: Diagnostic, preferred: boolean): CodeAction {
  const action: CodeAction = {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: versionedEdit(state, fix.edits),
  };
  if (preferred) action.isPreferred = true;
  return action;
}

/**
 * The file's line endings on disk are CR-only or mixed, which the editor's normalised text
 * cannot show: the client's command sets the document's end of line to CRLF and saves it.
 */
function convertLineEndings(state: DocumentState, diagnostic: Diagnostic): CodeAction {
  const title = 'Convert line endings to CRLF (and save the file)';
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    command: { title, command: CONVERT_LINE_ENDINGS_COMMAND, arguments: [state.uri] },
  };
}

/**
 * The file's bytes are not UTF-8, which no text edit can change: the client's commands convert
 * the file on disk (asking from which encoding, the guess first) or reopen it in another one.
 */
function encodingActions(state: DocumentState, diagnostic: Diagnostic): CodeAction[] {
  const convert = 'Convert File to UTF-8 from…';
  const reopen = 'Reopen with Encoding…';
  return [
    { title: convert, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, command: { title: convert, command: CONVERT_TO_UTF8_COMMAND, arguments: [state.uri] } },
    { title: reopen, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: reopen, command: REOPEN_WITH_ENCODING_COMMAND, arguments: [state.uri] } },
  ];
}

/** A WorkspaceEdit stamped with the document version, so a stale one is refused by the editor. */
function versionedEdit(state: DocumentState, edits: readonly TextEdit[]): WorkspaceEdit {
  return {
    documentChanges: [TextDocumentEdit.create({ uri: state.uri, version: state.text.version }, edits.map((e) => ({ range: e.range, newText: e.newText })))],
  };
}
