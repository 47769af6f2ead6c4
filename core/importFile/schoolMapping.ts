import type { ClassworksConfig, School } from '../config/configSchema';
import { repairSchoolCode } from '../values/schools';

export type SchoolMappingInput = Readonly<Record<string, string | null>>;

export interface ResolvedSchool {
  /** The school the user is enrolled at, or null: the district only. */
  sisId: string | null;
  name: string | null;
  how: 'mapped' | 'exact' | 'none';
}

/**
 * Where a School SIS ID value from the file leads: the school `schoolMapping` names for it,
 * else the school with exactly that SIS ID, else none (the user joins the district only).
 */
export function resolveSchoolValue(value: string, schoolMapping: SchoolMappingInput, schools: readonly School[]): ResolvedSchool {
  if (Object.prototype.hasOwnProperty.call(schoolMapping, value)) {
    const target = schoolMapping[value];
    if (target === null || target === undefined) return { sisId: null, name: null, how: 'mapped' };
    const school = schools.find((s) => s.sisId === target);
    return school ? { sisId: school.sisId, name: school.name, how: 'mapped' } : { sisId: null, name: null, how: 'none' };
  }
  const exact = schools.find((s) => s.sisId === value);
  return exact ? { sisId: exact.sisId, name: exact.name, how: 'exact' } : { sisId: null, name: null, how: 'none' };
}

/** schoolMapping targets that are not one of the district's schools. */
export function unknownSchoolTargets(schoolMapping: SchoolMappingInput, schools: readonly School[]): string[] {
  const known = new Set(schools.map((s) => s.sisId));
  return Object.entries(schoolMapping)
    .filter(([, target]) => target !== null && !known.has(target))
    .map(([value]) => value);
}

/**
 * The school list to lint with: the district's schools, plus each file value that
 * `schoolMapping` sends to a school (so a mapped value is not reported as unknown).
 */
export function schoolsForLint(schoolMapping: SchoolMappingInput, schools: readonly School[]): School[] {
  const list = [...schools];
  for (const [value, target] of Object.entries(schoolMapping)) {
    const school = target === null ? undefined : schools.find((s) => s.sisId === target);
    if (school && !list.some((s) => s.sisId === value)) list.push({ sisId: value, name: school.name });
  }
  return list;
}

/**
 * The `.classworks.json` to lint with, the same in the editor and the CLI: a School SIS ID
 * value that `schoolMapping` (saved by the import panel) sends to one of the district's
 * schools counts as known, as it does for the import service. Without both `schools` and
 * `schoolMapping` the config is returned as it is.
 */
export function configForLint(config: ClassworksConfig): ClassworksConfig {
  if (!config.schools || !config.schoolMapping) return config;
  return { ...config, schools: schoolsForLint(config.schoolMapping, config.schools) };
}

export interface SchoolValueSummary extends ResolvedSchool {
  value: string;
  rows: number;
  /** For an unmapped value: the school it most likely means (trimmed, case, lost zeros). */
  suggestion: School | undefined;
}

/** Every distinct School SIS ID value in the rows, with its row count and where it leads. */
export function summarizeSchoolValues(
  values: Iterable<string>,
  schoolMapping: SchoolMappingInput,
  schools: readonly School[],
): SchoolValueSummary[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, rows]) => {
    const resolved = resolveSchoolValue(value, schoolMapping, schools);
    return {
      value,
      rows,
      ...resolved,
      suggestion: resolved.how === 'none' && value !== '' ? repairSchoolCode(value, schools) : undefined,
    };
  });
}
