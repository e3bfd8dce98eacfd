#!/usr/bin/env node
// hls speed and memory (issues 6 and 15), side by side with ffmpeg in one run (interleaved rounds, medians):
// VOD: a 6 s 1280x720 30 fps H.264+AAC clip of detailed moving content (a fractal zoom with a tone,
//   made once) → 2 s MPEG-TS segments at 2000 kb/s, preset medium, AAC 128 kb/s, against
//   ffmpeg -c:v libx264 -preset medium -b:v 2000k -g 60 -sc_threshold 0 -c:a aac -b:a 128k -f hls -hls_time 2;
// ladder: --ladder 720p@2000,480p@1000,360p@600 (one decode, three encodes) against one ffmpeg with
//   split + scale and three outputs through -var_stream_map (each rendition with its audio, as ours).
// Goals: CPU ≤ 1.05×, wall ≤ 1.0×, peak memory ≤ 1.15×. No raw gst-launch-1.0 line beside them: on
// GStreamer 1.22 hlssink2 pipelines lose their final EOS now and then, and a bare gst-launch-1.0 then
// never exits; our command notices and stops it.
// Live: time from start to the first playable playlist of a live 720p30 source (goal ≤ segment + 1 s),
// ours from the process spawn to the playlist on disk, next to ffmpeg -re with the same settings.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ENV, argValue, median, printCases, printRatios, ratioLine, sideBySide } from './lib.mjs';

const runs = argValue('--runs', 5);
const liveRuns = argValue('--live-runs', 5);
const seconds = argValue('--seconds', 6);
const SEGMENT = 2;
const GOP = 30 * SEGMENT;
// A private folder: other bench scripts wipe .bench-out/ when they start.
const dir = mkdtempSync(join(tmpdir(), 'lydlr-bench-hls-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const src = join(dir, 'src 720p.mp4');
const out = (name) => join(dir, name);
const fresh = (name) => () => {
  rmSync(out(name), { recursive: true, force: true });
  mkdirSync(out(name), { recursive: true });
};

run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'mandelbrot=size=1280x720:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
  '-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', src]);

// ffmpeg's side of our x264enc settings: key-int-max=GOP without scene-cut keyframes, ABR without a VBV cap.
const FF_VIDEO = ['-c:v', 'libx264', '-preset', 'medium', '-g', String(GOP), '-keyint_min', String(GOP), '-sc_threshold', '0'];
const FF_AUDIO = ['-c:a', 'aac', '-b:a', '128k'];
const FF_HLS = ['-f', 'hls', '-hls_time', String(SEGMENT), '-hls_playlist_type', 'vod'];
const LADDER = [{ name: '720p', h: 720, kbps: 2000 }, { name: '480p', h: 480, kbps: 1000 }, { name: '360p', h: 360, kbps: 600 }];

// --- VOD and ladder ---------------------------------------------------------------------------------------
const split = `[0:v]split=${LADDER.length}${LADDER.map((_, i) => `[s${i}]`).join('')};${LADDER.map((l, i) => `[s${i}]scale=-2:${l.h}[v${i}]`).join(';')}`;
const r = sideBySide([
  { name: 'ffmpeg', cmd: 'ffmpeg', before: fresh('ffmpeg'), argv: ['-v', 'error', '-y', '-i', src, ...FF_VIDEO, '-b:v', '2000k', ...FF_AUDIO, ...FF_HLS,
    '-hls_segment_filename', join(out('ffmpeg'), 'seg%05d.ts'), join(out('ffmpeg'), 'playlist.m3u8')] },
  { name: 'ours', cmd: BIN, before: fresh('ours'), argv: ['hls', src, '-o', out('ours'), '--bitrate', '2000', '--preset', 'medium', '-t', String(SEGMENT), '--overwrite'] },
  { name: 'ffmpeg ladder', cmd: 'ffmpeg', before: fresh('ffmpeg-ladder'), argv: ['-v', 'error', '-y', '-i', src, '-filter_complex', split,
    ...LADDER.flatMap((_, i) => ['-map', `[v${i}]`, '-map', '0:a']), ...FF_VIDEO, ...LADDER.flatMap((l, i) => [`-b:v:${i}`, `${l.kbps}k`]), ...FF_AUDIO, ...FF_HLS,
    '-var_stream_map', LADDER.map((l, i) => `v:${i},a:${i},name:${l.name}`).join(' '), '-master_pl_name', 'master.m3u8',
    '-hls_segment_filename', join(out('ffmpeg-ladder'), '%v', 'seg%05d.ts'), join(out('ffmpeg-ladder'), '%v', 'playlist.m3u8')] },
  { name: 'ours ladder', cmd: BIN, before: fresh('ours-ladder'), argv: ['hls', src, '-o', out('ours-ladder'), '--ladder', LADDER.map((l) => `${l.name}@${l.kbps}`).join(','),
    '--preset', 'medium', '-t', String(SEGMENT), '--overwrite'] },
], runs);
console.log(`# hls VOD: ${seconds} s 1280x720 30 fps H.264+AAC (mandelbrot + sine) → ${SEGMENT} s MPEG-TS segments, preset medium, AAC 128 kb/s (median of ${runs} interleaved rounds)`);
console.log(`#   single: 2000 kb/s; ladder: ${LADDER.map((l) => `${l.name}@${l.kbps}`).join(',')} (ffmpeg: split + scale, -var_stream_map)`);
printCases(r, ['ours', 'ffmpeg', 'ours ladder', 'ffmpeg ladder']);
printRatios(r, 'hls VOD vs ffmpeg -f hls', 'ours', 'ffmpeg', { ms: 1.0, cpuMs: 1.05, mb: 1.15 });
printRatios(r, 'hls --ladder (3 renditions) vs ffmpeg split -f hls', 'ours ladder', 'ffmpeg ladder', { ms: 1.0, cpuMs: 1.05, mb: 1.15 });
for (const [name, playlist] of [['ours', 'playlist.m3u8'], ['ffmpeg', 'playlist.m3u8'], ['ours-ladder', '720p/playlist.m3u8'], ['ffmpeg-ladder', '720p/playlist.m3u8']]) {
  const durations = [...readFileSync(join(out(name), playlist), 'utf8').matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]).toFixed(2));
  console.log(`${name.padEnd(14)} ${playlist.padEnd(19)} segments ${durations.join(' ')}`);
}

// --- live (skipped with --vod-only) -----------------------------------------------------------------------
if (!process.argv.includes('--vod-only')) await live();

async function live() {
  const ours = [];
  const ff = [];
  for (let i = 0; i <= liveRuns; i++) {
    const a = await firstPlaylist(BIN, ['hls', 'test', '-o', out('live-ours'), '--overwrite', '-t', String(SEGMENT)], join(out('live-ours'), 'playlist.m3u8'), fresh('live-ours'));
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
}

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
