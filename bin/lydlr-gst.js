#!/usr/bin/env node
// The launcher: for the commands that probe an input, start probing while the bundled CLI loads
// (src/cli/early-probe.ts); then load the CLI and nothing else (src/cli/main.ts, scripts/bundle-cli.mjs).
const words = process.argv.slice(2);
if (words[0] === 'compress' || words[0] === 'hls') (await import('../dist/cli-bundle/early-probe.js')).probeFromArgv(words);
await import('../dist/cli-bundle/main.js');
