#!/usr/bin/env node
// Which GStreamer settings matter for compress's cost: the raw gst-launch-1.0 line of each variant
// against ffmpeg -c:v libx264 on the same clip, interleaved in one run (medians, spread of the per-round ratio).
// The clip: 6 s 1280x720 30 fps H.264+AAC of detailed moving content (a fractal zoom), audio copied.
import { mkdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { ENV, argValue, sideBySide } from './lib.mjs';

const runs = argValue('--runs', 5);
const seconds = argValue('--seconds', 6);
const dir = new URL('../.bench-out/settings/', import.meta.url).pathname;
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const src = join(dir, 'src.mp4');
spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `mandelbrot=size=1280x720:rate=30`, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
  '-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '128k', src], { stdio: 'inherit' });

const X264 = 'x264enc speed-preset=medium bitrate=2000 pass=cbr vbv-buf-capacity=0';
const CORES = availableParallelism();
const UNLIMITED = 'queue max-size-buffers=0 max-size-bytes=0 max-size-time=0';
// The line compress ran for H.264 input until now (decodebin, a default queue, videoconvert) and variants of it.
const line = (video, x264 = X264) => (out) => `mp4mux name=mux ! filesink location=${out} filesrc location=${src} ! parsebin name=in `
  + `in. ! video/x-h264 ! ${video} ! ${x264} ! h264parse ! ${UNLIMITED} ! mux.video_%u in. ! audio/mpeg,mpegversion=4 ! ${UNLIMITED} ! mux.audio_%u`;
const VARIANTS = {
  'decodebin ! queue ! videoconvert': line('decodebin ! queue ! videoconvert ! video/x-raw,format=I420'),
  'avdec_h264 ! queue max-size-buffers=3': line('avdec_h264 ! queue max-size-buffers=3 ! video/x-raw,format=I420'),
  '  + avdec_h264 max-threads=2': line('avdec_h264 max-threads=2 ! queue max-size-buffers=3 ! video/x-raw,format=I420'),
  '  + avdec_h264 max-threads=1': line('avdec_h264 max-threads=1 ! queue max-size-buffers=3 ! video/x-raw,format=I420'),
  '  + x264enc threads=2': line('avdec_h264 ! queue max-size-buffers=3 ! video/x-raw,format=I420', `${X264} threads=2`),
  // x264's own choice is 1.5 frame threads per core; compress asks 2 (src/jobs/x264-threads.ts), and 3 for comparison.
  [`  + x264enc threads=${2 * CORES} (2 per core)`]: line('avdec_h264 ! queue max-size-buffers=3 ! video/x-raw,format=I420', `${X264} threads=${2 * CORES}`),
  [`  + x264enc threads=${3 * CORES} (3 per core)`]: line('avdec_h264 ! queue max-size-buffers=3 ! video/x-raw,format=I420', `${X264} threads=${3 * CORES}`),
  '  + x264enc sliced-threads=true': line('avdec_h264 ! queue max-size-buffers=3 ! video/x-raw,format=I420', `${X264} sliced-threads=true`),
  // Changes the encode (fewer frames for rate control's look-ahead): memory figure only, see its PSNR.
  '  + x264enc rc-lookahead=20': line('avdec_h264 ! queue max-size-buffers=3 ! video/x-raw,format=I420', `${X264} rc-lookahead=20`),
  [`  + rc-lookahead=20 threads=${2 * CORES} (as compress runs it)`]: line('avdec_h264 ! queue max-size-buffers=3 ! video/x-raw,format=I420', `${X264} rc-lookahead=20 threads=${2 * CORES}`),
};
const outOf = (name) => join(dir, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.mp4`);
const ffmpegArgv = ['-v', 'error', '-y', '-i', src, '-c:v', 'libx264', '-preset', 'medium', '-b:v', '2000k', '-c:a', 'copy', outOf('ffmpeg')];
const names = Object.keys(VARIANTS);
const r = sideBySide([
  { name: 'ffmpeg', cmd: 'ffmpeg', argv: ffmpegArgv },
  ...names.map((name) => ({ name, cmd: 'gst-launch-1.0', argv: ['-q', '-e', ...VARIANTS[name](outOf(name)).split(' ')] })),
], runs);

console.log(`# compress settings: raw gst-launch-1.0 lines vs ffmpeg -c:v libx264 -preset medium -b:v 2000k -c:a copy (${seconds} s 720p30 mandelbrot, median of ${runs} interleaved rounds; range = per-round ratio)`);
const f = r.get('ffmpeg');
console.log(`${'ffmpeg'.padEnd(54)} wall ${(f.ms / 1000).toFixed(2)} s  CPU ${(f.cpuMs / 1000).toFixed(2)} s  peak ${f.mb.toFixed(0)} MiB  PSNR ${psnr(outOf('ffmpeg')).toFixed(2)} dB`);
for (const name of names) {
  const m = r.get(name);
  const cell = (key) => {
    const per = m.samples.map((s, i) => s[key] / f.samples[i][key]);
    return `${(m[key] / f[key]).toFixed(2)}× (${Math.min(...per).toFixed(2)}–${Math.max(...per).toFixed(2)})`;
  };
  console.log(`${name.padEnd(54)} wall ${cell('ms')}  CPU ${cell('cpuMs')}  peak ${m.mb.toFixed(0)} MiB ${cell('mb')}  PSNR ${psnr(outOf(name)).toFixed(2)} dB`);
}

// ffmpeg's psnr filter against the source: the "average" figure.
function psnr(file) {
  const o = spawnSync('ffmpeg', ['-v', 'info', '-i', file, '-i', src, '-lavfi', 'psnr', '-f', 'null', '-'], { env: ENV, encoding: 'utf8' });
  return Number(/average:([\d.]+)/.exec(o.stderr)?.[1]);
}

// --scale: the scaled caps with and without the input's colorimetry (src/pipeline/colorimetry.ts). Unstated,
// GStreamer reads 720p frames as BT.709 and 480p ones as BT.601, and converts every pixel between the two.
const SCALED = 'avdec_h264 ! queue max-size-buffers=3 ! videoscale ! video/x-raw,format=I420,width=854,height=480';
const X264_SCALED = `x264enc speed-preset=medium bitrate=1000 pass=cbr vbv-buf-capacity=0 rc-lookahead=20 threads=${2 * CORES}`;
const SCALE_VARIANTS = {
  '--scale 480p, colorimetry unstated (converted)': line(SCALED, X264_SCALED),
  '--scale 480p, the input\'s colorimetry (as compress runs it)': line(`${SCALED},colorimetry=bt709`, X264_SCALED),
};
const scaleNames = Object.keys(SCALE_VARIANTS);
const ffmpegScaled = ['-v', 'error', '-y', '-i', src, '-vf', 'scale=-2:480', '-c:v', 'libx264', '-preset', 'medium', '-b:v', '1000k', '-c:a', 'copy', outOf('ffmpeg-480p')];
const s = sideBySide([
  { name: 'ffmpeg', cmd: 'ffmpeg', argv: ffmpegScaled },
  ...scaleNames.map((name) => ({ name, cmd: 'gst-launch-1.0', argv: ['-q', '-e', ...SCALE_VARIANTS[name](outOf(name)).split(' ')] })),
], runs);
console.log(`\n# --scale 480p --bitrate 1000: raw lines vs ffmpeg -vf scale=-2:480 -b:v 1000k (median of ${runs} interleaved rounds)`);
const fs480 = s.get('ffmpeg');
console.log(`${'ffmpeg'.padEnd(60)} wall ${(fs480.ms / 1000).toFixed(2)} s  CPU ${(fs480.cpuMs / 1000).toFixed(2)} s  peak ${fs480.mb.toFixed(0)} MiB`);
for (const name of scaleNames) {
  const m = s.get(name);
  console.log(`${name.padEnd(60)} wall ${(m.ms / fs480.ms).toFixed(2)}×  CPU ${(m.cpuMs / fs480.cpuMs).toFixed(2)}×  peak ${m.mb.toFixed(0)} MiB`);
}
