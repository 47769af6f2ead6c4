import type { School } from '../config/configSchema';

function comparable(code: string): string {
  return code.trim().toLowerCase().replace(/^0+(?=.)/, '');
}

/**
 * The one school a School SIS ID means after trimming, case change or (lost) leading zeros,
 * when exactly one matches; undefined otherwise.
 */
export function repairSchoolCode(value: string, schools: readonly School[]): School | undefined {
  const target = comparable(value);
  if (target === '') return undefined;
  const hits = schools.filter((s) => comparable(s.sisId) === target);
  return hits.length === 1 ? hits[0] : undefined;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Schools close to a value: nearest codes first, then names the value resembles. At most `limit`. */
export function nearestSchools(value: string, schools: readonly School[], limit = 3): School[] {
  const v = value.trim().toLowerCase();
  const byCode = schools
    .map((s) => ({ s, d: levenshtein(v, s.sisId.toLowerCase()) }))
    .filter(({ s, d }) => d <= Math.max(2, Math.floor(s.sisId.length / 3)))
    .sort((a, b) => a.d - b.d)
    .map(({ s }) => s);
  const key = nameKey(value);
  const byName =
    /[a-z]/i.test(value) && key.length >= 3
      ? schools
          .map((s) => ({ s, k: nameKey(s.name) }))
          .filter(({ k }) => k.includes(key) || key.includes(k) || levenshtein(key, k) <= Math.max(2, Math.floor(k.length / 4)))
          .map(({ s }) => s)
      : [];
  const result: School[] = [];
  for (const s of [...byCode, ...byName]) if (!result.includes(s)) result.push(s);
  return result.slice(0, limit);
}
