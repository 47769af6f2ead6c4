/**
 * The off-peak window in which imports are processed, in local time, e.g. 22:00–05:00
 * (it may cross midnight). Written "HH:MM-HH:MM" (seconds optional: "HH:MM:SS"); equal
 * ends mean all day.
 */
export interface OffPeakWindow {
  /** Seconds after local midnight. */
  start: number;
  end: number;
  text: string;
}

export const DEFAULT_WINDOW = '22:00-05:00';

function parseTime(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  if (h > 23 || min > 59 || s > 59) return undefined;
  return h * 3600 + min * 60 + s;
}

export function parseWindow(text: string): OffPeakWindow {
  const parts = text.split('-');
  const start = parts.length === 2 ? parseTime(parts[0] as string) : undefined;
  const end = parts.length === 2 ? parseTime(parts[1] as string) : undefined;
  if (start === undefined || end === undefined) {
    throw new Error(`The off-peak window "${text}" is not HH:MM-HH:MM (local time), e.g. ${DEFAULT_WINDOW}.`);
  }
  return { start, end, text };
}

function secondsOfDay(date: Date): number {
  return date.getHours() * 3600 + date.getMinutes() * 60 + date.getSeconds();
}

export function inWindow(window: OffPeakWindow, date: Date): boolean {
  const s = secondsOfDay(date);
  if (window.start === window.end) return true;
  if (window.start < window.end) return s >= window.start && s < window.end;
  return s >= window.start || s < window.end;
}

/** The moment the window next opens: `date` itself when it is open now. */
export function nextWindowStart(window: OffPeakWindow, date: Date): Date {
  if (inWindow(window, date)) return date;
  const start = new Date(date);
  start.setHours(Math.floor(window.start / 3600), Math.floor((window.start % 3600) / 60), window.start % 60, 0);
  if (start.getTime() <= date.getTime()) start.setDate(start.getDate() + 1);
  return start;
}
