// Build step after tsc: the CLI (dist/cli/main.js and what it imports, dependencies included) as one
// CommonJS file, dist/cli.cjs, that bin/lydlr-gst.cjs compiles with a V8 code cache; and the early
// probe (dist/cli/early-probe.js) alone as dist/early-probe.cjs, small, so it starts first.
// Unbundled, Node resolves, reads and compiles 40-90 ES modules per command (~60 ms of a compress
// start-up, bench/compress.mjs), and Node 20 offers no code cache for ES modules. Lazy imports stay
// lazy: esbuild turns them into functions that run a module's body on first use. The library
// (dist/index.js) stays tsc's unbundled output.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';

const OUT_DIR = resolve('dist');
const OUT_FILES = ['cli.cjs', 'early-probe.cjs'].map((name) => resolve(OUT_DIR, name));

// Modules find their files (Python helpers, pages, package.json) relative to import.meta.url, which
// CommonJS has not: each becomes the module's own URL rebuilt from the bundle's (__bundleUrl, from
// the banner). The relative path is known at build time, so the bundle stays relocatable.
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const fromBundle = relative(OUT_DIR, args.path).split('\\').join('/');
      const contents = source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, __bundleUrl).href`);
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

// chalk works out at load whether stdout and stderr take colour (node:tty, node:os, the environment;
// ~2.5 ms of every start), for its default instance. We never use that one: every view makes its own
// `new Chalk({ level })` from --no-color, NO_COLOR and the terminal (cli/run-command.ts). So chalk
// is told "no colour" for its unused default instead of asking.
const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]chalk[\\/]source[\\/]vendor[\\/]supports-color[\\/]index\.js$/ }, () => ({
      contents: 'export default { stdout: false, stderr: false };',
      loader: 'js',
    }));
  },
};

// node:child_process brings net and dgram with it (~2.5 ms at start-up), and commander requires it
// at load for a feature we do not use (subcommands as executables): commander gets it on first use,
// through a proxy (its CommonJS code reads childProcess.spawn at call time).
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      // A computed name, so that esbuild leaves this require to Node.
      contents: "const name = 'node:child_process'; let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require(name))[key] });",
      loader: 'js',
    }));
  },
};

// The build's id (src/process/build-id.ts): a hash of tsc's modules, so the same source gives the same id
// and any change a new one (caches of what the program computed are then made afresh).
async function buildId() {
  const hash = createHash('sha256');
  const files = (await readdir(OUT_DIR, { recursive: true })).filter((f) => f.endsWith('.js')).sort();
  for (const file of files) hash.update(file).update(await readFile(resolve(OUT_DIR, file)));
  return hash.digest('hex').slice(0, 16);
}

await build({
  define: { __LYDLR_GST_BUILD__: JSON.stringify(await buildId()) },
  entryPoints: { cli: 'dist/cli/main.js', 'early-probe': 'dist/cli/early-probe.js' },
  outdir: OUT_DIR,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The CommonJS wrapper is in the file, so the launcher compiles it as read (no copy to wrap it).
  banner: { js: '(function (exports, require, module, __filename, __dirname) { "use strict"; const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  footer: { js: '})' },
  // Whitespace and comments out (40% of the bytes to read and hash at every start); names kept for
  // stack traces. ASCII only, so the launcher reads it as latin1, 5x faster than decoding UTF-8.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  // Loaded from node_modules as published, by the few commands that use them: the queue's Redis
  // client stack, and graphviz's ~850 KB of WebAssembly (--graph without a system `dot`).
  external: ['bullmq', 'ioredis', '@hpcc-js/wasm-graphviz'],
  plugins: [keepModuleUrls, englishZodOnly, lazyChildProcess, chalkWithoutDetection],
  logLevel: 'warning',
});
for (const file of OUT_FILES) {
  if (/[^\x00-\x7f]/.test(await readFile(file, 'latin1'))) throw new Error(`${file} is not ASCII: bin/lydlr-gst.cjs reads it as latin1`);
}
