#!/usr/bin/env node
/** Command-line linter for Classworks enrollment CSVs: `node dist/cli.js --help`. */
import { processIo } from './io';
import { runCli } from './runCli';

// A reader that stops early (`| head`) closes the pipe: finish quietly with the lint's exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = runCli(process.argv.slice(2), processIo);
