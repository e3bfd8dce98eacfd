#!/usr/bin/env node
// snapshot --at vs --at --fast on a long GOP: a 20 s 1280x720 25 fps H.264 clip with a keyframe every
// 10 s (at 0 and 10). --at 9.9 accurate decodes the 248 frames from the keyframe at 0; --fast decodes
// the keyframe at 0 only. Both are whole CLI runs (Node start, probe, Python start-up included).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, argValue, ratioLine, sideBySide } from './lib.mjs';

const runs = argValue('--runs', 3);
const dir = mkdtempSync(join(tmpdir(), 'lydlr-bench-snapshot-fast-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const src = join(dir, 'gop 10s 720p.mp4');
const made = spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'mandelbrot=size=1280x720:rate=25', '-t', '20', '-c:v', 'libx264',
  '-preset', 'veryfast', '-crf', '20', '-g', '250', '-keyint_min', '250', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', src], { stdio: 'inherit' });
if (made.status !== 0) process.exit(1);

// `first` (the frame at 0, no seek) is the floor: what a snapshot costs besides decoding.
const shot = (name, at, extra = []) => ({ name, cmd: BIN, argv: ['snapshot', src, join(dir, `${name}.jpg`), '--at', at, '--overwrite', ...extra] });
const t = sideBySide([shot('accurate', '9.9'), shot('fast', '9.9', ['--fast']), shot('first', '0')], runs);
console.log(`snapshot of a 20 s 720p25 clip, GOP 10 s (medians of ${runs})`);
for (const name of ['accurate', 'fast', 'first']) console.log(`  ${name.padEnd(10)} ${t.get(name).ms.toFixed(0)} ms wall, ${t.get(name).cpuMs?.toFixed(0) ?? '?'} ms CPU`);
console.log(ratioLine('--at 9.9 --fast vs --at 9.9 (accurate)', t.get('fast').ms, t.get('accurate').ms));
