import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, type ClassworksConfig, type ConfigError, RULE_BY_CODE, findConfigFile, parseConfig } from '../core';

const KNOWN_RULE_CODES: ReadonlySet<string> = new Set(RULE_BY_CODE.keys());

/** A `.classworks.json` as read: its config (empty when unreadable) and what was wrong. */
export interface ConfigRead {
  /** The config file that applies; undefined when the file has none. */
  path: string | undefined;
  config: ClassworksConfig;
  errors: ConfigError[];
  /** The text it was read from (editor or disk), to place diagnostics in it. */
  text: string | undefined;
}

const NO_CONFIG: ConfigRead = { path: undefined, config: {}, errors: [], text: undefined };

export function isConfigFile(filePath: string | undefined): boolean {
  return filePath !== undefined && path.basename(filePath) === CONFIG_FILE_NAME;
}

/**
 * The `.classworks.json` of each file: the nearest one in the file's folder or an ancestor
 * (core `findConfigFile`), read from the editor when it is open there (live, unsaved text)
 * and from disk otherwise. Reads are cached until the file changes
 * (`workspace/didChangeWatchedFiles`, or an edit in the editor).
 */
export class ConfigFiles {
  private readonly reads = new Map<string, ConfigRead>();
  private readonly openTexts = new Map<string, string>();
  private readonly nearest = new Map<string, string | undefined>();

  /** The config that applies to a file (no path: untitled documents get none). */
  forFile(filePath: string | undefined): ConfigRead {
    if (filePath === undefined) return NO_CONFIG;
    const dir = path.dirname(path.resolve(filePath));
    let configPath = this.nearest.get(dir);
    if (!this.nearest.has(dir)) {
      configPath = this.lookUp(filePath);
      this.nearest.set(dir, configPath);
    }
    return configPath === undefined ? NO_CONFIG : this.read(configPath);
  }

  read(configPath: string): ConfigRead {
    let read = this.reads.get(configPath);
    if (!read) {
      read = this.load(configPath);
      this.reads.set(configPath, read);
    }
    return read;
  }

  /**
   * A `.classworks.json` opened or edited in the editor: its text wins over the disk.
   * Returns whether that changes the config files see.
   */
  setOpenText(configPath: string, text: string): boolean {
    const known = this.openTexts.has(configPath);
    const before = this.reads.get(configPath);
    this.openTexts.set(configPath, text);
    this.reads.delete(configPath);
    if (!known) this.nearest.clear();
    return !known || before === undefined || before.text !== text;
  }

  /** Closed in the editor: read it from disk again. */
  closeOpenText(configPath: string): void {
    this.openTexts.delete(configPath);
    this.reads.delete(configPath);
    this.nearest.clear();
  }

  /** A config file changed, appeared or vanished on disk. */
  changedOnDisk(configPath: string): void {
    this.reads.delete(configPath);
    this.nearest.clear();
  }

  clear(): void {
    this.reads.clear();
    this.nearest.clear();
  }

  private lookUp(filePath: string): string | undefined {
    let best = findConfigFile(filePath);
    const resolved = path.resolve(filePath);
    for (const open of this.openTexts.keys()) {
      const dir = path.dirname(open);
      const holds = resolved.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
      if (holds && (best === undefined || dir.length > path.dirname(best).length)) best = open;
    }
    return best;
  }

  private load(configPath: string): ConfigRead {
    let text = this.openTexts.get(configPath);
    if (text === undefined) {
      try {
        text = fs.readFileSync(configPath, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        if (code === 'ENOENT') return NO_CONFIG;
        return { path: configPath, config: {}, errors: [{ path: '', message: `the file could not be read (${code})` }], text: undefined };
      }
    }
    const { config, errors } = parseConfig(text, KNOWN_RULE_CODES);
    return { path: configPath, config, errors, text };
  }
}
