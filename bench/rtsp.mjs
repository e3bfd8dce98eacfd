#!/usr/bin/env node
// rtsp (issue 7): time from the ready event to the first decoded frame at a client (goal < 1 s),
// cold (the first client builds the shared media) and warm (joining it); and the RTSP host's CPU
// with 1 vs 10 clients (one shared encode: goal near equal).
//   node bench/rtsp.mjs [--runs 5] [--seconds 10] [--scale 1280x720]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { BIN, ENV, argValue, median } from './lib.mjs';

const RUNS = argValue('--runs', 5);
const SECONDS = argValue('--seconds', 10);
const SCALE = process.argv.includes('--scale') ? process.argv[process.argv.indexOf('--scale') + 1] : '1280x720';
const CLK_TCK = 100;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The CLI serving the test source (720p30 H.264, the defaults); resolves with its URL and helper pid.
async function startServer() {
  const child = spawn(BIN, ['--json', 'rtsp', 'test', '--port', '0', '--scale', SCALE, '--stats-interval', '0'], { env: ENV, stdio: ['ignore', 'pipe', 'ignore'] });
  const ready = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const e = JSON.parse(line);
      if (e.type === 'ready') resolve(e);
    });
    child.once('exit', (code) => reject(new Error(`rtsp exited ${code} before ready`)));
  });
  const readyAt = performance.now();
  return { child, url: ready.url, readyAt, helper: helperPid(child.pid) };
}

async function stopServer(server) {
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGINT');
  await exited;
}

function helperPid(cliPid) {
  const children = readFileSync(`/proc/${cliPid}/task/${cliPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return Number(children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('rtsp_host.py')));
}

// A gst-launch client; resolves ms from `from` to its first decoded frame, then ends it.
function firstFrame(url, from, { latency = 200, protocols = 'udp' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn('gst-launch-1.0', ['-v', 'rtspsrc', `location=${url}`, `protocols=${protocols}`, `latency=${latency}`, '!', 'decodebin', '!', 'video/x-raw', '!', 'fakesink', 'silent=false', 'num-buffers=1'], { env: ENV, stdio: ['ignore', 'pipe', 'ignore'] });
    let done = false;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (done || !line.includes('last-message = chain')) return;
      done = true;
      resolve(performance.now() - from);
      child.kill('SIGKILL');
    });
    child.once('exit', () => done || reject(new Error('client exited without a frame')));
  });
}

// Plain rtspsrc ! fakesink viewers (no decoding, so only the host's work is measured).
function viewers(url, n, protocols) {
  return Array.from({ length: n }, () => spawn('gst-launch-1.0', ['-q', 'rtspsrc', `location=${url}`, `protocols=${protocols}`, '!', 'fakesink'], { env: ENV, stdio: 'ignore' }));
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

async function helperCpu(server, n, protocols) {
  const clients = viewers(server.url, n, protocols);
  await sleep(3000);
  const t0 = cpuTicks(server.helper);
  const w0 = performance.now();
  await sleep(SECONDS * 1000);
  const percent = ((cpuTicks(server.helper) - t0) / CLK_TCK / ((performance.now() - w0) / 1000)) * 100;
  for (const c of clients) c.kill('SIGINT');
  await sleep(1000);
  return percent;
}

const cold = [];
const warm = [];
const coldDefault = [];
for (let i = 0; i < RUNS; i++) {
  const server = await startServer();
  cold.push(await firstFrame(server.url, server.readyAt));
  const keep = viewers(server.url, 1, 'udp');
  await sleep(1500);
  warm.push(await firstFrame(server.url, performance.now()));
  for (const c of keep) c.kill('SIGINT');
  await stopServer(server);
  const again = await startServer();
  coldDefault.push(await firstFrame(again.url, again.readyAt, { latency: 2000 }));
  await stopServer(again);
}
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`# rtsp: test source ${SCALE} 30 fps, H.264 veryfast zerolatency, 1 s keyframes (median of ${RUNS}; min–max)`);
console.log(`ready → first decoded frame, first client (rtspsrc latency=200)   ${fmt(median(cold))}   (${fmt(Math.min(...cold))}–${fmt(Math.max(...cold))})   goal < 1 s`);
console.log(`client start → first decoded frame, joining a running mount       ${fmt(median(warm))}   (${fmt(Math.min(...warm))}–${fmt(Math.max(...warm))})`);
console.log(`ready → first decoded frame, rtspsrc default latency=2000         ${fmt(median(coldDefault))}   (${fmt(Math.min(...coldDefault))}–${fmt(Math.max(...coldDefault))})`);

const server = await startServer();
await firstFrame(server.url, performance.now()); // the shared media exists before measuring
for (const protocols of ['udp', 'tcp']) {
  const one = await helperCpu(server, 1, protocols);
  const ten = await helperCpu(server, 10, protocols);
  console.log(`host CPU over ${SECONDS} s (${protocols}): 1 client ${one.toFixed(0)}% · 10 clients ${ten.toFixed(0)}% of one core   (×${(ten / one).toFixed(2)})`);
}
await stopServer(server);
