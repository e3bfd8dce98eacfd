#!/usr/bin/env node
// webrtc: page open → first decoded frame on loopback (goal < 2 s), and the helper's CPU with
// 0, 1 and 5 viewers (one shared encode: more viewers cost payloading and SRTP, not encoding),
// and the 50-viewer leak check (helper elements, fds, RSS before and after).
//   node bench/webrtc.mjs [--runs 5] [--seconds 10] [--codec vp8] [--scale 1280x720] [--leak 50]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BIN, ENV, argValue, median } from './lib.mjs';

const { chromium } = createRequire(import.meta.url)('playwright-core');
const stringArg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const RUNS = argValue('--runs', 5);
const SECONDS = argValue('--seconds', 10);
const LEAK = argValue('--leak', 50);
const CODEC = stringArg('--codec', 'vp8');
const SCALE = stringArg('--scale', '1280x720');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const CLK_TCK = 100;

// The CLI serving the test source; its NDJSON events.
function startServer() {
  const child = spawn(BIN, ['--json', 'webrtc', 'test', '--port', '0', '--codec', CODEC, '--scale', SCALE, '--stats-interval', '1'], { env: ENV, stdio: ['ignore', 'pipe', 'inherit'] });
  const events = [];
  const waiters = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const e = JSON.parse(line);
    events.push(e);
    for (const w of [...waiters]) if (w.match(e)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(e);
  });
  const next = (match) => new Promise((resolve) => waiters.push({ match, resolve }));
  return { child, events, next };
}

function helperPid(cliPid) {
  for (const task of readFileSync(`/proc/${cliPid}/task/${cliPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
    if (readFileSync(`/proc/${task}/cmdline`, 'utf8').includes('webrtc_host.py')) return Number(task);
  }
  throw new Error('no helper process');
}

// CPU seconds (user + system) the process has used so far.
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

async function cpuPercent(pid, seconds) {
  const before = cpuSeconds(pid);
  await sleep(seconds * 1000);
  return ((cpuSeconds(pid) - before) / seconds) * 100;
}

const profile = mkdtempSync(join(tmpdir(), 'lydlr-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required'],
});
const server = startServer();
const ready = await server.next((e) => e.type === 'ready');
const helper = helperPid(server.child.pid);
console.log(`webrtc bench: ${CODEC} ${SCALE} test source, ${ready.url}`);

// 1. Page open → first decoded frame (requestVideoFrameCallback, relative to navigation start).
const firstFrames = [];
const walls = [];
for (let i = 0; i <= RUNS; i++) {
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(ready.url);
  await page.waitForFunction(() => window.lydlrViewer?.firstFrameMs !== null, undefined, { timeout: 20_000, polling: 20 });
  const wall = performance.now() - t0;
  const ms = await page.evaluate(() => window.lydlrViewer.firstFrameMs);
  if (i > 0) {
    firstFrames.push(ms);
    walls.push(wall);
  }
  await page.close();
  await sleep(300);
}
console.log(`page open → first decoded frame: median ${median(firstFrames).toFixed(0)} ms (runs ${firstFrames.map((v) => v.toFixed(0)).join(', ')}; wall from goto ${median(walls).toFixed(0)} ms) — goal < 2000 ms`);

// 2. CPU of the helper with 0, 1 and 5 viewers playing the viewer page.
await sleep(1500);
const rows = [];
rows.push(['0 viewers', await cpuPercent(helper, SECONDS)]);
const pages = [];
for (const n of [1, 5]) {
  while (pages.length < n) {
    const page = await context.newPage();
    await page.goto(ready.url);
    await page.waitForFunction(() => (window.lydlrViewer?.stats.framesDecoded ?? 0) > 10, undefined, { timeout: 20_000 });
    pages.push(page);
  }
  await sleep(1000);
  rows.push([`${n} viewer${n > 1 ? 's' : ''}`, await cpuPercent(helper, SECONDS)]);
}
const stats = server.events.filter((e) => e.type === 'stats').at(-1);
for (const [label, pct] of rows) console.log(`helper CPU, ${label.padEnd(10)} ${pct.toFixed(0).padStart(4)} % of one core`);
console.log(`5 vs 1 viewers: ${(rows[2][1] / rows[1][1]).toFixed(2)}× CPU for 5× the viewers; sending ${stats.bitrateKbps} kb/s to ${stats.viewers}`);
await Promise.all(pages.map((p) => p.close()));

// 3. Leak check: viewers joining and leaving one after another (WHEP + DELETE).
const page = await context.newPage(); // its first about:blank: CORS applies (origin null), loopback allowed
const whep = ready.whep;
const oneViewer = () => page.evaluate(async (url) => {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((ok) => { pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && ok(); setTimeout(ok, 2000); });
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
  await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
  for (let i = 0; i < 200; i++) {
    let frames = 0;
    (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames = s.framesDecoded ?? 0; });
    if (frames > 0) break;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  await fetch(new URL(res.headers.get('Location'), url), { method: 'DELETE' });
  pc.close();
}, whep);
const idle = () => server.next((e) => e.type === 'stats' && e.peers === 0);
await sleep(1500);
const before = await idle();
const started = performance.now();
for (let i = 0; i < LEAK; i++) await oneViewer();
const after = await idle();
const mb = (b) => (b / 2 ** 20).toFixed(1);
console.log(`${LEAK} viewers in turn (${((performance.now() - started) / 1000).toFixed(1)} s): elements ${before.elements} → ${after.elements}, fds ${before.fds} → ${after.fds}, RSS ${mb(before.rssBytes)} → ${mb(after.rssBytes)} MB`);

await page.close();
server.child.kill('SIGINT');
await new Promise((r) => server.child.on('exit', r));
await context.close();
rmSync(profile, { recursive: true, force: true });
