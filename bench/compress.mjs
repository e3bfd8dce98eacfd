#!/usr/bin/env node
// compress speed and quality (issue 4): a 10 s 1280x720 30 fps H.264+AAC clip, side by side with
// ffmpeg (libx264, same preset and bitrate) and the best equivalent raw gst-launch-1.0 line.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ENV, argValue, ratioLine, sideBySide } from './lib.mjs';

const runs = argValue('--runs', 3);
const dir = new URL('../.bench-out/', import.meta.url).pathname;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const src = join(dir, 'src 720p.mp4');
const ours = join(dir, 'ours.mp4');
const ff = join(dir, 'ffmpeg.mp4');
const raw = join(dir, 'raw.mp4');

// The source: moving test pattern with film-like noise, so 2000 kb/s is a real constraint.
run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
  '-t', '10', '-vf', 'noise=alls=6:allf=t', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '16', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', src]);

const quoted = (p) => `"${p}"`;
const r = sideBySide([
  { name: 'ffmpeg', cmd: 'ffmpeg', argv: ['-v', 'error', '-y', '-i', src, '-c:v', 'libx264', '-preset', 'medium', '-b:v', '2000k', '-c:a', 'copy', ff] },
  { name: 'raw', cmd: 'gst-launch-1.0', argv: ['-q', '-e', 'filesrc', `location=${quoted(src)}`, '!', 'parsebin', 'name=p', 'p.', '!', 'video/x-h264', '!', 'decodebin', '!', 'queue', '!', 'videoconvert', '!',
    'video/x-raw,format=I420', '!', 'x264enc', 'speed-preset=medium', 'bitrate=2000', 'pass=cbr', 'vbv-buf-capacity=0', '!', 'h264parse', '!', 'queue', 'max-size-buffers=0', 'max-size-bytes=0', 'max-size-time=0', '!', 'mux.video_%u',
    'p.', '!', 'audio/mpeg,mpegversion=4', '!', 'queue', 'max-size-buffers=0', 'max-size-bytes=0', 'max-size-time=0', '!', 'mux.audio_%u', 'mp4mux', 'name=mux', '!', 'filesink', `location=${quoted(raw)}`] },
  { name: 'ours', cmd: process.execPath, argv: [BIN, 'compress', src, ours, '--codec', 'h264', '--bitrate', '2000', '--preset', 'medium', '--overwrite'] },
], runs);

console.log(`# compress: 10 s 1280x720 30 fps H.264+AAC, --bitrate 2000 --preset medium (median of ${runs}, side by side)`);
console.log(ratioLine('wall time vs ffmpeg -c:v libx264 (goal ≤ 1.05)', r.get('ours').ms, r.get('ffmpeg').ms));
console.log(ratioLine('wall time vs raw gst-launch-1.0 line (goal ≤ 1.03)', r.get('ours').ms, r.get('raw').ms));
for (const [name, file] of [['ours', ours], ['ffmpeg', ff], ['raw', raw]]) {
  const mb = r.get(name).mb;
  console.log(`${name.padEnd(7)} PSNR ${psnr(file).toFixed(2)} dB   size ${(statSync(file).size / 1e6).toFixed(2)} MB   peak memory ${mb ? `${mb.toFixed(0)} MB` : 'n/a'}`);
}

// ffmpeg's psnr filter against the source: the "average" figure.
function psnr(file) {
  const out = spawnSync('ffmpeg', ['-v', 'info', '-i', file, '-i', src, '-lavfi', 'psnr', '-f', 'null', '-'], { env: ENV, encoding: 'utf8' });
  return Number(/average:([\d.]+)/.exec(out.stderr)?.[1]);
}

function run(cmd, argv) {
  const out = spawnSync(cmd, argv, { env: ENV, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${cmd} failed: ${out.stderr}`);
}
