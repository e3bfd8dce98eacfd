// compress: transcode files (or a test source) with H.264/H.265/VP8/VP9/AV1, safely and with progress.
import { CODECS, CONTAINERS, SPEED_PRESETS } from '../../pipeline/codecs.js';
import { CONTAINER_SPECS } from '../../pipeline/containers.js';
import { DECODE, need, H264, AAC, OPUS } from '../../health/needs.js';
import { positiveInteger, positiveNumber, unitInterval } from '../flags.js';
import { defineJob } from '../spec.js';
import { GRAPH_FLAGS } from '../graph-flags.js';
import { AUDIO_MODES } from './audio-modes.js';
import { parseAudioTrack } from '../audio-track.js';
import type { CompressOptionsInput } from './options.js';

/** The parsed command line: the option schema's fields, before defaults (types only: no zod loads for --help). */
export type CompressFlags = Omit<CompressOptionsInput, 'inputs' | 'output'>;

export const compress = defineJob({
  command: ['compress'],
  summary: 'transcode video files (H.264, H.265, VP8, VP9, AV1) with progress, safely',
  args: [{ name: 'input', variadic: true, required: true, help: 'input file(s) or spec (test, test:ball, URI); the last one is the output unless --output-dir is given' }],
  flags: [
    { flags: '-c, --codec <codec>', help: 'h264 | h265 | vp8 | vp9 | av1 (x264 = h264)', default: 'h264' },
    { flags: '-l, --level <0..1>', help: 'compression level: higher = smaller file, lower quality (default 0.3)', parse: unitInterval('--level') },
    { flags: '-b, --bitrate <kbps>', help: 'target bitrate in kbit/s (instead of --level)', parse: positiveNumber('--bitrate') },
    { flags: '-p, --preset <preset>', help: 'speed/quality trade-off', choices: SPEED_PRESETS },
    { flags: '-s, --scale <size>', help: 'WxH, 1280x, x720 or 720p (aspect kept when one side is given)' },
    { flags: '--fps <n>', help: 'output frame rate', parse: positiveNumber('--fps') },
    { flags: '-a, --audio <mode>', help: 'audio: auto copies when the container takes it, else re-encodes', choices: AUDIO_MODES, default: 'auto' },
    { flags: '--audio-track <n|all>', help: 'which audio track to keep (1 = the first, the default) or all of them (not in .flv)', parse: parseAudioTrack },
    { flags: '-e, --encoder <name>', help: 'auto (hardware when it works) | software | an element name', default: 'auto' },
    { flags: '--container <ext>', help: 'container for --output-dir outputs', choices: CONTAINERS },
    { flags: '-o, --output-dir <dir>', help: 'write each input to DIR/<name>.<ext> (batch)' },
    { flags: '-j, --jobs <n>', help: 'files encoded at once (batch)', parse: positiveInteger('--jobs') },
    { flags: '--duration <seconds>', help: 'length of a test source', parse: positiveNumber('--duration') },
    { flags: '-y, --overwrite', help: 'replace an existing output' },
    { flags: '--dry-run', help: 'print the pipeline and its argv, run nothing' },
    ...GRAPH_FLAGS,
  ],
  help: `
Examples:
  $ lydlr-gst compress in.mp4 out.mp4                      # H.264, default quality, audio kept
  $ lydlr-gst compress in.mov out.webm --codec vp9 --level 0.6
  $ lydlr-gst compress in.mp4 small.mp4 --bitrate 1500 --scale 720p --preset fast
  $ lydlr-gst compress *.mkv --output-dir out/ --codec h265 --jobs 2
  $ lydlr-gst compress test:ball demo.mp4 --duration 5
  $ lydlr-gst compress film.mkv film-small.mkv --audio-track all  # every audio track, re-encoded
  $ lydlr-gst compress in.mp4 out.mp4 --dry-run
  $ lydlr-gst compress in.mp4 out.mp4 --graph pipeline.svg    # the pipeline as it ran

Containers come from the output extension: .mp4 .mov .mkv .webm .ts .flv.
The output is written to a hidden temporary file and renamed when complete; Ctrl-C leaves nothing behind (exit 130).`,
  requires: {
    elements: [
      need('file input and output', ['filesrc', 'filesink']),
      ...DECODE,
      need('H.264 in MP4 (the default)', [H264.software, H264.parser, CONTAINER_SPECS.mp4.muxer]),
      need('AAC audio (the default for MP4)', [AAC.encoder, AAC.parser]),
      // Every other codec, with the muxer of its default container: a warning when missing.
      ...(['h265', 'vp8', 'vp9', 'av1'] as const).map((c) =>
        need(`--codec ${c}`, [CODECS[c].software, CODECS[c].parser, CONTAINER_SPECS[CODECS[c].containers[0]!].muxer], false)),
      need('Opus audio (WebM)', [OPUS.encoder, OPUS.parser], false),
      need('other containers (mkv, ts, webm)', ['matroskamux', 'mpegtsmux', 'webmmux'], false),
    ],
    python: [],
  },
  api: { kind: 'compression', path: '/pipeline/compression/', tag: 'pipelines', body: async () => (await import('./api.js')).compressApi,
    summary: 'Transcode a file (or a test source) with H.264/H.265/VP8/VP9/AV1: `lydlr-gst compress`' },
  // The inputs are every word but the last (the output) unless --output-dir is given; the first
  // ones are probed while the job's modules load (audio by a light decoder: plan-job.ts).
  earlyStart: async ([words], flags) => {
    const { probeEarly } = await import('../../gst/discover/run.js');
    const inputs = words as string[];
    return probeEarly(flags.outputDir ? inputs : inputs.slice(0, -1));
  },
  load: async () => (await import('./entry.js')).runCompress,
});
