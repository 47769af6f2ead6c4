import * as vscode from 'vscode';
import { CONVERT_LINE_ENDINGS_COMMAND, CONVERT_TO_UTF8_COMMAND, REOPEN_WITH_ENCODING_COMMAND } from '../../core/protocol/lspProtocol';
import { COMMANDS, INTERNAL_COMMANDS } from '../ids';
import type { ServerConnection } from '../languageClient';
import type { MarkedFilesStore } from '../markedFiles';
import { convertLineEndingsToCrlf } from './convertLineEndings';
import { convertFileToUtf8, reopenWithEncoding } from './fileEncoding';
import { fixAllSafeProblems } from './fixAll';
import { markFile, unmarkFile } from './markFile';
import { openRuleReference } from './openRuleReference';
import { applyQuickFix } from './quickFixVersion';

export interface CommandDependencies {
  context: vscode.ExtensionContext;
  output: vscode.LogOutputChannel;
  marked: MarkedFilesStore;
  server: ServerConnection;
}

/**
 * Registers every "Classworks: …" command (titles and `when` clauses are in package.json), and
 * the internal commands that quick fixes run (not in the command palette: converting line
 * endings, applying a quick fix to the version it was made for); the
 * encoding commands are both (file.not-utf8's quick fixes, and in the palette).
 */
export function registerCommands({ context, output, marked, server }: CommandDependencies): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.markFile, (uri?: unknown) => markFile(marked, uri)),
    vscode.commands.registerCommand(COMMANDS.unmarkFile, (uri?: unknown) => unmarkFile(marked, uri)),
    vscode.commands.registerCommand(COMMANDS.fixAll, (uri?: unknown) => fixAllSafeProblems(uri)),
    vscode.commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
      output.info('Restarting the language server (command)');
      await server.restart();
    }),
    vscode.commands.registerCommand(COMMANDS.openRuleReference, (code?: unknown) => openRuleReference(context, code)),
    vscode.commands.registerCommand(CONVERT_LINE_ENDINGS_COMMAND, (uri?: unknown) => convertLineEndingsToCrlf(uri, server.diskFacts)),
    vscode.commands.registerCommand(REOPEN_WITH_ENCODING_COMMAND, (uri?: unknown, encoding?: unknown) => reopenWithEncoding(uri, encoding)),
    vscode.commands.registerCommand(CONVERT_TO_UTF8_COMMAND, (uri?: unknown, encoding?: unknown) => convertFileToUtf8(uri, encoding, server.diskFacts)),
    vscode.commands.registerCommand(INTERNAL_COMMANDS.applyQuickFix, (uri?: unknown, version?: unknown, edit?: unknown) => applyQuickFix(uri, version, edit)),
  ];
}
