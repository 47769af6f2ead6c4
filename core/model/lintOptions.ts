import type { ClassworksConfig, SeveritySetting } from '../config/configSchema';

export interface LintOptions {
  /** The `.classworks.json` that applies to the file (schools, column mapping, rule severities). */
  config?: ClassworksConfig;
  /** The file's name or path: hints whether it holds students or staff. */
  fileName?: string;
  /** "Today" for birthdate checks; defaults to the current date. */
  today?: Date;
  /** Severity overrides by rule code (e.g. from editor settings); win over the config's `rules`. */
  severities?: Record<string, SeveritySetting>;
  /**
   * Line endings counted in the file's bytes on disk, when the text given is not the raw file
   * (VS Code normalises line endings on load). The line-ending rules then judge these counts and,
   * as no text edit can restore them, ask the editor to convert (Problem.editorCommand).
   */
  diskLineEndings?: { crlf: number; lf: number; cr: number };
  /** Told when a rule throws; the other rules carry on. */
  onRuleError?: (code: string, error: unknown) => void;
}
