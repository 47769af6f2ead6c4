import { replaceCellValue } from './cellEdits';
import { ID_FIELDS, ID_WHY } from './idFields';
import { lazyProblem } from './lazyProblem';
import type { ColumnRule } from './ruleTypes';
import { isAsciiDigits } from '../values/ascii';

/**
 * The shape of an all-digit ID: "d6" for six digits, "z6" for six digits starting with 0
 * (proof the SIS pads its IDs with zeros). Other values have no shape.
 */
function idShape(value: string): string | undefined {
  if (!isAsciiDigits(value)) return undefined;
  const zero = value.charCodeAt(0) === 48;
  // One string per shape for the usual widths, shared by every row (each row keeps its shape).
  if (value.length < SHAPE_NAMES_MADE) return ((zero ? Z_SHAPES : D_SHAPES)[value.length] as string);
  return (zero ? 'z' : 'd') + value.length;
}

const SHAPE_NAMES_MADE = 33;
const D_SHAPES = Array.from({ length: SHAPE_NAMES_MADE }, (_, n) => `d${n}`);
const Z_SHAPES = Array.from({ length: SHAPE_NAMES_MADE }, (_, n) => `z${n}`);

/** The width most all-digit IDs of the column have, when clearly most (3 or more, and more than half). */
export function usualWidth(counts: ReadonlyMap<number, number>): number | undefined {
  let total = 0;
  let best: number | undefined;
  let bestCount = 0;
  let tie = false;
  for (const [width, count] of counts) {
    total += count;
    if (count > bestCount) {
      best = width;
      bestCount = count;
      tie = false;
    } else if (count === bestCount) {
      tie = true;
    }
  }
  if (best === undefined || tie || bestCount < 3 || bestCount * 2 <= total) return undefined;
  return best;
}

export const idLeadingZerosLost: ColumnRule = {
  kind: 'column',
  code: 'id.leading-zeros-lost',
  defaultSeverity: 'warning',
  title: "An all-digit ID is shorter than the column's usual width (its leading zeros were probably lost).",
  fields: ID_FIELDS,
  shape: idShape,
  check(ctx) {
    const counts = new Map<number, number>();
    const zeros = new Map<number, number>();
    for (const shape of ctx.shapes()) {
      const width = Number(shape.slice(1));
      const n = ctx.count(shape);
      counts.set(width, (counts.get(width) ?? 0) + n);
      if (shape.startsWith('z')) zeros.set(width, n);
    }
    const width = usualWidth(counts);
    if (width === undefined) return;
    let total = 0;
    for (const n of counts.values()) total += n;
    const usual = counts.get(width) ?? 0;
    const padded = zeros.get(width) ?? 0;
    const field = ctx.field;
    const zeroNote = padded === 0 ? '' : padded === usual ? ', all of them starting with 0' : `, ${padded} of them starting with 0`;
    for (let w = 1; w < width; w++) {
      for (const shape of [`d${w}`, `z${w}`]) {
        if (ctx.count(shape) === 0) continue;
        for (const row of ctx.rows(shape, false)) {
          const cell = ctx.cell(row);
          if (!cell) continue;
          ctx.report(
            row,
            lazyProblem('id.leading-zeros-lost', field, cell.valueStart, cell.valueEnd, () => {
              const value = cell.value;
              const padTo = value.padStart(width, '0');
              return {
                message: `${field} "${value}" has ${value.length} digit${value.length === 1 ? '' : 's'}, but ${usual} of the ${total} all-digit ${field}s in this column have ${width}${zeroNote}: a spreadsheet probably dropped its leading zeros ("${padTo}" became "${value}"). ${ID_WHY[field] ?? ''} If the SIS has "${padTo}", pad it with zeros; if it really has "${value}", leave it.`,
                suggestions: [{ title: `Pad ${field} "${value}" with zeros to ${width} digits: "${padTo}"`, edits: [replaceCellValue(cell, padTo)] }],
              };
            }),
          );
        }
      }
    }
  },
};
