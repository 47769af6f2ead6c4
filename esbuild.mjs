// Bundles every entry point into dist/. Type-checking is `npm run typecheck` (tsc --noEmit).
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Entry points: output name (under dist/) -> source file. */
const nodeEntries = {
  extension: 'client/extension.ts',
  server: 'server/main.ts',
  cli: 'cli/main.ts',
  'import-service': 'import-service/main.ts',
  'test/vscode/index': 'test/vscode/suite/index.ts',
};

/**
 * node-sqlite3-wasm (bundled into dist/import-service.js) loads its SQLite WebAssembly from
 * the bundle's own folder at run time (`__dirname`), so the .wasm is copied next to it.
 */
const copyRuntimeFiles = {
  name: 'copy-runtime-files',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      mkdirSync('dist', { recursive: true });
      copyFileSync('node_modules/node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm', 'dist/node-sqlite3-wasm.wasm');
    });
  },
};

/**
 * The import panel's webview (client/webview) runs in a browser: its own build, for the
 * browser platform, into dist/webview/ (the only folder the webview may load from). The
 * codicon font that @vscode-elements/elements draws its icons with is copied beside it.
 */
const webviewEntries = {
  panel: 'client/webview/main.ts',
};
const copyWebviewFiles = {
  name: 'copy-webview-files',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length > 0) return;
      mkdirSync('dist/webview', { recursive: true });
      copyFileSync('client/webview/panel.css', 'dist/webview/panel.css');
      copyFileSync('client/webview/panel-icon.svg', 'dist/webview/panel-icon.svg');
      copyFileSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicon.css');
      copyFileSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicon.ttf');
    });
  },
};

/** Reports each build's outcome so a watch session shows failures. */
const reporter = {
  name: 'reporter',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}`);
      }
      if (watch) console.log(`[watch] build finished with ${result.errors.length} error(s)`);
    });
  },
};

const options = {
  entryPoints: nodeEntries,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  external: ['vscode', 'mocha'],
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  logLevel: 'silent',
  plugins: [reporter, copyRuntimeFiles],
};

const webviewOptions = {
  entryPoints: webviewEntries,
  bundle: true,
  platform: 'browser',
  target: ['chrome114'],
  format: 'iife',
  outdir: 'dist/webview',
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  logLevel: 'silent',
  // The webview gets no Node built-ins: an accidental import of one fails the build.
  plugins: [reporter, copyWebviewFiles],
};

try {
  if (watch) {
    const contexts = await Promise.all([esbuild.context(options), esbuild.context(webviewOptions)]);
    await Promise.all(contexts.map((ctx) => ctx.watch()));
  } else {
    await Promise.all([esbuild.build(options), esbuild.build(webviewOptions)]);
  }
} catch {
  // The reporter has printed the errors.
  process.exit(1);
}
