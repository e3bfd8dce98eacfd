// thumbnails: pictures of a file at regular times, separate or as sprite sheets, with a WebVTT index.
import { DECODE, need } from '../../health/needs.js';
import { defineJob } from '../spec.js';
import { GRAPH_FLAGS } from '../graph-flags.js';
import { positiveInteger, wholeNumber } from '../flags.js';
import { durationFlag } from '../units.js';
import { THUMBNAIL_FORMATS } from './formats.js';
import type { ThumbnailsOptionsInput } from './options.js';
import { DEFAULT_COLUMNS, gridFlag } from './sheet-grid.js';

/** The parsed command line (types only: no zod loads for --help). */
export type ThumbnailsFlags = Omit<ThumbnailsOptionsInput, 'input'> & { dryRun?: boolean };

export const thumbnails = defineJob({
  command: ['thumbnails'],
  summary: 'thumbnails of a file every N seconds, separate or as sprite sheets with a WebVTT index (one decode)',
  args: [{ name: 'input', required: true, help: 'the video file' }],
  flags: [
    { flags: '-o, --output-dir <dir>', help: 'folder for the pictures and thumbnails.vtt (created when missing)', required: true },
    { flags: '--every <duration>', help: 'one thumbnail per interval: 10, 10s, 1m (count = ceil(duration / every))', parse: durationFlag('--every') },
    { flags: '-n, --count <n>', help: 'this many thumbnails spread over the whole file (default 10 when --every is not given)', parse: positiveInteger('--count'), conflicts: ['every'] },
    { flags: '-W, --width <px>', help: 'thumbnail width; the height follows the aspect ratio', parse: wholeNumber('--width', 16), default: 160 },
    { flags: '-f, --format <format>', help: 'picture format', choices: THUMBNAIL_FORMATS, default: 'jpg' },
    { flags: '--sprite [COLSxROWS]', help: 'sprite sheets, cues with #xywh=: COLSxROWS tiles a sheet (more sheets when needed), or alone with --columns', parse: gridFlag },
    { flags: '--columns <n>', help: `tiles per sprite sheet row (default ${DEFAULT_COLUMNS}); the rows follow from the count (implies --sprite)`, parse: positiveInteger('--columns') },
    { flags: '-y, --overwrite', help: 'replace existing thumbnails in the folder' },
    { flags: '--dry-run', help: 'print the pipeline, run nothing' },
    ...GRAPH_FLAGS,
  ],
  help: `
Examples:
  $ lydlr-gst thumbnails talk.mp4 -o thumbs --every 10s
  $ lydlr-gst thumbnails talk.mp4 -o public/thumbs --every 5s --sprite --columns 10
  $ lydlr-gst thumbnails talk.mp4 -o public/thumbs --every 5s --width 160 --sprite 10x10
  $ lydlr-gst thumbnails talk.mp4 -o thumbs --count 20 --format webp --json
  $ lydlr-gst thumbnails talk.mp4 -o thumbs --every 10s --graph decode.svg   # the decode pass as it ran

One decode pass. thumbnails.vtt has one cue per thumbnail, contiguous from 0 to the end of the file, as
video.js, Vidstack and Plyr thumbnail tracks read it: "sprite.jpg#xywh=x,y,w,h" with --sprite, else the
file name. --sprite --columns N makes one sheet N tiles wide with as many rows as needed (a second sheet
only past the format's size limit: 65500 px, 16383 px for webp); --sprite COLSxROWS caps every sheet at
COLSxROWS tiles. Everything is written in a hidden folder first and renamed at the end; existing files are kept
unless --overwrite.`,
  requires: {
    elements: [...DECODE, need('thumbnails', ['jpegenc', 'pngenc', 'multifilesink', 'fdsink', 'rawvideoparse'])],
    python: [],
  },
  api: { kind: 'thumbnails', path: '/pipeline/thumbnails/', tag: 'pipelines', body: async () => (await import('./api.js')).thumbnailsApi,
    summary: 'Thumbnails of a file (separate or sprite sheets) with a WebVTT index: `lydlr-gst thumbnails`' },
  load: async () => (await import('./entry.js')).runThumbnails,
});
