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
  // Bundled CommonJS dependencies (commander) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  // The queue's Redis client stack is loaded from node_modules as published (only queue and worker load it).
  external: ['bullmq', 'ioredis'],
  plugins: [keepModuleUrls],
  logLevel: 'warning',
});
