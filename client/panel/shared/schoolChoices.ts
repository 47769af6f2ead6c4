/**
 * The School Mapping step's rows: each distinct School SIS ID value of the file, where it
 * leads now (the saved mapping, else the school with exactly that SIS ID, else nowhere) and
 * the schools to choose from, likely ones first. Pure: bundled into the webview too.
 */
import type { School } from '../../../core/config/configSchema';
import { type ResolvedSchool, resolveSchoolValue } from '../../../core/importFile/schoolMapping';
import { nearestSchools, repairSchoolCode } from '../../../core/values/schools';
import type { SchoolTarget } from './protocol';

export interface SchoolChoice {
  sisId: string;
  name: string;
  /** Likely meant by the value (lost zeros, case, spaces, a close code or name). */
  suggested: boolean;
}

export interface SchoolRow {
  value: string;
  rows: number;
  /** 0-based line of the value's first row. */
  firstLine: number;
  /** What `.classworks.json`'s schoolMapping says for the value. */
  target: SchoolTarget;
  resolved: ResolvedSchool;
  /** The one school the value most likely means, for a value that leads nowhere. */
  suggestion: School | null;
  /** Every school, suggested ones first. */
  choices: SchoolChoice[];
}

export function savedTarget(value: string, schoolMapping: Readonly<Record<string, string | null>>): SchoolTarget {
  if (!Object.prototype.hasOwnProperty.call(schoolMapping, value)) return { kind: 'auto' };
  const sisId = schoolMapping[value];
  return sisId === null || sisId === undefined ? { kind: 'none' } : { kind: 'school', sisId };
}

export function schoolRows(
  values: readonly { value: string; rows: number; firstLine: number }[],
  schools: readonly School[],
  schoolMapping: Readonly<Record<string, string | null>>,
): SchoolRow[] {
  return values.map(({ value, rows, firstLine }) => {
    const resolved = resolveSchoolValue(value, schoolMapping, schools);
    const repaired = value === '' ? undefined : repairSchoolCode(value, schools);
    const near = value === '' ? [] : nearestSchools(value, schools, 3);
    const likely: School[] = [];
    for (const s of [...(repaired ? [repaired] : []), ...near]) if (!likely.some((l) => l.sisId === s.sisId)) likely.push(s);
    const choices: SchoolChoice[] = [
      ...likely.map((s) => ({ sisId: s.sisId, name: s.name, suggested: true })),
      ...[...schools]
        .filter((s) => !likely.some((l) => l.sisId === s.sisId))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => ({ sisId: s.sisId, name: s.name, suggested: false })),
    ];
    return {
      value,
      rows,
      firstLine,
      target: savedTarget(value, schoolMapping),
      resolved,
      suggestion: resolved.how === 'none' ? (repaired ?? near[0] ?? null) : null,
      choices,
    };
  });
}

/** Users who will join the district without a school, with the mapping as it stands. */
export function usersWithoutSchool(rows: readonly SchoolRow[]): number {
  return rows.filter((r) => r.resolved.sisId === null).reduce((sum, r) => sum + r.rows, 0);
}
