/** The CLI's exit codes: the contract CI scripts and pre-commit hooks rely on. */
export const EXIT = {
  /** No problem of severity error (warnings and info are allowed). */
  clean: 0,
  /** At least one error. */
  errors: 1,
  /** Bad usage, a file that could not be read, or an invalid configuration. */
  failure: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The worst of several outcomes: failure beats errors beats clean. */
export function worstExit(...codes: ExitCode[]): ExitCode {
  return codes.reduce<ExitCode>((worst, code) => (code > worst ? code : worst), EXIT.clean);
}
