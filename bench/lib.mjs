// Shared by the bench scripts: wall time (and peak memory) of whole commands, measured side by side.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Run as a program, as npm's bin link runs it (its shell part decides how Node starts).
export const BIN = fileURLToPath(new URL('../bin/lydlr-gst.cjs', import.meta.url));
export const ENV = { ...process.env, LC_ALL: 'C', NO_COLOR: '1' };
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

// One run: wall ms, CPU ms (user + sys of the command and its children, GNU time's %U %S), and peak
// RSS in MB of the largest process (%M).
export function timeOnce(cmd, argv, options = {}) {
  const wrapped = GNU_TIME ? [GNU_TIME, ['-f', '__maxrss_kb=%M __cpu_s=%U+%S', cmd, ...argv]] : [cmd, argv];
  const started = process.hrtime.bigint();
  const r = spawnSync(wrapped[0], wrapped[1], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.error) throw r.error;
  const kb = /__maxrss_kb=(\d+)/.exec(String(r.stderr))?.[1];
  const cpu = /__cpu_s=([\d.]+)\+([\d.]+)/.exec(String(r.stderr));
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${String(r.stderr).slice(-500)}`);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined, mb: kb ? Number(kb) / 1024 : undefined, stdout: String(r.stdout) };
}

export function median(values) {
  const s = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// Runs the cases round-robin (so load drifts hit all alike), after one warm-up round; medians per case.
// Each round starts one case further on: what runs just before a case biases it (the same raw encode
// measured ~1 % less CPU run right after ours than right before it), so every case follows each in turn.
export function sideBySide(cases, runs) {
  const samples = new Map(cases.map((c) => [c.name, []]));
  for (let round = 0; round <= runs; round++) {
    for (const c of cases.map((_, i) => cases[(round + i) % cases.length])) {
      c.before?.();
      const t = timeOnce(c.cmd, c.argv, c.env ? { env: c.env } : {});
      if (round > 0) samples.get(c.name).push(t);
    }
  }
  const of = (name, key) => median(samples.get(name).map((s) => s[key]));
  return new Map(cases.map((c) => [c.name, { ms: of(c.name, 'ms'), cpuMs: of(c.name, 'cpuMs'), mb: of(c.name, 'mb'), samples: samples.get(c.name) }]));
}

export function ratioLine(label, a, b) {
  return `${label.padEnd(58)} ${(a / b).toFixed(3)}×   (${a.toFixed(0)} ms vs ${b.toFixed(0)} ms)`;
}

export function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

// Each ratio of case `a` to case `b` (wall, CPU, peak memory): the ratio of sideBySide's medians, then the
// median and spread of the per-round ratios (each round ran both back to back, so a slow stretch of the
// machine hits both sides of a round's ratio; the spread shows how noisy it was), and the goal, if any,
// judged on each of the two figures.
export function printRatios(r, label, a, b, goals = {}) {
  console.log(`${label}:`);
  for (const [key, name] of [['ms', 'wall'], ['cpuMs', 'CPU'], ['mb', 'peak memory']]) {
    const A = r.get(a);
    const B = r.get(b);
    const perRound = A.samples.map((s, i) => s[key] / B.samples[i][key]);
    const ofMedians = A[key] / B[key];
    const ofRounds = median(perRound);
    const verdict = (v) => (v <= goals[key] ? 'met' : 'MISSED');
    const goal = goals[key] ? `   goal ≤ ${goals[key]}: ${verdict(ofMedians)} / ${verdict(ofRounds)}` : '';
    console.log(`  ${name.padEnd(12)} ${ofMedians.toFixed(3)}×   median of rounds ${ofRounds.toFixed(3)}× (${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)})${goal}`);
  }
}

// One row per case: wall s, CPU s, peak MiB (sideBySide's medians).
export function printCases(r, names) {
  console.log(`${''.padEnd(14)} ${'wall s'.padStart(7)} ${'CPU s'.padStart(7)} ${'peak MiB'.padStart(9)}`);
  for (const name of names) {
    const m = r.get(name);
    console.log(`${name.padEnd(14)} ${(m.ms / 1000).toFixed(2).padStart(7)} ${(m.cpuMs / 1000).toFixed(2).padStart(7)} ${m.mb.toFixed(0).padStart(9)}`);
  }
}

// ffmpeg's psnr filter of `file` against `reference`: the "average" figure in dB.
export function psnr(file, reference) {
  const o = spawnSync('ffmpeg', ['-v', 'info', '-i', file, '-i', reference, '-lavfi', 'psnr', '-f', 'null', '-'], { env: ENV, encoding: 'utf8' });
  return Number(/average:([\d.]+)/.exec(o.stderr)?.[1]);
}
