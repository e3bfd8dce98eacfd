#!/usr/bin/env node
// queue add --chunk: the wall time of a chunked encode with 1, 2 and 4 workers (concurrency 1 each) on
// this machine, against one `compress` of the same file, and what its parts predict for N machines.
// The input: a mandelbrot zoom, 640x360 30 fps, H.264 (libx264 ultrafast, a keyframe every 2 s) + AAC.
// Workers are started before the clock starts (they are long-running); the clock covers `queue add`
// to the join's completion as a worker reports it. A real redis-server on a free port; compress defaults.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ENV, argValue, median, timeOnce } from './lib.mjs';

const seconds = argValue('--seconds', 48);
const chunk = argValue('--chunk', 6);
const runs = argValue('--runs', 1);
const counts = [1, 2, 4];
const dir = new URL('../.bench-out/chunk/', import.meta.url).pathname;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const src = join(dir, 'mandelbrot.mp4');
run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'mandelbrot=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
  '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '60', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ac', '2', src]);

const port = await freePort();
const redisDir = join(dir, 'redis');
mkdirSync(redisDir);
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', redisDir], { stdio: 'ignore' });
const url = `redis://127.0.0.1:${port}`;
await until(() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG');

const single = [];
const chunked = new Map(counts.map((n) => [n, []]));
try {
  // Round-robin, so load from elsewhere on the machine drifts over every case alike.
  for (let round = 0; round < runs; round++) {
    const out = join(dir, `single-${round}.mp4`);
    single.push(timeOnce(BIN, ['compress', src, out, '--overwrite']).ms / 1000);
    for (const n of counts) chunked.get(n).push(await chunkedRun(n, `r${round}-w${n}`));
  }
} finally {
  redis.kill('SIGTERM');
}

const report = (label, s) => console.log(`${label.padEnd(40)} ${s.toFixed(1).padStart(7)} s`);
console.log(`# queue add --chunk ${chunk}s: ${seconds} s 640x360 30 fps mandelbrot H.264+AAC, compress defaults (H.264 medium, level 0.3); median of ${runs} round(s); ${spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()} cores, load ${loadAverage()}`);
report('compress (one process)', median(single));
for (const n of counts) report(`queue --chunk, ${n} worker${n > 1 ? 's' : ''} on this machine`, median(chunked.get(n).map((r) => r.wall)));
const parts = chunked.get(1)[0];
console.log(`parts with 1 worker: split ${parts.split.toFixed(1)} s, audio ${parts.audio.toFixed(1)} s, ${parts.chunks.length} chunk encodes ${sum(parts.chunks).toFixed(1)} s (${(sum(parts.chunks) / parts.chunks.length).toFixed(1)} s each), join ${parts.join.toFixed(1)} s, queue and process starts ${(parts.wall - parts.split - parts.audio - sum(parts.chunks) - parts.join).toFixed(1)} s`);
// N machines like this one, a worker each: the split and join stay serial, the chunks spread over N.
const overhead = (parts.wall - parts.split - parts.audio - sum(parts.chunks) - parts.join) / (parts.chunks.length + 3);
for (const machines of [...new Set([2, 4, 8, parts.chunks.length])]) {
  const rounds = Math.ceil(parts.chunks.length / machines);
  const chunkPart = rounds * (sum(parts.chunks) / parts.chunks.length + overhead);
  const predicted = parts.split + Math.max(parts.audio + overhead, chunkPart) + parts.join + 2 * overhead;
  report(`predicted, ${machines} machines`, predicted);
}

// One chunked encode with n workers: wall time, and each step's own time from its result.
async function chunkedRun(n, queue) {
  const outDir = join(dir, queue);
  mkdirSync(outDir);
  const workers = Array.from({ length: n }, () => startWorker(queue));
  await Promise.all(workers.map((w) => w.ready));
  const started = performance.now();
  run(BIN, ['queue', 'add', src, '--output-dir', outDir, '--chunk', `${chunk}s`, '--redis', url, '--queue', queue]);
  const joined = await Promise.race(workers.map((w) => w.joined));
  const wall = (performance.now() - started) / 1000;
  for (const w of workers) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
  if (!existsSync(join(outDir, 'mandelbrot.mp4'))) throw new Error(`no output in ${outDir}`);
  const done = workers.flatMap((w) => w.completed);
  const of = (kind) => done.filter((e) => e.kind === kind).map((e) => e.result?.wallSeconds ?? 0);
  return { wall, split: sum(of('chunk split')), audio: sum(of('chunk audio')), chunks: of('compress'), join: joined.result?.wallSeconds ?? 0 };
}

function startWorker(queue) {
  const child = spawn(BIN, ['--json', 'worker', '--redis', url, '--queue', queue], { env: ENV, stdio: ['ignore', 'pipe', 'ignore'] });
  const completed = [];
  let rest = '';
  let ready;
  let joined;
  const w = { child, completed, ready: new Promise((r) => (ready = r)), joined: new Promise((r) => (joined = r)), exited: new Promise((r) => child.on('exit', r)) };
  child.stdout.on('data', (data) => {
    const lines = (rest + data).split('\n');
    rest = lines.pop();
    for (const line of lines.filter(Boolean)) {
      const e = JSON.parse(line);
      if (e.type === 'ready') ready();
      if (e.type === 'queue-job' && e.state === 'completed') {
        completed.push(e);
        if (e.kind === 'chunk join') joined(e);
      }
    }
  });
  return w;
}

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { env: ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function until(check) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
}

function loadAverage() {
  return spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ').slice(0, 3).join(' ');
}

function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}
