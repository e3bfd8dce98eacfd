// Shared by the bench scripts: wall time (and peak memory) of whole commands, measured side by side.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/lydlr-gst.js', import.meta.url));
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
export function sideBySide(cases, runs) {
  const samples = new Map(cases.map((c) => [c.name, []]));
  for (let round = 0; round <= runs; round++) {
    for (const c of cases) {
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
