import type { FieldName } from '../fields';
import type { OffsetFix, OffsetProblem } from '../problems';

interface Details {
  message: string;
  fix?: OffsetFix;
  suggestions?: OffsetFix[];
}

/**
 * A problem whose message and fixes are built only when read. Column rules report one problem
 * per affected row at every report (a day-first column of 200,000 rows has tens of thousands of
 * ambiguous dates), while a report shows and converts only the first few hundred: building the
 * text of the others would be wasted. `details` must only use what is current during the report
 * that asked for the problem (the document converts shown problems before it returns).
 */
export function lazyProblem(code: string, field: FieldName, start: number, end: number, details: () => Details): OffsetProblem {
  let built: Details | undefined;
  const get = () => (built ??= details());
  return {
    code,
    field,
    start,
    end,
    get message() {
      return get().message;
    },
    get fix() {
      return get().fix;
    },
    get suggestions() {
      return get().suggestions;
    },
  };
}
