/**
 * When an import runs, in words, from what the import service says: its processing mode
 * (GET /district `processing`) and a Scheduled import's `scheduledFor`. For the Review step,
 * the submission result and the Import History. Pure: no vscode, no DOM (bundled into the webview).
 */
import type { District } from '../../../core/importApi/district';
import type { ImportSummary } from '../../../core/importApi/imports';

/** How dates are written: the user's locale and time zone unless given (tests give them). */
export interface TimeFormat {
  locale?: string;
  timeZone?: string;
}

/** The Review step's sentence on when a submitted import is processed. */
export function processingSentence(district: Pick<District, 'processing'> | null): string {
  const processing = district?.processing;
  if (processing?.mode === 'immediate') return 'This import service processes an import at once after it is submitted; you are told when it completes.';
  if (processing?.mode === 'off-peak') {
    const window = processing.window ? ` (${processing.window.replace('-', '–')}, the service's local time)` : '';
    return `This import service processes imports in the district's off-peak window${window}: a submitted import waits as Scheduled until then; you are told when it completes.`;
  }
  return "Processing happens in the district's off-peak window; you are told when it completes.";
}

/**
 * For a Scheduled import: when it runs ("runs in the off-peak window at 22:00", with the day
 * when that is not today), in local time; null for any other status.
 */
export function scheduleNote(summary: Pick<ImportSummary, 'status' | 'scheduledFor'>, now: Date = new Date(), format: TimeFormat = {}): string | null {
  if (summary.status !== 'Scheduled') return null;
  const at = summary.scheduledFor ? new Date(summary.scheduledFor) : null;
  if (!at || Number.isNaN(at.getTime())) return 'waits for its turn in the queue';
  if (at.getTime() <= now.getTime()) return 'the off-peak window is open: it runs as soon as the queue reaches it';
  const options: Intl.DateTimeFormatOptions = format.timeZone ? { timeZone: format.timeZone } : {};
  const time = new Intl.DateTimeFormat(format.locale, { ...options, hour: '2-digit', minute: '2-digit' }).format(at);
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { ...options, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const when = day(at) === day(now) ? '' : ` on ${new Intl.DateTimeFormat(format.locale, { ...options, weekday: 'short', month: 'short', day: 'numeric' }).format(at)}`;
  return `runs in the off-peak window at ${time}${when}`;
}
