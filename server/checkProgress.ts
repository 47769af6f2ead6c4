import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

/** A check of every row that is still running after this long shows progress in the editor. */
export const PROGRESS_AFTER_MS = 300;

/**
 * LSP work-done progress for a long check of a whole file (opening a large file, a header
 * rename, a settings or config change): `window/workDoneProgress/create`, then `$/progress`
 * begin, report (the share of rows checked), end. VS Code shows it in the status bar
 * (ProgressLocation.Window), without taking the focus. Nothing is shown for a check that ends
 * within PROGRESS_AFTER_MS; a client without work-done progress support gets nothing.
 */
export class CheckProgress {
  /** The messages so far, in order: begin once the token exists, then reports, then done. */
  private chain: Promise<WorkDoneProgressServerReporter | undefined> | undefined;
  private lastPercent = -1;
  private ended = false;

  constructor(
    private readonly connection: Connection,
    private readonly title: string,
    private readonly startedAt: number,
  ) {}

  /** Called between slices of the check with how far it has come. */
  update(checked: number, total: number): void {
    if (this.ended) return;
    const percent = total === 0 ? 100 : Math.min(100, Math.floor((checked / total) * 100));
    // A share, not a count: the title counts the file's users, the check every record (the header and blank lines too).
    const message = `${percent} % done`;
    if (!this.chain) {
      if (Date.now() - this.startedAt < PROGRESS_AFTER_MS) return;
      this.lastPercent = percent;
      this.chain = this.connection.window.createWorkDoneProgress().then(
        (reporter) => (reporter.begin(this.title, percent, message, false), reporter),
        () => undefined,
      );
      return;
    }
    if (percent === this.lastPercent) return;
    this.lastPercent = percent;
    this.chain = this.chain.then((reporter) => (reporter?.report(percent, message), reporter));
  }

  /** The check finished (its diagnostics are published) or was superseded: the progress ends. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    void this.chain?.then((reporter) => reporter?.done()).catch(() => undefined);
  }
}
