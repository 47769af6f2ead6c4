/**
 * Entry point of the Classworks language server (bundled to dist/server.js).
 * `node dist/server.js --stdio` speaks LSP on stdio; --node-ipc and --socket=<port> work too.
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './languageServer';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
connection.listen();
