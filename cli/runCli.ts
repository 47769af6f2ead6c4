import { parseCommandLine, UsageError } from './args';
import { runFix } from './commands/fix';
import { runLint } from './commands/lint';
import { EXIT, type ExitCode } from './exitCodes';
import type { CliIo } from './io';
import { USAGE } from './usage';
import { CLI_VERSION } from './version';

/** Runs one command line and returns the exit code; never throws. */
export function runCli(argv: readonly string[], io: CliIo): ExitCode {
  try {
    const command = parseCommandLine(argv);
    switch (command.kind) {
      case 'help':
        io.out(USAGE);
        return EXIT.clean;
      case 'version':
        io.out(`${CLI_VERSION}\n`);
        return EXIT.clean;
      case 'lint':
        return runLint(command, io);
      case 'fix':
        return runFix(command, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      if (argv.length === 0) io.err(USAGE);
      if (error.showUsage) io.err(`classworks: ${error.message}\n\n${USAGE}`);
      else io.err(`classworks: ${error.message}\nRun "node dist/cli.js --help" for usage.\n`);
      return EXIT.failure;
    }
    io.err(`classworks: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failure;
  }
}
