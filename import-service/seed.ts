import * as fs from 'node:fs';
import { type DistrictSeed, districtSeedSchema } from '../core/importApi';

/**
 * Reads a seed file: a district JSON ({"name", "schools", "groups", "admin"}) or a
 * `.classworks.json` (its "schools" are taken, its other keys ignored).
 */
export function readSeedFile(file: string): DistrictSeed {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`Cannot read the seed file ${file}: ${(error as Error).message}`);
  }
  const parsed = districtSeedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`The seed file ${file} is not a district JSON or .classworks.json: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
