/**
 * The index of the last number in `sorted` (ascending) that is at or before `value`; 0 when none
 * is (callers keep a 0 first, the start of a text). Where a piece or a line of a text begins.
 */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sorted[mid] as number) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
