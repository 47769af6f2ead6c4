import type { DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver/node';
import { EnrollmentDocument, type LintOptions, type Problem, type ProblemCounts } from '../core';
import type { DiskFacts } from './diskFacts';
import { EditableDocument } from './editableDocument';
import type { Logger } from './logger';
import { uriToPath } from './workspacePaths';

/** The enrollment model of a linted document and the options it was built with. */
export interface EnrollmentModel {
  doc: EnrollmentDocument;
  options: LintOptions;
  /** Identifies the options (config, severities, file name) so a change re-checks the file. */
  optionsKey: string;
}

/** What was last published for a document, so code actions can find a diagnostic's problem. */
export interface Published {
  version: number;
  linted: boolean;
  /** The published diagnostics' problems, by diagnostic index: the listed ones, then one summary per rule past the cap. */
  problems: Problem[];
  /** How many of `problems` are real problems (the rest are summaries of the ones left out). */
  listed: number;
  /** Exact totals of every problem of the version, listed or not. */
  counts: ProblemCounts;
}

/** Everything the server knows about one open document. */
export interface DocumentState {
  readonly uri: string;
  /** File system path, when the URI is a file. */
  readonly path: string | undefined;
  languageId: string;
  /** The text, kept to turn positions into offsets (also for documents not linted); a linted document's model shares it. */
  text: EditableDocument;
  /** Present while the document is linted; edited incrementally along with the text. */
  model: EnrollmentModel | undefined;
  published: Published | undefined;
  /** Bumped by every edit and re-check request; a validation that finds it changed gives way. */
  generation: number;
  timer: NodeJS.Timeout | undefined;
  /** When the last edit scheduled a validation (ms since the epoch): a burst of edits waits, a lone one does not. */
  lastEditAt: number;
  /** Linted once for its header: stays linted until closed (see DetectionInput.stickyLinted). */
  stickyLinted: boolean;
}

/**
 * The one place that holds per-document state. Edits are applied one content change at a
 * time: offsets come from the text *before* the change, then the text and the enrollment
 * model both take the change, so the model re-checks only the rows it touched.
 */
export class DocumentStore {
  private readonly documents = new Map<string, DocumentState>();
  /** URIs the user marked "Treat This File as an Enrollment File" (open or not). */
  private marked = new Set<string>();
  /**
   * What the client read in each file's bytes (`classworks/diskFacts`), kept apart from the
   * documents: the facts may arrive just before the didOpen they belong to.
   */
  private readonly diskFacts = new Map<string, DiskFacts>();

  constructor(private readonly logger: Logger) {}

  get(uri: string): DocumentState | undefined {
    return this.documents.get(uri);
  }

  all(): DocumentState[] {
    return [...this.documents.values()];
  }

  open(params: DidOpenTextDocumentParams): DocumentState {
    const { uri, languageId, version, text } = params.textDocument;
    this.close(uri);
    const state: DocumentState = {
      uri,
      path: uriToPath(uri),
      languageId,
      text: new EditableDocument(uri, languageId, version, text),
      model: undefined,
      published: undefined,
      generation: 0,
      timer: undefined,
      lastEditAt: 0,
      stickyLinted: false,
    };
    this.documents.set(uri, state);
    return state;
  }

  change(params: DidChangeTextDocumentParams): DocumentState | undefined {
    const state = this.documents.get(params.textDocument.uri);
    if (!state) return undefined;
    // One change at a time: the model takes each as the text does (a change without content changes still moves the version on).
    for (const change of params.contentChanges) {
      const [applied] = state.text.update([change], params.textDocument.version);
      if (!applied) continue;
      if (applied.full) {
        this.editModel(state, () => {
          const model = state.model as EnrollmentModel;
          model.doc = new EnrollmentDocument(state.text.source, model.options, { deferCheck: true });
        });
      } else {
        this.editModel(state, (doc) => doc.applyEdit(applied.start, applied.end, applied.text, { sourceEdited: true }));
      }
    }
    state.text.update([], params.textDocument.version);
    return state;
  }

  close(uri: string): DocumentState | undefined {
    const state = this.documents.get(uri);
    if (!state) return undefined;
    if (state.timer) clearTimeout(state.timer);
    state.generation++;
    this.documents.delete(uri);
    return state;
  }

  /** Builds the model for a document that becomes linted, or re-checks it under new options; the check of its rows is left pending (continueChecking). */
  ensureModel(state: DocumentState, options: LintOptions, optionsKey: string): EnrollmentDocument {
    const model = state.model;
    if (!model) {
      // The rows are checked by the validation, in slices (see Validator).
      const doc = new EnrollmentDocument(state.text.source, options, { deferCheck: true });
      state.model = { doc, options, optionsKey };
      return doc;
    }
    if (model.optionsKey !== optionsKey) {
      model.doc.setOptions(options, { deferCheck: true });
      model.options = options;
      model.optionsKey = optionsKey;
    }
    return model.doc;
  }

  /** A document no longer linted drops its model (rebuilt from the text when linted again). */
  dropModel(state: DocumentState): void {
    state.model = undefined;
  }

  /** Records a file's disk facts; returns whether they differ from those known. */
  setDiskFacts(uri: string, facts: DiskFacts): boolean {
    const before = this.diskFacts.get(uri);
    const empty = facts.encoding === undefined && facts.lineEndings === undefined;
    if (empty) this.diskFacts.delete(uri);
    else this.diskFacts.set(uri, facts);
    return JSON.stringify(before ?? {}) !== JSON.stringify(empty ? {} : facts);
  }

  diskFactsOf(uri: string): DiskFacts | undefined {
    return this.diskFacts.get(uri);
  }

  /** The document was closed: the client reads the bytes again when it is reopened. */
  forgetDiskFacts(uri: string): void {
    this.diskFacts.delete(uri);
  }

  setMarked(uris: readonly string[]): void {
    this.marked = new Set(uris);
  }

  isMarked(uri: string): boolean {
    return this.marked.has(uri);
  }

  /** Applies an edit to the model; a model that fails is dropped and rebuilt from the text. */
  private editModel(state: DocumentState, edit: (doc: EnrollmentDocument) => void): void {
    const model = state.model;
    if (!model) return;
    try {
      edit(model.doc);
      if (model.doc.length !== state.text.length) throw new Error('the model and the editor text differ in length');
    } catch (error) {
      this.logger.errorOnce(`model:${state.uri}`, `Classworks: the incremental update of ${state.uri} failed; re-reading the whole file`, error);
      state.model = undefined;
    }
  }
}
