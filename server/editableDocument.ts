import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { ChunkedText } from '../core/text/chunkedText';
import { LineIndex } from '../core/text/lineIndex';

/** A document's first line, without its line break (read without the rest of the text). */
export function firstLineOf(text: TextDocument): string {
  return text.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: Number.MAX_SAFE_INTEGER } });
}

/** One change as applied: [start, end) of the text before it became `text`. */
export interface AppliedChange {
  start: number;
  end: number;
  text: string;
  /** The change replaced the whole text. */
  full: boolean;
}

/**
 * An open document's text as the server keeps it: a TextDocument (the LSP library's interface,
 * same positions and offsets) whose text is a ChunkedText, so that a keystroke in a 200,000-row
 * file copies one piece of the text instead of all of it. The enrollment model reads the same
 * ChunkedText (`source`), so the text is held once.
 */
export class EditableDocument implements TextDocument {
  private text: ChunkedText;
  private lines: LineIndex;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.text = new ChunkedText(content);
    this.lines = new LineIndex(this.text);
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }

  get length(): number {
    return this.text.length;
  }

  /** The text the enrollment model shares; replaced by a change of the whole text. */
  get source(): ChunkedText {
    return this.text;
  }

  getText(range?: Range): string {
    if (!range) return this.text.getText();
    const start = this.offsetAt(range.start);
    return this.text.slice(start, Math.max(start, this.offsetAt(range.end)));
  }

  /** The first line, without its line break. */
  firstLine(): string {
    return firstLineOf(this);
  }

  /** Whether the text holds `char` (one character). */
  includesChar(char: string): boolean {
    return this.text.includesChar(char);
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (line >= this.lines.lineCount) {
      const last = this.lines.lineCount - 1;
      const { start } = this.lines.lineBounds(this.text, last);
      return { start: { line: last, character: 0 }, end: { line: last, character: this.text.length - start } };
    }
    const { start, textEnd } = this.lines.lineBounds(this.text, line);
    return { start: { line, character: 0 }, end: { line, character: textEnd - start } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lines.lineCount) return '';
    const { textEnd, end } = this.lines.lineBounds(this.text, line);
    return this.text.slice(textEnd, end);
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(this.text, offset);
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(this.text, position);
  }

  /** Applies the changes in order and moves to `version`; returns each change as applied, in offsets. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): AppliedChange[] {
    const applied: AppliedChange[] = [];
    for (const change of changes) {
      if ('range' in change) {
        const a = this.offsetAt(change.range.start);
        const b = this.offsetAt(change.range.end);
        const start = Math.min(a, b);
        const end = Math.max(a, b);
        this.text.replace(start, end, change.text);
        this.lines.update(this.text, start, end, change.text.length);
        applied.push({ start, end, text: change.text, full: false });
      } else {
        const end = this.text.length;
        this.text = new ChunkedText(change.text);
        this.lines = new LineIndex(this.text);
        applied.push({ start: 0, end, text: change.text, full: true });
      }
    }
    this.currentVersion = version;
    return applied;
  }
}
