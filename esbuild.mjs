// Bundles every entry point into dist/. Type-checking is `npm run typecheck` (tsc --noEmit).
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Entry points: output name (under dist/) -> source file. */
const nodeEntries = {
  extension: 'client/extension.ts',
  server: 'server/main.ts',
  cli: 'cli/main.ts',
  'test/vscode/index': 'test/vscode/suite/index.ts',
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
  plugins: [reporter],
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
