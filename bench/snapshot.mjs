#!/usr/bin/env node
// snapshot and thumbnails speed (issue 16), on a 60 s 1280x720 30 fps H.264 fractal zoom (GOP 2 s).
// snapshot --at 55: ours (preroll + accurate seek in the helper) next to ffmpeg -ss 55 (its input seek,
// also decoding from the keyframe before) and what a gst-launch-1.0 line without a seek costs: every
// frame decoded and JPEG-encoded, only the last file kept (an upper bound: it also encodes every frame).
// thumbnails --every 10s: ours (one decode pass) next to ffmpeg -vf fps=1/10,scale=160:-2.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, argValue, ratioLine, sideBySide } from './lib.mjs';

const runs = argValue('--runs', 3);
const dir = mkdtempSync(join(tmpdir(), 'lydlr-bench-snapshot-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const src = join(dir, 'fractal 720p.mp4');
const made = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'mandelbrot=size=1280x720:rate=30', '-t', '60', '-c:v', 'libx264',
  '-preset', 'ultrafast', '-crf', '20', '-g', '60', '-pix_fmt', 'yuv420p', src], { stdio: 'inherit' });
if (made.status !== 0) process.exit(1);
const clean = (...names) => () => names.forEach((n) => rmSync(join(dir, n), { recursive: true, force: true }));

const shots = sideBySide([
  { name: 'ours', cmd: BIN, argv: ['snapshot', src, join(dir, 'ours.jpg'), '--at', '55'], before: clean('ours.jpg') },
  { name: 'ffmpeg', cmd: 'ffmpeg', argv: ['-v', 'error', '-y', '-ss', '55', '-i', src, '-frames:v', '1', join(dir, 'ffmpeg.jpg')] },
  { name: 'from start', cmd: 'gst-launch-1.0', argv: ['-q', 'filesrc', `location=${src}`, '!', 'decodebin', '!',
    'videoconvert', '!', 'jpegenc', 'snapshot=false', '!', 'multifilesink', `location=${join(dir, 'all-%05d.jpg')}`, 'max-files=1'] },
], runs);
console.log(`snapshot --at 55 of a 60 s 720p30 clip (medians of ${runs})`);
console.log(ratioLine('ours vs ffmpeg -ss 55', shots.get('ours').ms, shots.get('ffmpeg').ms));
console.log(ratioLine('ours vs decoding from the start (gst-launch, no seek)', shots.get('ours').ms, shots.get('from start').ms));

const thumbs = sideBySide([
  { name: 'ours', cmd: BIN, argv: ['thumbnails', src, '-o', join(dir, 'ours'), '--every', '10s', '--overwrite'] },
  { name: 'ffmpeg', cmd: 'ffmpeg', argv: ['-v', 'error', '-y', '-i', src, '-vf', 'fps=1/10,scale=160:-2', join(dir, 'ff-%04d.jpg')] },
], runs);
console.log(ratioLine('thumbnails --every 10s: ours vs ffmpeg -vf fps=1/10', thumbs.get('ours').ms, thumbs.get('ffmpeg').ms));
