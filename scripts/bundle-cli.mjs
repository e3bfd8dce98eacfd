// Build step after tsc: the CLI (dist/cli/main.js and what it imports, dependencies included) as a
// few ES module chunks in dist/cli-bundle/. Node resolves and loads ~40-90 small modules per command
// otherwise, which was half of our start-up cost (bench/foundation.mjs). Lazy imports stay lazy:
// each command is its own chunk. The library (dist/index.js) stays tsc's unbundled output.
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';

const OUT_DIR = resolve('dist/cli-bundle');

// Modules find their files (Python helpers, pages, package.json) relative to import.meta.url.
// In a chunk that URL is the chunk's, so each module's own URL is rebuilt from the chunk's; all
// chunks sit in OUT_DIR, so the relative path is known at build time and the bundle stays relocatable.
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromChunk = relative(OUT_DIR, args.path).split('\\').join('/');
      const contents = source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`);
      return { contents, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// zod re-exports its ~60 message locales (half of its code, ~370 KB) from its namespace, so no bundler
// can drop them, and every command would parse them at start. The CLI speaks English, zod's default
// (set in zod/v4/classic/external.js from locales/en.js): the locale index becomes English alone.
const englishZodOnly = {
  name: 'english-zod-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

await rm(OUT_DIR, { recursive: true, force: true }); // chunk names change from build to build
await build({
  // early-probe.js runs first (bin/lydlr-gst.js) and shares its probe module with main.js's commands.
  entryPoints: ['dist/cli/main.js', 'dist/cli/early-probe.js'],
  outdir: OUT_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS dependencies (commander) call require() for Node's built-ins. Made on first
  // call: every chunk gets this banner, and reading import.meta in each one at load costs ~3 ms.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; let __required; const require = (id) => (__required ??= __bundleRequire(import.meta.url))(id);" },
  // The queue's Redis client stack is loaded from node_modules as published (only queue and worker load it).
  external: ['bullmq', 'ioredis'],
  plugins: [keepModuleUrls, englishZodOnly],
  logLevel: 'warning',
});
