/** Cell delimiters a district file may use; Classworks needs the comma. */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export const DELIMITER_NAMES: Record<Delimiter, string> = {
  ',': 'commas',
  ';': 'semicolons (;)',
  '\t': 'tabs',
  '|': 'vertical bars (|)',
};

export interface DelimiterSniff {
  delimiter: Delimiter;
  /** Offset just after the last record looked at: an edit before it can change the verdict. */
  end: number;
}

/** Records and characters looked at: the header and a few rows are enough, and cheap to read on every edit. */
const RECORDS = 5;
export const SNIFF_CHARS = 64 * 1024;

/**
 * The file's cell delimiter, from its first records (blank lines skipped): the candidate that
 * occurs most often outside quotes in the first record — ties go to the comma — and, when it is
 * not the comma, also occurs in the next records read (Excel in a European locale saves
 * "CSV" with semicolons; "Unicode Text" is tab-separated). A file whose first record has no
 * delimiter at all is a comma file of one column.
 */
export function sniffDelimiter(text: string, from = 0): DelimiterSniff {
  const limit = Math.min(text.length, from + SNIFF_CHARS);
  const counts: number[][] = [];
  let current = DELIMITERS.map(() => 0);
  let inQuotes = false;
  let pos = from;
  let lineHasText = false;
  for (; pos < limit && counts.length < RECORDS; pos++) {
    const c = text.charCodeAt(pos);
    if (c === 34) {
      inQuotes = !inQuotes;
      lineHasText = true;
      continue;
    }
    if (inQuotes) continue;
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(pos + 1) === 10) pos++;
      if (lineHasText) counts.push(current);
      current = DELIMITERS.map(() => 0);
      lineHasText = false;
      continue;
    }
    lineHasText = true;
    const k = DELIMITERS.indexOf(String.fromCharCode(c) as Delimiter);
    if (k >= 0) (current[k] as number)++;
  }
  if (lineHasText && counts.length < RECORDS) counts.push(current);
  const end = pos;
  const header = counts[0];
  if (!header) return { delimiter: ',', end };
  let best = 0;
  for (let k = 1; k < DELIMITERS.length; k++) if ((header[k] as number) > (header[best] as number)) best = k;
  if (best === 0 || (header[best] as number) === 0) return { delimiter: ',', end };
  const rest = counts.slice(1);
  const confirmed = rest.length === 0 || rest.filter((r) => (r[best] as number) > 0).length * 2 >= rest.length;
  return { delimiter: confirmed ? (DELIMITERS[best] as Delimiter) : ',', end };
}
