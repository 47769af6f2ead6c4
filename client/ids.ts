/** Identifiers shared by the extension's files and declared in package.json. */

/** Name of the diagnostic collection (the language client itself has an id no setting uses: see languageClient.ts). */
export const CLIENT_ID = 'classworks';
export const CLIENT_NAME = 'Classworks Enrollment Tools';
export const OUTPUT_CHANNEL_NAME = 'Classworks';

/** `source` of the server's diagnostics. */
export const DIAGNOSTIC_SOURCE = 'classworks';

/** `source.fixAll.classworks`: the server's fix-all code action kind (also for editor.codeActionsOnSave). */
export const FIX_ALL_KIND_VALUE = 'source.fixAll.classworks';

export const COMMANDS = {
  markFile: 'classworks.markAsEnrollmentFile',
  unmarkFile: 'classworks.unmarkEnrollmentFile',
  fixAll: 'classworks.fixAllSafeProblems',
  showOutput: 'classworks.showOutput',
  restartServer: 'classworks.restartServer',
  openRuleReference: 'classworks.openRuleReference',
  openImportPanel: 'classworks.openImportPanel',
  submitImport: 'classworks.submitImport',
  showImportHistory: 'classworks.showImportHistory',
  connectDistrict: 'classworks.connectDistrict',
  startSandbox: 'classworks.startSandbox',
  stopSandbox: 'classworks.stopSandbox',
  disconnectDistrict: 'classworks.disconnectDistrict',
  /** Also the quick fixes of file.not-utf8 (the server names them: core/protocol/lspProtocol.ts). */
  reopenWithEncoding: 'classworks.reopenWithEncoding',
  convertToUtf8: 'classworks.convertToUtf8',
} as const;

/** Commands the extension runs itself (from quick fixes), not in the command palette or package.json. */
export const INTERNAL_COMMANDS = {
  /** A quick fix's edit, applied only to the document version it was made for (commands/quickFixVersion.ts). */
  applyQuickFix: 'classworks.applyQuickFix',
} as const;

/** Context keys for the command palette's `when` clauses (package.json). */
export const CONTEXT_KEYS = {
  /** The language client has been started (the extension is active). */
  clientStarted: 'classworks.clientStarted',
  /** The active editor's file is linted as an enrollment file. */
  activeFileLinted: 'classworks.activeFileLinted',
  /** The user marked the active editor's file with "Treat This File as an Enrollment File". */
  activeFileMarked: 'classworks.activeFileMarked',
  /** A district (remote or the sandbox) is connected. */
  districtConnected: 'classworks.districtConnected',
  /** This window runs the local sandbox district. */
  sandboxRunning: 'classworks.sandboxRunning',
} as const;

/** Settings read by the import panel and the district connection (declared in package.json). */
export const SETTINGS = {
  districtUrl: 'classworks.district.url',
  sandboxProcessNow: 'classworks.sandbox.processImportsImmediately',
  sandboxAutoStart: 'classworks.sandbox.autoStart',
} as const;

/** SecretStorage keys: tokens live only there, never in settings or in the panel. */
export const SECRET_KEYS = {
  districtToken: (url: string) => `classworks.district.token:${url}`,
  sandboxToken: 'classworks.sandbox.token',
} as const;

/** Documentation of the rules, shipped with the extension; diagnostics link to its anchors. */
export const RULES_DOC_PATH = 'docs/rules.md';
export const SERVER_MODULE_PATH = 'dist/server.js';
/**
 * Node options of the language server process (docs/performance.md; the benchmark starts the
 * server with the same): a young generation of at most 4 MB per semi-space (V8's default grows
 * to 16 MB) keeps ~24 MB less resident with a 200,000-row file open, at no measured cost in
 * time; and the old generation may grow by half of what a full collection left alive before the
 * next one (V8's own factor goes up to 4 × while much is allocated, as in a check of every row):
 * after a header rename in a 200,000-row file, about 196 MB resident instead of 330–360 MB, with
 * the same or better typing latency in A/B runs.
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=50'];
/**
 * Environment of the language server process, added to the extension host's. On Linux (glibc)
 * a freed large buffer raises the size from which malloc maps memory of its own, so the buffers
 * of the next large messages (a 17 MB file arriving when opened) stay in the heap and are not
 * given back; a fixed threshold keeps them mapped, and given back when freed: about 12 MB less
 * resident with a 200,000-row file open (docs/performance.md). Other systems ignore it.
 */
export const SERVER_ENVIRONMENT: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };
