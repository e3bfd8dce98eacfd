#!/usr/bin/env node
// hls latency (the LL-HLS issue): how far behind the wall clock hls.js (lowLatencyMode: true, the preview page's
// default) plays a live test source served by --serve, in headless Chromium:
//   LL-HLS        hls test --format fmp4 --low-latency --part-duration 0.5 --serve 0   (goal ≤ 3 s)
//   MPEG-TS live  hls test --serve 0 (2 s segments)                                       (expected ≥ 6 s)
// Latency = the wall clock now − the wall-clock time at which the frame on screen was captured. The test source
// is live, so media time 0 is the moment its pipeline went to PLAYING (the state-changed event, read as it
// arrives); a frame at media time m was captured then + m. LL-HLS: hls.js's playingDate, from the
// EXT-X-PROGRAM-DATE-TIME the job writes on that same basis. MPEG-TS has no dates: segment n starts at media time
// n × 2 s (a keyframe every 60 frames at 30 fps, one per segment), plus how far into it playback is; the LL-HLS
// runs print that estimate too (2 s segments as well), as a check that the two agree.
// Each run starts the job, waits until its window is full (a viewer joining a running stream: 10 s), opens
// the preview page, lets playback settle 6 s, then samples every 0.5 s for 6 s (median). Runs alternate
// between the two cases, so load drifts hit both alike. --runs N (3). Each run's line (stderr) adds hls.js's own
// latency estimate (hls.latency: behind the playlist's live edge) and its target (hls.targetLatency: PART-HOLD-BACK
// for LL-HLS, 3 target durations otherwise); hls.js does not speed up to reach it (maxLiveSyncPlaybackRate 1).
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BIN, ENV, argValue, median } from './lib.mjs';

const runs = argValue('--runs', 3);
const SEGMENT = 2;
const JOIN_AFTER_MS = 10_000;
const SETTLE_MS = 6_000;
const SAMPLES = 12;
const dir = mkdtempSync(join(tmpdir(), 'lydlr-bench-hls-latency-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const cases = [
  { name: 'LL-HLS (fmp4, 0.5 s parts)', goal: (s) => `goal ≤ 3 s ${s <= 3 ? 'met' : 'MISSED'}`, args: ['--format', 'fmp4', '--low-latency', '--part-duration', '0.5'] },
  { name: 'MPEG-TS live (2 s segments)', goal: (s) => `expected ≥ 6 s ${s >= 6 ? 'yes' : 'NO'}`, args: [] },
];
const results = new Map(cases.map((c) => [c.name, { latency: [], bySequence: [] }]));

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'] });
try {
  for (let round = 0; round < runs; round++) {
    for (const c of cases) {
      const r = await measure(c, round);
      results.get(c.name).latency.push(r.latency);
      if (r.bySequence !== undefined) results.get(c.name).bySequence.push(r.bySequence);
      const bySequence = r.bySequence !== undefined && r.latency !== r.bySequence ? `, by sequence number ${r.bySequence.toFixed(2)} s` : '';
      console.error(`  run ${round + 1} ${c.name}: ${r.latency.toFixed(2)} s${bySequence}; hls.js's own estimate ${r.player.toFixed(2)} s behind the live edge, its target ${r.target.toFixed(2)} s`);
    }
  }
} finally {
  await browser.close();
}

console.log(`# hls live latency: hls.js ${await hlsJsVersion()} (lowLatencyMode) in headless Chromium behind the wall clock, test source 1280x720 30 fps + audio (median of ${runs} runs, each the median of ${SAMPLES} samples)`);
for (const c of cases) {
  const r = results.get(c.name);
  const runsText = r.latency.map((v) => v.toFixed(2)).join(', ');
  const check = c.args.length > 0 && r.bySequence.length > 0 ? `   by sequence number: ${median(r.bySequence).toFixed(2)} s` : '';
  console.log(`${c.name.padEnd(30)} ${median(r.latency).toFixed(2)} s   ${c.goal(median(r.latency))}   (runs: ${runsText})${check}`);
}

// One run of one case: the job, the page, the samples.
async function measure(c, round) {
  const out = join(dir, `${round}-${c.args.length > 0 ? 'll' : 'ts'}`);
  const child = spawn(BIN, ['--json', 'hls', 'test', '-o', out, '--serve', '0', ...c.args], { env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const started = Date.now();
  const events = ndjson(child);
  try {
    const playing = await events.next((e) => e.type === 'state-changed' && e.isPipeline && e.newState === 'playing');
    const clockZero = playing.receivedAt;
    const ready = await events.next((e) => e.type === 'ready');
    await sleep(JOIN_AFTER_MS - (Date.now() - started));
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      await tab.goto(String(ready.page));
      await tab.waitForFunction(() => document.querySelector('video').currentTime > 0, undefined, { timeout: 60_000, polling: 100 });
      await sleep(SETTLE_MS);
      const latency = [];
      const bySequence = [];
      const player = [];
      let target;
      for (let i = 0; i < SAMPLES; i++) {
        const s = await tab.evaluate(sample);
        if (s.errors.length > 0) throw new Error(`hls.js: ${s.errors.join('; ')}`);
        const sequence = s.sn !== null ? (s.now - (clockZero + (s.sn * SEGMENT + s.into) * 1000)) / 1000 : undefined;
        if (sequence !== undefined) bySequence.push(sequence);
        latency.push(s.playingDate !== null ? (s.now - s.playingDate) / 1000 : sequence);
        player.push(s.edge);
        target = s.target;
        await sleep(500);
      }
      if (latency.some((v) => v === undefined)) throw new Error(`${c.name}: no frame position (no playing date, no fragment at the playhead)`);
      return { latency: median(latency), bySequence: bySequence.length > 0 ? median(bySequence) : undefined, player: median(player), target };
    } finally {
      await context.close();
    }
  } catch (error) {
    throw new Error(`${c.name}: ${error.message}\n${stderr.slice(-1000)}`);
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
  }
}

// In the page: the playhead, hls.js's playing date, the segment being played (sequence number, offset into it),
// and hls.js's own view: how far behind the live edge it thinks it is, and where it aims to be.
function sample() {
  const video = document.querySelector('video');
  const hls = window.hls;
  const t = video.currentTime;
  const details = hls.levels[Math.max(0, hls.currentLevel)]?.details;
  const frag = details?.fragments.find((f) => f.start <= t && t < f.start + f.duration);
  return { now: Date.now(), playingDate: hls.playingDate ? hls.playingDate.getTime() : null, sn: frag ? frag.sn : null, into: frag ? t - frag.start : null, errors: window.lydlrPreview.errors,
    edge: hls.latency, target: hls.targetLatency };
}

// The child's --json events, each stamped with the wall clock at which it arrived; next() awaits a match.
function ndjson(child) {
  const seen = [];
  const waiting = new Set();
  let rest = '';
  child.stdout.on('data', (chunk) => {
    const receivedAt = Date.now();
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) {
      try {
        seen.push({ ...JSON.parse(line), receivedAt });
      } catch {
        // Not an event.
      }
    }
    for (const check of waiting) check();
  });
  return {
    next: (match) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(new Error('timed out waiting for an event'))), 60_000);
      const finish = (then) => {
        clearTimeout(timer);
        waiting.delete(check);
        child.off('exit', onExit);
        then();
      };
      const check = () => {
        const event = seen.find(match);
        if (event) finish(() => resolve(event));
      };
      const onExit = (code) => finish(() => reject(new Error(`the job exited (${code}) first`)));
      child.once('exit', onExit);
      waiting.add(check);
      check();
    }),
  };
}

async function hlsJsVersion() {
  const { createRequire } = await import('node:module');
  return createRequire(import.meta.url)('hls.js/package.json').version;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
