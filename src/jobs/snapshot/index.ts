// snapshot: one still picture (jpg, png, webp) from a file at a time, or from a live source now.
import { DECODE, need } from '../../health/needs.js';
import { defineJob } from '../spec.js';
import { wholeNumber } from '../flags.js';
import { durationFlag, timeFlag } from '../units.js';
import type { SnapshotOptionsInput } from './options.js';

/** The parsed command line (types only: no zod loads for --help). */
export type SnapshotFlags = Omit<SnapshotOptionsInput, 'input' | 'output'> & { dryRun?: boolean };

export const snapshot = defineJob({
  command: ['snapshot'],
  summary: 'one picture (jpg, png, webp) from a file at a given time, or from a live source (test, rtsp://, camera)',
  args: [
    { name: 'input', required: true, help: 'a file, test[:PATTERN], /dev/videoN or an rtsp:// (or other) URI' },
    { name: 'output', required: true, help: 'the picture: .jpg, .jpeg, .png or .webp' },
  ],
  flags: [
    { flags: '--at <time>', help: 'time in a file: 12.5, 90s, 00:01:02 (default: the first frame); the exact frame, decoded from the keyframe before it', parse: timeFlag('--at') },
    { flags: '--fast', help: 'the keyframe at or before --at instead of the exact frame: one frame decoded, however long the GOP' },
    { flags: '-W, --width <px>', help: 'picture width; alone, the height follows the aspect ratio', parse: wholeNumber('--width', 16) },
    { flags: '-H, --height <px>', help: 'picture height; alone, the width follows; with --width the picture fits inside, with borders', parse: wholeNumber('--height', 16) },
    { flags: '-y, --overwrite', help: 'replace an existing output' },
    { flags: '--timeout <duration>', help: 'how long a source may take to deliver a picture (default 20s)', parse: durationFlag('--timeout'), default: 20 },
    { flags: '--dry-run', help: 'print the pipeline, run nothing' },
  ],
  help: `
Examples:
  $ lydlr-gst snapshot talk.mp4 poster.jpg --at 00:01:02
  $ lydlr-gst snapshot talk.mp4 thumb.webp --at 12.5 --width 320
  $ lydlr-gst snapshot long-gop.mp4 preview.jpg --at 7 --fast     # the picture of the keyframe at or before 7 s
  $ lydlr-gst snapshot rtsp://cam.local/stream now.png --json
  $ lydlr-gst snapshot test:ball ball.jpg --width 640 --height 640

A file is opened, seeked to --at and decoded from the keyframe before it, so a picture costs about one GOP
of decoding wherever it is; --fast takes the keyframe at or before --at instead (its picture, its time
in the result), which costs one decoded frame. A live source (rtsp://, /dev/videoN, test) gives its first decoded picture.
The picture is written under a hidden name and renamed when complete; an existing file is kept unless
--overwrite.`,
  requires: {
    elements: [...DECODE, need('still pictures', ['appsink', 'jpegenc', 'pngenc'])],
    python: ['Gst', 'GstVideo'],
  },
  api: { kind: 'snapshot', path: '/pipeline/snapshot/', tag: 'pipelines', body: async () => (await import('./api.js')).snapshotApi,
    summary: 'One picture from a file at a time or from a live source; answers with the result: `lydlr-gst snapshot`' },
  load: async () => (await import('./entry.js')).runSnapshot,
});
