import * as fs from 'node:fs';
import { type DistrictSeed, districtSeedSchema } from '../core/importApi';
import { classworksConfigSchema } from '../core/config/configSchema';
import { unknownKeyMessage } from './http/app';

/** The keys of a district seed file. */
const SEED_KEYS = ['name', 'schools', 'groups', 'admin'] as const;
/** A `.classworks.json` is a seed file too: its keys other than the seed's are allowed (and ignored). */
const CONFIG_KEYS = Object.keys(classworksConfigSchema.shape).filter((k) => !(SEED_KEYS as readonly string[]).includes(k));
const SCHOOL_KEYS = ['sisId', 'name'];
const GROUP_KEYS = ['name'];
const ADMIN_KEYS = ['name', 'email'];

export interface SeedProblem {
  /** Where, e.g. "schools.2.sisId" ("(body)": the whole). */
  path: string;
  message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Every problem of a seed's JSON (a seed file, or the body of POST /district/seed): keys neither a seed
 * nor a `.classworks.json` has (a misspelt key would otherwise be dropped without a word),
 * values the schema refuses, and two schools with one SIS ID or two groups with one name
 * (the later one would silently replace or repeat the earlier).
 */
export function seedProblems(json: unknown): SeedProblem[] {
  if (!isObject(json)) return [{ path: '(body)', message: 'must hold one JSON object, e.g. {"name": "…", "schools": [{"sisId": "00123", "name": "…"}]}' }];
  const problems: SeedProblem[] = [];
  const unknown = (where: string, key: string, allowed: readonly string[]) =>
    problems.push({ path: `${where ? `${where}.` : ''}${key}`, message: unknownKeyMessage(key, allowed) });
  for (const key of Object.keys(json)) {
    if (!(SEED_KEYS as readonly string[]).includes(key) && !CONFIG_KEYS.includes(key)) unknown('', key, [...SEED_KEYS, ...CONFIG_KEYS]);
  }
  if (Array.isArray(json.schools)) {
    json.schools.forEach((school, i) => {
      if (isObject(school)) for (const key of Object.keys(school)) if (!SCHOOL_KEYS.includes(key)) unknown(`schools.${i}`, key, SCHOOL_KEYS);
    });
  }
  if (Array.isArray(json.groups)) {
    json.groups.forEach((group, i) => {
      if (isObject(group)) for (const key of Object.keys(group)) if (!GROUP_KEYS.includes(key)) unknown(`groups.${i}`, key, GROUP_KEYS);
    });
  }
  if (isObject(json.admin)) for (const key of Object.keys(json.admin)) if (!ADMIN_KEYS.includes(key)) unknown('admin', key, ADMIN_KEYS);

  const seedPart = Object.fromEntries(Object.entries(json).filter(([key]) => (SEED_KEYS as readonly string[]).includes(key)));
  const parsed = districtSeedSchema.safeParse(seedPart);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ path: issue.path.join('.') || '(body)', message: issue.message });
    return problems;
  }
  const firstSchool = new Map<string, number>();
  (parsed.data.schools ?? []).forEach((school, i) => {
    const earlier = firstSchool.get(school.sisId);
    if (earlier === undefined) firstSchool.set(school.sisId, i);
    else {
      problems.push({
        path: `schools.${i}.sisId`,
        message: `"${school.sisId}" is also the SIS ID of schools.${earlier} ("${parsed.data.schools?.[earlier]?.name}"); each school needs its own SIS ID (remove one, or correct its code)`,
      });
    }
  });
  const firstGroup = new Map<string, number>();
  (parsed.data.groups ?? []).forEach((group, i) => {
    const name = typeof group === 'string' ? group : group.name;
    const earlier = firstGroup.get(name.toLowerCase());
    if (earlier === undefined) firstGroup.set(name.toLowerCase(), i);
    else problems.push({ path: `groups.${i}`, message: `the group "${name}" is listed twice (also groups.${earlier}); list each custom group once` });
  });
  return problems;
}

/**
 * Reads a seed file: a district JSON ({"name", "schools", "groups", "admin"}) or a
 * `.classworks.json` (its "schools" are taken, its other known keys ignored). Strict: any
 * problem (see seedProblems) stops the service before it writes anything.
 */
export function readSeedFile(file: string): DistrictSeed {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`Cannot read the seed file ${file}: ${(error as Error).message}. Nothing was written.`);
  }
  const problems = seedProblems(json);
  if (problems.length > 0) {
    throw new Error(
      `The seed file ${file} cannot be used (${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
    );
  }
  return districtSeedSchema.parse(Object.fromEntries(Object.entries(json as object).filter(([key]) => (SEED_KEYS as readonly string[]).includes(key))));
}
