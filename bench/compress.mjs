#!/usr/bin/env node
// compress speed, memory and quality: a 6 s 1280x720 30 fps H.264+AAC clip of detailed moving content
// (a fractal zoom: test patterns encode unrealistically fast), side by side in one run with
//   ffmpeg -c:v libx264 (same preset and bitrate, audio copied) and
//   the raw gst-launch-1.0 line: exactly our pipeline (from --dry-run), run without Node (-q -e).
// Then the fixed cost before gst-launch-1.0 starts (with and without NODE_EXTRA_CA_CERTS) and the probe alone.
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ENV, argValue, median, printRatios, sideBySide } from './lib.mjs';

const runs = argValue('--runs', 5);
const seconds = argValue('--seconds', 6);
const dir = new URL('../.bench-out/', import.meta.url).pathname;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const src = join(dir, 'src 720p.mp4');
const out = { ours: join(dir, 'ours.mp4'), ffmpeg: join(dir, 'ffmpeg.mp4'), raw: join(dir, 'raw.mp4') };

run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'mandelbrot=size=1280x720:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
  '-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', src]);

// A gst-launch-1.0 first on PATH that notes when it starts, then becomes the real one: how long
// after Node's start our pipeline begins. Both GStreamer cases go through it, so it costs them alike.
const stamps = join(dir, 'gst-launch-starts');
const shimDir = join(dir, 'shim');
mkdirSync(shimDir);
const realLaunch = spawnSync('sh', ['-c', 'command -v gst-launch-1.0'], { encoding: 'utf8' }).stdout.trim();
writeFileSync(join(shimDir, 'gst-launch-1.0'), `#!/bin/sh\ndate +%s%N >> "$LYDLR_BENCH_STAMPS"\nexec ${realLaunch} "$@"\n`);
chmodSync(join(shimDir, 'gst-launch-1.0'), 0o755);
const SHIM_ENV = { ...ENV, PATH: `${shimDir}:${ENV.PATH}`, LYDLR_BENCH_STAMPS: stamps };

const COMPRESS = ['compress', src, out.ours, '--codec', 'h264', '--bitrate', '2000', '--preset', 'medium', '--overwrite'];
const dry = JSON.parse(run(BIN, [...COMPRESS, '--dry-run', '--json']).trim().split('\n').pop());
const rawArgv = dry.jobs[0].argv.map((t) => (t.startsWith('location=') && !t.includes('src 720p') ? `location=${out.raw}` : t));

const r = sideBySide([
  { name: 'ffmpeg', cmd: 'ffmpeg', argv: ['-v', 'error', '-y', '-i', src, '-c:v', 'libx264', '-preset', 'medium', '-b:v', '2000k', '-c:a', 'copy', out.ffmpeg] },
  { name: 'raw', cmd: 'gst-launch-1.0', argv: ['-q', '-e', ...rawArgv], env: SHIM_ENV },
  { name: 'ours', cmd: BIN, argv: [...COMPRESS], env: SHIM_ENV },
], runs);

console.log(`# compress: ${seconds} s 1280x720 30 fps H.264+AAC (mandelbrot + sine), --bitrate 2000 --preset medium (median of ${runs} interleaved rounds)`);
console.log(`raw line: gst-launch-1.0 -q -e ${dry.jobs[0].pipeline}`);
console.log(`${''.padEnd(8)} ${'wall s'.padStart(7)} ${'CPU s'.padStart(7)} ${'peak MiB'.padStart(9)} ${'PSNR dB'.padStart(8)} ${'size MB'.padStart(8)}`);
for (const name of ['ours', 'raw', 'ffmpeg']) {
  const m = r.get(name);
  console.log(`${name.padEnd(8)} ${(m.ms / 1000).toFixed(2).padStart(7)} ${(m.cpuMs / 1000).toFixed(2).padStart(7)} ${m.mb.toFixed(0).padStart(9)} ${psnr(out[name]).toFixed(2).padStart(8)} ${(statSync(out[name]).size / 1e6).toFixed(2).padStart(8)}`);
}
printRatios(r, 'ours vs raw gst-launch-1.0 line', 'ours', 'raw', { ms: 1.03, cpuMs: 1.03 });
printRatios(r, 'ours vs ffmpeg -c:v libx264', 'ours', 'ffmpeg', { ms: 1.0, cpuMs: 1.05, mb: 1.15 });
printRatios(r, 'raw gst-launch-1.0 line vs ffmpeg', 'raw', 'ffmpeg');

// --- fixed cost: Node's start → gst-launch-1.0's start ------------------------------------------------------
const NO_CA = { ...SHIM_ENV, NODE_EXTRA_CA_CERTS: '' };
// As on a first run, or after plugins changed: every gst-inspect-1.0 question asked again.
const UNCACHED = { ...NO_CA, LYDLR_GST_NO_CACHE: '1' };
const startup = { withCa: [], noCa: [], uncached: [], nodeWithCa: [], nodeNoCa: [] };
for (let i = 0; i <= 7; i++) {
  const a = await untilLaunch(SHIM_ENV);
  const b = await untilLaunch(NO_CA);
  const e = await untilLaunch(UNCACHED);
  const c = nodeStart(SHIM_ENV);
  const d = nodeStart(NO_CA);
  if (i === 0) continue; // warm-up
  startup.withCa.push(a);
  startup.noCa.push(b);
  startup.uncached.push(e);
  startup.nodeWithCa.push(c);
  startup.nodeNoCa.push(d);
}
console.log(`\n# fixed cost before gst-launch-1.0 starts (spawn of node → gst-launch-1.0 exec; node start-up, our modules, probe, encoder check; gst-inspect answers cached as after any earlier run), median of 7`);
const line = (label, v, goal) => console.log(`${label.padEnd(48)} ${median(v).toFixed(0).padStart(5)} ms   (${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)})${goal ? `   goal ≤ ${goal} ms  ${median(v) <= goal ? 'met' : 'MISSED'}` : ''}`);
if (ENV.NODE_EXTRA_CA_CERTS) line('compress, NODE_EXTRA_CA_CERTS set', startup.withCa, 150);
line('compress, NODE_EXTRA_CA_CERTS unset', startup.noCa, 150);
line('  the same, gst-inspect answers not cached', startup.uncached);
if (ENV.NODE_EXTRA_CA_CERTS) line('  node -e 0, NODE_EXTRA_CA_CERTS set', startup.nodeWithCa);
line('  node -e 0, NODE_EXTRA_CA_CERTS unset', startup.nodeNoCa);

// --- the probe alone ----------------------------------------------------------------------------------------
const { discover } = await import('../dist/gst/discover/discover.js');
const probe = [];
const light = [];
const decoding = [];
for (let i = 0; i <= 7; i++) {
  const t0 = performance.now();
  await discover(src, { env: ENV });
  const t1 = performance.now();
  await discover(src, { env: ENV, lightAudio: true });
  const t2 = performance.now();
  run('gst-discoverer-1.0', ['-v', `file://${encodeURI(src)}`]);
  const t3 = performance.now();
  if (i === 0) continue;
  probe.push(t1 - t0);
  light.push(t2 - t1);
  decoding.push(t3 - t2);
}
console.log(`\n# probe alone (in-process, median of 7)`);
line('our probe (discover(), no video decoded)', probe);
line('  as compress and hls ask it (AAC by faad)', light);
line('gst-discoverer-1.0 -v (decodes a frame per stream)', decoding);

// Spawns compress and resolves with ms from the spawn to gst-launch-1.0's start; then stops it (Ctrl-C).
async function untilLaunch(env) {
  rmSync(stamps, { force: true });
  const started = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
  const t0 = process.hrtime.bigint();
  const child = spawn(BIN, [...COMPRESS], { env, stdio: 'ignore' });
  // The shim writes its line in one go; an empty file is one being created.
  const stampNs = () => { try { const last = readFileSync(stamps, 'utf8').trim().split('\n').pop(); return last ? BigInt(last) : undefined; } catch { return undefined; } };
  let stamp;
  while ((stamp = stampNs()) === undefined) {
    if (child.exitCode !== null) throw new Error(`compress exited ${child.exitCode} before starting gst-launch-1.0`);
    if (process.hrtime.bigint() - t0 > 30_000_000_000n) throw new Error('gst-launch-1.0 did not start within 30 s');
    await new Promise((res) => setTimeout(res, 2));
  }
  child.kill('SIGINT');
  await new Promise((res) => (child.exitCode !== null ? res() : child.once('exit', res)));
  return Number(stamp - started) / 1e6;
}

function nodeStart(env) {
  const t0 = process.hrtime.bigint();
  spawnSync(process.execPath, ['-e', '0'], { env });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

// ffmpeg's psnr filter against the source: the "average" figure.
function psnr(file) {
  const o = spawnSync('ffmpeg', ['-v', 'info', '-i', file, '-i', src, '-lavfi', 'psnr', '-f', 'null', '-'], { env: ENV, encoding: 'utf8' });
  return Number(/average:([\d.]+)/.exec(o.stderr)?.[1]);
}

function run(cmd, argv) {
  const o = spawnSync(cmd, argv, { env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (o.status !== 0) throw new Error(`${cmd} failed: ${o.stderr}`);
  return o.stdout;
}
