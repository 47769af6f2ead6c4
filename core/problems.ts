import type { FieldName } from './fields';

export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit offset in the line (LSP's default). */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

/** One problem found in an enrollment file, ready for an editor or a report. */
export interface Problem {
  /** Stable rule code, e.g. `name.invalid-character`; also the anchor in docs/rules.md. */
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  /** The Classworks field the problem concerns, or null for file-level problems. */
  field: FieldName | null;
  /** The safe fix, applied by fix-all. */
  fix?: Fix;
  /** Fixes a person chooses between. */
  suggestions: Fix[];
  /** Other places that explain the problem, e.g. the first occurrence of a duplicate. */
  related?: { range: Range; message: string }[];
  /**
   * A fix only the editor can make (no text edit expresses it), e.g. 'convert-line-endings-crlf'
   * when the editor's text is normalised but the file on disk is not.
   */
  editorCommand?: EditorCommand;
}

export type EditorCommand = 'convert-line-endings-crlf';

/** An edit by offsets, as rules produce them; converted to a TextEdit when published. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

export interface OffsetFix {
  title: string;
  edits: OffsetEdit[];
}

/** A problem by offsets (relative to its row for row rules, absolute for file rules). */
export interface OffsetProblem {
  code: string;
  message: string;
  start: number;
  end: number;
  field: FieldName | null;
  fix?: OffsetFix;
  suggestions?: OffsetFix[];
  related?: { start: number; end: number; message: string }[];
  /** Overrides the rule's default severity (e.g. a rule with an error and a warning case). */
  severity?: Severity;
  editorCommand?: EditorCommand;
}
