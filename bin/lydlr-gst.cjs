#!/bin/sh
":" /*
# The shell's part (JavaScript sees a string and a comment). Node 20 parses the certificates named by
# NODE_EXTRA_CA_CERTS while it starts, ~35 ms of CPU and of waiting on every run, though only a TLS
# connection made by this process needs them: webhooks, rediss://, and the commands that take jobs
# from elsewhere. Any other command line starts Node without them; the JavaScript below puts the
# variable back before anything runs, so the children get it as it was given.
ca=
for word in "$@"; do
  case $word in serve | worker | queue | *https:* | *rediss:*) ca=keep ;; esac
done
if [ -z "$ca" ] && [ -n "${NODE_EXTRA_CA_CERTS:-}" ]; then
  LYDLR_GST_DEFERRED_CA_CERTS=$NODE_EXTRA_CA_CERTS
  export LYDLR_GST_DEFERRED_CA_CERTS
  unset NODE_EXTRA_CA_CERTS
fi
exec node "$0" "$@"
*/
// The launcher. Compiling JavaScript is most of a Node CLI's start-up, and Node 20 keeps no code
// cache for ES modules, so the CLI is one CommonJS bundle (dist/cli.cjs, scripts/bundle-cli.mjs)
// compiled here with a V8 code cache per command. For the commands that probe an input, the probe
// (src/cli/early-probe.ts, its own small bundle) starts first, so that it overlaps the CLI's loading.
// CommonJS, not an ES module: Node loads its ES module machinery for an ES entry point (~5 ms).
const { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

// Caches are written with a checksum and checked against it: a damaged file is refused (and
// rewritten) instead of crashing V8 (release builds of V8 check neither by default).
v8.setFlagsFromString('--verify-snapshot-checksum');

if (process.env.LYDLR_GST_DEFERRED_CA_CERTS !== undefined) { // see the shell's part
  process.env.NODE_EXTRA_CA_CERTS = process.env.LYDLR_GST_DEFERRED_CA_CERTS;
  delete process.env.LYDLR_GST_DEFERRED_CA_CERTS;
}

// Once nothing is left to do, exit at once: Node's own teardown after its last event (freeing the
// environment and the heap) costs ~1.5 ms of every run, and no child or handle is left by then.
process.once('beforeExit', () => process.exit());

const words = process.argv.slice(2);
// The bundle's import() of what it leaves outside (src/process/import-external.ts): this module's own.
globalThis[Symbol.for('lydlr-gst.import')] = (specifier) => import(specifier);
const bundle = (name) => join(__dirname, '..', 'dist', `${name}.cjs`);
if (words[0] === 'compress' || words[0] === 'hls') load(bundle('early-probe')).probeFromArgv(words);
// A run that only prints help compiles little of its command: it keeps a cache of its own.
const helpOnly = words.some((w) => ['--help', '-h', '--version', '-V'].includes(w)); // as src/cli/help-output.ts
void load(bundle('cli'), `${words[0] ?? ''}${helpOnly ? '.help' : ''}`).main();

// `command` names the code cache; without it (the 7 KB early probe) the bundle is compiled afresh.
function load(file, command) {
  const source = readFileSync(file, 'latin1'); // ASCII (scripts/bundle-cli.mjs checks), and latin1 reads fastest
  const cache = command === undefined ? undefined : cacheFile(file, command);
  const cachedData = cache && readIfThere(cache);
  const script = new vm.Script(source, { // a CommonJS module wrapper, as built
    filename: file,
    cachedData,
  });
  // Made at exit, so that it holds every function the command compiled, not only the top level.
  if (cache && (!cachedData || script.cachedDataRejected)) process.once('exit', () => save(cache, script));
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

// ~/.cache/lydlr-gst/v8/<bundle and Node version>/<command>[.help].bin; none with LYDLR_GST_NO_CACHE=1.
function cacheFile(bundle, command) {
  if (process.env.LYDLR_GST_NO_CACHE === '1') return undefined;
  const { size, mtimeMs } = statSync(bundle);
  const root = join(process.env.XDG_CACHE_HOME || join(process.env.HOME || homedir(), '.cache'), 'lydlr-gst', 'v8');
  const name = /^[a-z][a-z-]{0,30}(\.help)?$/.test(command) ? command : '_';
  return join(root, `${size}-${Math.round(mtimeMs)}-${process.version}-${process.arch}`, `${name}.bin`);
}

function readIfThere(path) {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

// Best effort: written whole then renamed (other runs may read it meanwhile); then old builds' caches go.
function save(path, script) {
  try {
    const dir = dirname(path);
    mkdirSync(dir, { recursive: true });
    const partial = `${path}.${process.pid}`;
    writeFileSync(partial, script.createCachedData());
    renameSync(partial, path);
    pruneOtherBuilds(dir);
  } catch {
    // a read-only or full home: the next run compiles again
  }
}

// Other builds' folders but the two last written: two installs used in turn (a global one and a
// project's) would otherwise remove each other's cache on every run, and each run compile afresh.
function pruneOtherBuilds(current) {
  const root = dirname(current);
  const others = readdirSync(root).map((name) => join(root, name)).filter((dir) => dir !== current);
  const newestFirst = others.map((dir) => [dir, statSync(dir).mtimeMs]).sort((a, b) => b[1] - a[1]);
  for (const [dir] of newestFirst.slice(2)) rmSync(dir, { recursive: true, force: true });
}
