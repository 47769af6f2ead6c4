import type { OffsetEdit, OffsetFix } from '../problems';

/**
 * A fix whose edits are worked out only when they are read (`fix.edits`): for file-level fixes
 * that touch every row (converting the delimiter, removing empty columns), which a 200,000-row
 * file would otherwise rebuild after every keystroke although nobody applies them. The title is
 * known at once; the edits are computed once, on first read.
 */
export function lazyFix<E = OffsetEdit>(title: string, compute: () => E[]): { title: string; readonly edits: E[] } {
  let edits: E[] | undefined;
  return {
    title,
    get edits() {
      edits ??= compute();
      return edits;
    },
  };
}

/** Whether a fix's edits are computed on first read (see lazyFix). */
export function isLazyFix(fix: OffsetFix | { edits: unknown }): boolean {
  return typeof Object.getOwnPropertyDescriptor(fix, 'edits')?.get === 'function';
}
