// record: keep a live source on disk in time-based segments, crash-safe, with retention and reconnects.
import { DECODE, need, H264 } from '../../health/needs.js';
import { positiveInteger } from '../flags.js';
import { durationFlag, sizeFlag } from '../units.js';
import { defineJob } from '../spec.js';
import { GRAPH_FLAGS } from '../graph-flags.js';
import { RECORD_CODECS, RECORD_FORMATS, DEFAULT_NAME } from './choices.js';
import type { RecordOptionsInput } from './options.js';
import { SPEED_PRESETS } from '../../pipeline/codecs.js';
import { opsFlags, opsHelp, withOps, type OpsFlags } from '../../ops/job-ops.js';

const HOOKS = ['segment-complete', 'exit'] as const;

/** The parsed command line (types only: no zod loads for --help). */
export type RecordFlags = Omit<RecordOptionsInput, 'input'> & OpsFlags & { dryRun?: boolean };

export const record = defineJob({
  command: ['record'],
  summary: 'record a camera, stream, file or test source into time-based segments (crash-safe, retention, reconnects)',
  args: [{ name: 'source', required: true, help: 'test[:PATTERN], a file (played in real time), /dev/videoN, rtsp://, srt:// or udp:// URI' }],
  flags: [
    { flags: '-o, --output-dir <dir>', help: 'folder for the segments (created when missing; earlier recordings are never overwritten)', required: true },
    { flags: '--segment <duration>', help: 'segment length (60, 60s, 5m, 1h); a segment closes at the first keyframe after it', parse: durationFlag('--segment'), default: 60 },
    { flags: '--max-segment-size <size>', help: 'also close a segment at this size (100M, 1G)', parse: sizeFlag('--max-segment-size') },
    { flags: '-f, --format <format>', help: 'mp4 (fragmented: a crash loses ~1 s) | mkv | ts', choices: RECORD_FORMATS, default: 'mp4' },
    { flags: '--name <pattern>', help: `file name pattern: %Y %m %d %H %M %S %j %s, %i = segment index; / makes folders (default ${DEFAULT_NAME})`, default: DEFAULT_NAME },
    { flags: '--local-time', help: 'names in local time (default UTC)' },
    { flags: '--keep <duration>', help: 'delete closed segments older than this (24h, 7d)', parse: durationFlag('--keep') },
    { flags: '--max-files <n>', help: 'keep at most this many closed segments (oldest deleted)', parse: positiveInteger('--max-files') },
    { flags: '--max-total-size <size>', help: 'keep closed segments under this total (10G)', parse: sizeFlag('--max-total-size') },
    { flags: '--duration <duration>', help: 'stop after this long (default: until Ctrl-C, or the end of a file)', parse: durationFlag('--duration') },
    { flags: '-c, --codec <codec>', help: 'codec when the source is not already H.264/H.265 (those are kept as they are)', choices: RECORD_CODECS, default: 'h264' },
    { flags: '-b, --bitrate <kbps>', help: 'bit rate when encoding, kbit/s (default 2500)', parse: positiveInteger('--bitrate') },
    { flags: '-p, --preset <preset>', help: 'encoder speed when encoding', choices: SPEED_PRESETS, default: 'veryfast' },
    { flags: '--no-audio', help: 'record the video only (by default the first audio track is kept: AAC as it is, anything else encoded to AAC)' },
    ...opsFlags(HOOKS),
    { flags: '--dry-run', help: 'print the pipeline, run nothing' },
    ...GRAPH_FLAGS,
  ],
  help: `
Examples:
  $ lydlr-gst record rtsp://cam.local/stream -o /srv/cam1 --segment 5m --keep 7d
  $ lydlr-gst record test -o rec --segment 10s --duration 1m --format mkv
  $ lydlr-gst record talk.mp4 -o rec --segment 30s          # a file played in real time
  $ lydlr-gst record srt://0.0.0.0:9000?mode=listener -o rec --name '%Y/%m/%d/%H-%M-%S'
  $ lydlr-gst record /dev/video0 -o rec --max-total-size 10G --json
  $ lydlr-gst record test -o rec --duration 30s --graph rec.svg   # the pipeline, drawn once PLAYING

H.264/H.265 sources are recorded as they are (parsed and muxed, no re-encode). The first audio track goes into
the same segments: AAC as it is, anything else (Opus, MP3, AC-3, PCM, the test tone) encoded to AAC at 128 kbit/s. A segment that is being
written has a hidden name (.NAME.part) and gets its final name when it closes; after a crash the next start
gives the leftover its final name (readable up to its last fragment). A network source that drops is
retried (1, 2, 4… 30 s) and recording resumes in a new segment. Ctrl-C closes the open segment and exits 130.
--on-segment-complete runs once per closed segment with LYDLR_SEGMENT_PATH (its final name) and LYDLR_SEGMENT_DURATION (seconds).
--metrics: lydlr_recording_segments_written_total, lydlr_recording_segments_deleted_total, lydlr_recording_disk_bytes,
lydlr_source_reconnects_total.
${opsHelp(HOOKS)}
  $ lydlr-gst record rtsp://cam.local/stream -o rec --on-segment-complete 'rclone copyto …' --metrics :9464`,
  requires: {
    elements: [
      ...DECODE,
      need('H.264 video', [H264.software, H264.parser]),
      need('segmented recording', ['splitmuxsink', 'parsebin', 'mp4mux', 'matroskamux', 'mpegtsmux']),
      need('recorded audio', ['aacparse', 'avenc_aac', 'audiotestsrc']),
    ],
    python: [],
  },
  api: { kind: 'record', path: '/pipeline/record/', tag: 'pipelines', body: async () => (await import('./api.js')).recordApi,
    summary: 'Record a source into time-based segments with retention and reconnects: `lydlr-gst record`' },
  load: withOps(async () => (await import('./entry.js')).runRecord, async () => (await import('./ops.js')).recordOps),
});
