/**
 * The Import History list as the panel shows it, and how it changes when an import is
 * submitted or a watched import's status changes. Pure: no vscode.
 */
import type { ImportSummary } from '../../core/importApi/imports';

export interface HistoryList {
  imports: ImportSummary[];
  total: number;
  /** When the list last changed (loaded, an import added or its status updated): ISO 8601. */
  loadedAt: string;
}

/**
 * The list with an import's newest summary: replaced where it is listed, or (`add`: a new
 * submission) put first. Its time moves to `now` whenever it changes, so "updated <time>"
 * stays true while the list refreshes itself.
 */
export function withImport(list: HistoryList, summary: ImportSummary, now: Date, add: boolean): HistoryList {
  const listed = list.imports.some((i) => i.number === summary.number);
  if (!listed && !add) return list;
  const imports = listed ? list.imports.map((i) => (i.number === summary.number ? summary : i)) : [summary, ...list.imports];
  return { imports, total: list.total + (listed ? 0 : 1), loadedAt: now.toISOString() };
}
