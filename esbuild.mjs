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

try {
  if (watch) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  } else {
    await esbuild.build(options);
  }
} catch {
  // The reporter has printed the errors.
  process.exit(1);
}
