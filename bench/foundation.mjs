#!/usr/bin/env node
// Foundation speed (issue 3): --help start-up, launch overhead vs raw gst-launch-1.0, event parser MB/s.
import { readFileSync } from 'node:fs';
import { BIN, ENV, argValue, ratioLine, sideBySide } from './lib.mjs';
import { LaunchOutputParser } from '../dist/gst/launch/bus-parser.js';

const runs = argValue('--runs', 7);
const NO_CA = { ...ENV, NODE_EXTRA_CA_CERTS: '' };
const PIPE = ['videotestsrc', 'num-buffers=600', '!', 'x264enc', '!', 'fakesink'];
const r = sideBySide([
  { name: 'node -e 0', cmd: process.execPath, argv: ['-e', '0'] },
  { name: 'lydlr-gst --help', cmd: BIN, argv: ['--help'] },
  { name: 'gst-launch-1.0', cmd: 'gst-launch-1.0', argv: ['-q', ...PIPE] },
  { name: 'lydlr-gst launch', cmd: BIN, argv: ['launch', ...PIPE] },
  // Node as the launcher starts it for a command line that makes no TLS connection: without parsing
  // NODE_EXTRA_CA_CERTS (bin/lydlr-gst.cjs).
  { name: 'node -e 0 (no CA)', cmd: process.execPath, argv: ['-e', '0'], env: NO_CA },
], runs);

// The same overhead on a 5× longer pipeline: what is fixed (start-up) shrinks with the job.
const LONG = ['videotestsrc', 'num-buffers=3000', '!', 'x264enc', '!', 'fakesink'];
const long = sideBySide([
  { name: 'gst-launch-1.0', cmd: 'gst-launch-1.0', argv: ['-q', ...LONG] },
  { name: 'lydlr-gst launch', cmd: BIN, argv: ['launch', ...LONG] },
], Math.min(runs, 5));

// The parser on real gst-launch output (a fixture repeated to ~64 MB), one core.
const fixture = readFileSync(new URL('../test/fixtures/gst-1.22/launch/encode-mp4.stdout.txt', import.meta.url), 'utf8');
const lines = fixture.split(/\r?\n|\r/);
const repeat = Math.ceil((64 * 1024 * 1024) / fixture.length);
const parser = new LaunchOutputParser();
const started = process.hrtime.bigint();
let events = 0;
for (let i = 0; i < repeat; i++) for (const line of lines) events += parser.push(line).length;
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const mbPerSecond = (fixture.length * repeat) / 1024 / 1024 / seconds;

console.log(`# foundation (median of ${runs}, side by side)`);
console.log(ratioLine('lydlr-gst --help vs node -e 0 (goal ≤ 1.5)', r.get('lydlr-gst --help').ms, r.get('node -e 0').ms));
console.log(ratioLine('launch x264 600 frames vs raw gst-launch-1.0 (goal ≤ 1.03)', r.get('lydlr-gst launch').ms, r.get('gst-launch-1.0').ms));
const nodeStart = r.get('node -e 0 (no CA)').ms;
const launchOverhead = r.get('lydlr-gst launch').ms - nodeStart - r.get('gst-launch-1.0').ms;
console.log(`${'  of which Node start-up (node -e 0, no CA bundle)'.padEnd(58)} ${nodeStart.toFixed(0)} ms; ours after it: ${launchOverhead.toFixed(0)} ms`);
if (ENV.NODE_EXTRA_CA_CERTS) console.log(`${'  node -e 0 parsing NODE_EXTRA_CA_CERTS (not ours)'.padEnd(58)} ${r.get('node -e 0').ms.toFixed(0)} ms`);
console.log(ratioLine('  the same, 3000 frames (informative)', long.get('lydlr-gst launch').ms, long.get('gst-launch-1.0').ms));
console.log(`${'event parser throughput (goal ≥ 50 MB/s)'.padEnd(58)} ${mbPerSecond.toFixed(0)} MB/s   (${events} events)`);
