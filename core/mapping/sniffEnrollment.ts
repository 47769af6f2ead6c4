import type { ClassworksConfig } from '../config/configSchema';
import { matchHeading } from './columnMapping';

/**
 * Whether a file's first line looks like an enrollment file: at least three headings that
 * name Classworks fields (or their SIS aliases), or any file when the config gives a column order.
 */
export function looksLikeEnrollmentFile(firstLine: string, config?: ClassworksConfig): boolean {
  if (config?.columnOrder && config.columnOrder.length > 0) return true;
  const headings = firstLine.replace(/^\uFEFF/, '').split(/[,;\t]/).map((h) => h.trim().replace(/^"|"$/g, ''));
  const matched = new Set<string>();
  for (const h of headings) {
    const m = matchHeading(h, config);
    if (m?.field) matched.add(m.field);
  }
  return matched.size >= 3;
}
