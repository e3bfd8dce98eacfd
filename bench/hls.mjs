#!/usr/bin/env node
// hls speed (issue 6).
// VOD: packaging a 10 s 1280x720 30 fps H.264+AAC clip, side by side with
//   ffmpeg -c:v libx264 -preset medium -b:v 2800k -f hls -hls_time 2   (goal ≤ 1.05×)
// (No raw gst-launch-1.0 line beside it: on GStreamer 1.22 hlssink2 pipelines lose their final EOS now and
// then, and a bare gst-launch-1.0 then never exits; our command notices and stops it.)
// Live: time from start to the first playable playlist of a live 720p30 source (goal ≤ segment + 1 s),
// ours from the process spawn to the playlist on disk, next to ffmpeg -re with the same settings.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ENV, argValue, median, ratioLine, sideBySide } from './lib.mjs';

const runs = argValue('--runs', 3);
const liveRuns = argValue('--live-runs', 5);
const SEGMENT = 2;
// A private folder: other bench scripts wipe .bench-out/ when they start.
const dir = mkdtempSync(join(tmpdir(), 'lydlr-bench-hls-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const src = join(dir, 'src 720p.mp4');
const out = (name) => join(dir, name);
const fresh = (name) => () => {
  rmSync(out(name), { recursive: true, force: true });
  mkdirSync(out(name), { recursive: true });
};

// The source: moving test pattern with film-like noise, so 2800 kb/s is a real constraint.
run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
  '-t', '10', '-vf', 'noise=alls=6:allf=t', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '16', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', src]);

// --- VOD -------------------------------------------------------------------------------------------------
const cases = [
  { name: 'ffmpeg', cmd: 'ffmpeg', before: fresh('ffmpeg'), argv: ['-v', 'error', '-y', '-i', src, '-c:v', 'libx264', '-preset', 'medium', '-b:v', '2800k', '-c:a', 'aac', '-b:a', '128k',
    '-f', 'hls', '-hls_time', String(SEGMENT), '-hls_playlist_type', 'vod', '-hls_segment_filename', join(out('ffmpeg'), 'seg%05d.ts'), join(out('ffmpeg'), 'playlist.m3u8')] },
  { name: 'ours', cmd: process.execPath, before: fresh('ours'), argv: [BIN, 'hls', src, '-o', out('ours'), '--bitrate', '2800', '--preset', 'medium', '-t', String(SEGMENT), '--overwrite'] },
];
const vod = sideBySide(cases, runs);
console.log(`# hls VOD: 10 s 1280x720 30 fps H.264+AAC → 2 s MPEG-TS segments, 2800 kb/s, preset medium (median of ${runs}, side by side)`);
console.log(ratioLine('wall time vs ffmpeg -f hls (goal ≤ 1.05)', vod.get('ours').ms, vod.get('ffmpeg').ms));
for (const name of ['ours', 'ffmpeg']) {
  const playlist = readFileSync(join(out(name), 'playlist.m3u8'), 'utf8');
  const durations = [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]).toFixed(2));
  console.log(`${name.padEnd(7)} segments ${durations.join(' ')}   peak memory ${vod.get(name).mb ? `${vod.get(name).mb.toFixed(0)} MB` : 'n/a'}`);
}

// --- live ------------------------------------------------------------------------------------------------
const ours = [];
const ff = [];
for (let i = 0; i <= liveRuns; i++) {
  const a = await firstPlaylist(process.execPath, [BIN, 'hls', 'test', '-o', out('live-ours'), '--overwrite', '-t', String(SEGMENT)], join(out('live-ours'), 'playlist.m3u8'), fresh('live-ours'));
  const b = await firstPlaylist('ffmpeg', ['-v', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=1280x720:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-g', String(30 * SEGMENT), '-b:v', '2800k', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k',
    '-f', 'hls', '-hls_time', String(SEGMENT), '-hls_list_size', '5', join(out('live-ff'), 'playlist.m3u8')], join(out('live-ff'), 'playlist.m3u8'), fresh('live-ff'));
  if (i > 0) {
    ours.push(a);
    ff.push(b);
  }
}
console.log(`\n# hls live: test source 1280x720 30 fps + audio, ${SEGMENT} s segments, spawn → first playable playlist (median of ${liveRuns})`);
console.log(`ours    ${median(ours).toFixed(0)} ms   goal ≤ ${SEGMENT * 1000 + 1000} ms   ${median(ours) <= SEGMENT * 1000 + 1000 ? 'met' : 'MISSED'}   (runs: ${ours.map((v) => v.toFixed(0)).join(', ')})`);
console.log(`ffmpeg  ${median(ff).toFixed(0)} ms   (-re, veryfast zerolatency, same bitrate)`);
console.log(ratioLine('time to first playlist vs ffmpeg -re -f hls', median(ours), median(ff)));

// Spawns a live job and measures until `playlist` exists with at least one segment; then stops it (SIGINT).
async function firstPlaylist(cmd, argv, playlist, before) {
  before();
  const started = process.hrtime.bigint();
  const child = spawn(cmd, argv, { env: ENV, stdio: 'ignore' });
  try {
    for (;;) {
      if (existsSync(playlist) && /#EXTINF/.test(readFileSync(playlist, 'utf8'))) return Number(process.hrtime.bigint() - started) / 1e6;
      if (child.exitCode !== null) throw new Error(`${cmd} exited ${child.exitCode} before writing ${playlist}`);
      if (Number(process.hrtime.bigint() - started) > 30e9) throw new Error(`no playlist from ${cmd} within 30 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
}

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { env: ENV, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
}
