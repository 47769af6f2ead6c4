import picomatch from 'picomatch';
import type { Connection } from 'vscode-languageserver/node';
import { z } from 'zod';
import { type SeveritySetting, severitySettingSchema } from '../core';
import type { Logger } from './logger';

/** The `classworks` settings of one resource, normalised: every field present and valid. */
export interface ServerSettings {
  /** `classworks.enable`: false turns linting off. */
  enable: boolean;
  /** `classworks.files.include`: globs of files always treated as enrollment files. */
  include: string[];
  /** `classworks.rules`: severity per rule code. */
  rules: Record<string, SeveritySetting>;
  /** `classworks.maxProblems`: at most this many diagnostics per file (the counts stay exact). */
  maxProblems: number;
}

export const DEFAULT_MAX_PROBLEMS = 1000;
export const DEFAULT_SETTINGS: ServerSettings = { enable: true, include: [], rules: {}, maxProblems: DEFAULT_MAX_PROBLEMS };

/** One glob or a list of globs; anything else is no globs. */
const globList = z.unknown().transform((value): string[] => {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
});

/**
 * What `workspace/configuration` returns for section `classworks`: nested objects
 * (`files: {include}`) as VS Code sends them, or flat dotted keys as some editors do.
 * Each field falls back to its default on its own, so one bad value spoils nothing else.
 */
const rawSettingsSchema = z
  .object({
    enable: z.boolean().catch(DEFAULT_SETTINGS.enable).optional(),
    files: z.object({ include: globList.optional() }).catch({}).optional(),
    'files.include': globList.optional(),
    rules: z.record(z.string(), z.unknown()).catch({}).optional(),
    maxProblems: z.unknown().optional(),
  })
  .catch({});

/** Normalises raw settings; `problems` says what was ignored (for the log). */
export function normalizeSettings(raw: unknown): { settings: ServerSettings; problems: string[] } {
  const problems: string[] = [];
  const parsed = rawSettingsSchema.parse(raw ?? {});
  const rules: Record<string, SeveritySetting> = {};
  for (const [code, value] of Object.entries(parsed.rules ?? {})) {
    const severity = severitySettingSchema.safeParse(value);
    if (severity.success) rules[code] = severity.data;
    else problems.push(`classworks.rules["${code}"] must be one of error, warning, info, off; ignored.`);
  }
  const include = [...(parsed.files?.include ?? []), ...(parsed['files.include'] ?? [])];
  for (const glob of include) {
    if (!isValidGlob(glob)) problems.push(`classworks.files.include: "${glob}" is not a valid glob; ignored.`);
  }
  const maxProblems = z.number().int().min(1).safeParse(parsed.maxProblems);
  if (parsed.maxProblems !== undefined && !maxProblems.success) {
    problems.push(`classworks.maxProblems must be a whole number of at least 1; using ${DEFAULT_MAX_PROBLEMS}.`);
  }
  return {
    settings: {
      enable: parsed.enable ?? DEFAULT_SETTINGS.enable,
      include: include.filter((g) => isValidGlob(g)),
      rules,
      maxProblems: maxProblems.success ? maxProblems.data : DEFAULT_MAX_PROBLEMS,
    },
    problems,
  };
}

function isValidGlob(glob: string): boolean {
  try {
    picomatch.makeRe(glob);
    return true;
  } catch {
    return false;
  }
}

/**
 * Settings per resource, pulled with `workspace/configuration` (scopeUri = the document)
 * and cached until `workspace/didChangeConfiguration`. Without that client capability the
 * settings pushed in `didChangeConfiguration` apply to every document.
 */
export class SettingsProvider {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  private global: ServerSettings = DEFAULT_SETTINGS;

  /** Whether the client answers `workspace/configuration` (known after `initialize`). */
  canPull = false;

  constructor(
    private readonly connection: Connection,
    private readonly logger: Logger,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.canPull) return Promise.resolve(this.global);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.pull(uri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** `workspace/didChangeConfiguration`: forget every cached value (pushed ones apply now). */
  changed(pushed: unknown): void {
    this.cache.clear();
    if (!this.canPull) {
      const section = typeof pushed === 'object' && pushed !== null ? (pushed as Record<string, unknown>).classworks : undefined;
      this.global = this.normalize(section);
    }
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async pull(uri: string): Promise<ServerSettings> {
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'classworks' });
      return this.normalize(raw);
    } catch (error) {
      this.cache.delete(uri);
      this.logger.error('Classworks: could not read the classworks settings; using the defaults', error);
      return DEFAULT_SETTINGS;
    }
  }

  private normalize(raw: unknown): ServerSettings {
    const { settings, problems } = normalizeSettings(raw);
    for (const problem of problems) this.logger.warn(`Classworks settings: ${problem}`);
    return settings;
  }
}
