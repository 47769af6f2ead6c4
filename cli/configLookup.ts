import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ClassworksConfig, RULE_BY_CODE, findConfigFile, parseConfig } from '../core';
import { describeFsError } from './fsErrors';
import { displayPath } from './paths';

export type ConfigResult =
  | { ok: true; config: ClassworksConfig; path: string | undefined }
  | { ok: false; path: string; message: string };

/**
 * The `.classworks.json` that applies to each file: the one given with --config, else the
 * nearest one in the file's folder or an ancestor folder (as the editor finds it). Each
 * config file is read once.
 */
export class ConfigResolver {
  private readonly cache = new Map<string, ConfigResult>();
  private readonly explicit: string | undefined;

  constructor(
    private readonly cwd: string,
    explicit: string | undefined,
  ) {
    this.explicit = explicit === undefined ? undefined : path.resolve(cwd, explicit);
  }

  /** The --config file's result, or undefined when none was given. */
  explicitConfig(): ConfigResult | undefined {
    return this.explicit === undefined ? undefined : this.load(this.explicit);
  }

  forFile(absoluteCsvPath: string): ConfigResult {
    const configPath = this.explicit ?? findConfigFile(absoluteCsvPath);
    if (configPath === undefined) return { ok: true, config: {}, path: undefined };
    return this.load(configPath);
  }

  private load(configPath: string): ConfigResult {
    const cached = this.cache.get(configPath);
    if (cached) return cached;
    const result = readConfig(configPath, displayPath(configPath, this.cwd));
    this.cache.set(configPath, result);
    return result;
  }
}

function readConfig(configPath: string, shown: string): ConfigResult {
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch (error) {
    return { ok: false, path: configPath, message: `cannot read the configuration ${shown}: ${describeFsError(error)}` };
  }
  const { config, errors } = parseConfig(text, new Set(RULE_BY_CODE.keys()));
  if (errors.length === 0) return { ok: true, config, path: configPath };
  const detail = errors.map((e) => (e.path ? `"${e.path}": ${e.message}` : e.message)).join('; ');
  return { ok: false, path: configPath, message: `invalid configuration ${shown}: ${detail}` };
}
