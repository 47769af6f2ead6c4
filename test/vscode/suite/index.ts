// Entry of the test suite that runs INSIDE a real VS Code extension host.
// Bundled by esbuild.mjs to dist/test/vscode/index.js; started by test/vscode/run.mjs
// (code-server + headless Chromium, or @vscode/test-electron with --electron), which hands
// it to VS Code as `extensionTestsPath`. VS Code calls the exported `run()`.
//
// To add a test module: create test/vscode/suite/<name>.test.ts (mocha BDD: describe/it,
// `import * as vscode from 'vscode'`) and add one line to TEST_MODULES below.
// Each entry is a function so that esbuild bundles the module but only evaluates it
// after mocha's globals (describe, it, before, ...) exist.
import * as path from 'node:path';
import { format } from 'node:util';

/** The test modules of this suite, run in this order. Add yours here. */
const TEST_MODULES: ReadonlyArray<readonly [name: string, load: () => Promise<unknown>]> = [
  ['smoke.test', () => import('./smoke.test.js')],
  ['diagnostics.test', () => import('./diagnostics.test.js')],
  ['codeActions.test', () => import('./codeActions.test.js')],
  ['statusBar.test', () => import('./statusBar.test.js')],
  ['markedFiles.test', () => import('./markedFiles.test.js')],
  ['commands.test', () => import('./commands.test.js')],
  ['settings.test', () => import('./settings.test.js')],
  ['configFile.test', () => import('./configFile.test.js')],
  ['diskFacts.test', () => import('./diskFacts.test.js')],
  ['trace.test', () => import('./trace.test.js')],
  ['importPanel.test', () => import('./importPanel.test.js')],
  ['importFailures.test', () => import('./importFailures.test.js')],
  ['sandboxSeed.test', () => import('./sandboxSeed.test.js')],
];

/** Subset of the mocha API used here (mocha is external to the bundle, loaded at run time). */
interface MochaLike {
  suite: { emit(event: string, ...args: unknown[]): boolean };
  run(done: (failures: number) => void): unknown;
}
type MochaConstructor = (new (options: Record<string, unknown>) => MochaLike) & {
  reporters: { Base: { consoleLog: (...args: unknown[]) => void } };
};

function loadMocha(): MochaConstructor {
  // mocha 12 is an ES module whose index.js re-exports lib/mocha.cjs; requiring the CJS file
  // directly works in every extension host (VS Code's module loader, any Node version).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('mocha/lib/mocha.cjs') as MochaConstructor | { default: MochaConstructor };
  return typeof mod === 'function' ? mod : mod.default;
}

/**
 * Under code-server the extension host's console reaches test/vscode/run.mjs through the
 * workbench's logger, which neither applies printf-style formatting ('%d passing') nor tells
 * console output from the workbench's own log lines. While the suite runs, each console call is
 * therefore formatted here and prefixed with the marker that run.mjs passes in
 * CLASSWORKS_TEST_LOG_PREFIX. Returns the function that restores the console.
 */
function formatConsole(prefix: string): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  // VS Code's extension host defines these as accessors whose setter ignores assignments,
  // so they are redefined (they are configurable) and the descriptors restored afterwards.
  const descriptors = methods.map((m) => Object.getOwnPropertyDescriptor(console, m));
  for (const m of methods) {
    const original = console[m];
    Object.defineProperty(console, m, {
      configurable: true,
      enumerable: true,
      writable: true,
      value: (...args: unknown[]) => original.call(console, prefix + format(...args)),
    });
  }
  return () =>
    methods.forEach((m, i) => {
      const descriptor = descriptors[i];
      if (descriptor) Object.defineProperty(console, m, descriptor);
    });
}

export async function run(): Promise<void> {
  // Stack traces of failures point into the .ts sources (the bundle has a source map).
  process.setSourceMapsEnabled(true);
  const Mocha = loadMocha();
  const logPrefix = process.env.CLASSWORKS_TEST_LOG_PREFIX;
  const restoreConsole = logPrefix === undefined ? () => {} : formatConsole(logPrefix);
  // The reporters captured console.log when mocha was loaded.
  const consoleLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(...args);
  try {
    await runMocha(Mocha);
  } finally {
    Mocha.reporters.Base.consoleLog = consoleLog;
    restoreConsole();
  }
}

async function runMocha(Mocha: MochaConstructor): Promise<void> {
  const grep = process.env.CLASSWORKS_TEST_GREP;
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: Number(process.env.CLASSWORKS_TEST_MOCHA_TIMEOUT_MS) || 60_000,
    // The output goes through the extension host's console to a log, not to a terminal.
    color: false,
    ...(grep ? { grep } : {}),
  });

  // Define describe/it/before/... on globalThis, as `mocha` does for each spec file.
  const suiteFile = path.join(__dirname, 'index.js');
  mocha.suite.emit('pre-require', globalThis, suiteFile, mocha);

  for (const [name, load] of TEST_MODULES) {
    try {
      await load();
    } catch (error) {
      throw new Error(`could not load test module ${name}: ${describeError(error)}`);
    }
  }

  const failures = await new Promise<number>((resolve) => {
    mocha.run(resolve);
  });
  if (failures > 0) {
    throw new Error(`${failures} test${failures === 1 ? '' : 's'} failed.`);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
