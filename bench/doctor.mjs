#!/usr/bin/env node
// Warm timings of the inspection commands beside raw gst-inspect-1.0, in one run (median of N).
// Usage: node bench/doctor.mjs [--runs 9] [--json]      (needs `npm run build` first)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/lydlr-gst.cjs', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 9;
const asJson = args.includes('--json');
const env = { ...process.env, LC_ALL: 'C', GST_INSPECT_NO_COLORS: '1', NO_COLOR: '1' };

// Wall time of one run in ms; stdout is read (as a user's terminal or pipe would) and dropped.
function timeOnce(cmd, argv) {
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.error) throw r.error;
  return { ms, status: r.status };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// Interleaved, so machine load drifts hit every command alike; one warm-up round first (registry, page cache).
const CASES = [
  { name: 'node -e 0 (Node start-up alone)', cmd: process.execPath, argv: ['-e', '0'] },
  { name: 'lydlr-gst --version', cmd: BIN, argv: ['--version'] },
  { name: 'gst-inspect-1.0', cmd: 'gst-inspect-1.0', argv: [] },
  { name: 'lydlr-gst doctor', cmd: BIN, argv: ['doctor'], vs: 'gst-inspect-1.0' },
  { name: 'lydlr-gst plugins', cmd: BIN, argv: ['plugins'], vs: 'gst-inspect-1.0' },
  { name: 'gst-inspect-1.0 x264enc', cmd: 'gst-inspect-1.0', argv: ['x264enc'] },
  { name: 'lydlr-gst plugins show x264enc', cmd: BIN, argv: ['plugins', 'show', 'x264enc'], vs: 'gst-inspect-1.0 x264enc' },
];

const samples = new Map(CASES.map((c) => [c.name, []]));
for (let round = 0; round <= runs; round++) {
  for (const c of CASES) {
    const { ms, status } = timeOnce(c.cmd, c.argv);
    if (status !== 0 && status !== null) console.error(`warning: ${c.name} exited ${status}`);
    if (round > 0) samples.get(c.name).push(ms);
  }
}

const medians = Object.fromEntries(CASES.map((c) => [c.name, median(samples.get(c.name))]));
const rows = CASES.map((c) => ({
  command: c.name,
  medianMs: Math.round(medians[c.name]),
  minMs: Math.round(Math.min(...samples.get(c.name))),
  ...(c.vs ? { vs: c.vs, ratio: Number((medians[c.name] / medians[c.vs]).toFixed(1)), underOneSecond: medians[c.name] < 1000 } : {}),
}));

if (asJson) {
  console.log(JSON.stringify({ runs, rows }));
} else {
  console.log(`Warm timings, median of ${runs} runs (interleaved; first round discarded):\n`);
  for (const r of rows) {
    const ratio = r.vs ? `  ${String(r.ratio).padStart(5)} × ${r.vs}${r.underOneSecond ? '' : '  (over 1 s!)'}` : '';
    console.log(`${r.command.padEnd(34)}${String(r.medianMs).padStart(6)} ms  (min ${String(r.minMs).padStart(4)})${ratio}`);
  }
  const overhead = medians['lydlr-gst --version'] - medians['node -e 0 (Node start-up alone)'];
  console.log(`\nNode start-up ${Math.round(medians['node -e 0 (Node start-up alone)'])} ms and CLI load ${Math.round(overhead)} ms are in every lydlr-gst figure.`);
}
