// hls: package a file or a live source as HLS (VOD or live, ABR ladders), optionally served with a preview page.
import { CODECS, SPEED_PRESETS } from '../../pipeline/codecs.js';
import { DECODE, need, H264, AAC } from '../../health/needs.js';
import { portOrZero, positiveNumber, wholeNumber } from '../flags.js';
import { defineJob } from '../spec.js';
import { GRAPH_FLAGS } from '../graph-flags.js';
import { parseAudioTrack } from '../audio-track.js';
import type { HlsOptionsInput } from './options.js';
import { opsFlags, opsHelp, withOps, type OpsFlags } from '../../ops/job-ops.js';

const HOOKS = ['ready', 'segment-complete', 'exit'] as const;

/** The parsed command line: the option schema's fields and --dry-run (types only: no zod loads for --help). */
export type HlsFlags = Omit<HlsOptionsInput, 'input'> & OpsFlags & { dryRun?: boolean };

export const hls = defineJob({
  command: ['hls'],
  summary: 'package a file or a live source as HLS (VOD or live, ABR ladders, master playlist) and optionally serve it with a preview page',
  args: [{ name: 'input', required: true, help: 'file, URI, /dev/videoN, test[:PATTERN] or - (stdin)' }],
  flags: [
    { flags: '-o, --output-dir <dir>', help: 'folder for playlists and segments (created when missing)', required: true },
    { flags: '--playlist-name <name>', help: 'media playlist file name', default: 'playlist.m3u8' },
    { flags: '-t, --segment-duration <seconds>', help: 'segment length; a keyframe starts every segment', parse: positiveNumber('--segment-duration'), default: 2 },
    { flags: '--live', help: 'live output: a sliding playlist updated as segments close (default for test, rtsp://, /dev/video*; a file plays in real time)' },
    { flags: '--no-live', help: 'VOD even from a live source (ends at --duration or Ctrl-C)' },
    { flags: '--loop', help: 'live from a file: start again at the end (with #EXT-X-DISCONTINUITY)' },
    { flags: '--playlist-length <n>', help: 'live: segments listed in the playlist; 0 keeps all (an EVENT playlist)', parse: wholeNumber('--playlist-length'), default: 5 },
    { flags: '--max-files <n>', help: 'live: segment files kept on disk; 0 keeps all (default: playlist length + 2)', parse: wholeNumber('--max-files') },
    { flags: '--ladder <list>', help: 'ABR renditions from one decode, e.g. 1080p,720p,360p or 1280x720@2800,640x360@800 (writes master.m3u8)' },
    { flags: '-c, --codec <codec>', help: 'h264 (every player) | h265 (with --format fmp4: tagged hvc1 for Apple players; in MPEG-TS only players that decode HEVC from TS) | vp9 | av1 (--format fmp4 only: browsers through hls.js)', default: 'h264' },
    { flags: '--format <format>', help: 'segments: ts (MPEG-TS) | fmp4 (fragmented MP4 / CMAF: init.mp4 + .m4s, #EXT-X-VERSION:7)', choices: ['ts', 'fmp4'], default: 'ts' },
    { flags: '--low-latency', help: 'LL-HLS (live, --format fmp4): parts, preload hints; --serve answers blocking playlist reloads and delta updates (_HLS_skip=YES)' },
    { flags: '--part-duration <seconds>', help: 'LL-HLS part length (0.2 s at least; a whole number of parts makes a segment)', parse: positiveNumber('--part-duration'), default: 0.5 },
    { flags: '-b, --bitrate <kbps>', help: 'video bitrate in kbit/s (default: by height, 2800 for 720p)', parse: positiveNumber('--bitrate') },
    { flags: '-p, --preset <preset>', help: 'x264 speed (default medium for VOD, veryfast for live)', choices: SPEED_PRESETS },
    { flags: '-s, --scale <size>', help: 'WxH, 1280x, x720 or 720p (single rendition)' },
    { flags: '--no-audio', help: 'leave the audio out' },
    { flags: '--audio-track <n>', help: 'which audio track to keep (1 = the first, the default), or all: one audio rendition per track (EXT-X-MEDIA group in master.m3u8)', parse: parseAudioTrack },
    { flags: '--audio-bitrate <kbps>', help: 'AAC bitrate in kbit/s', parse: positiveNumber('--audio-bitrate'), default: 128 },
    { flags: '--duration <seconds>', help: 'live: stop after this long; test sources: their length', parse: positiveNumber('--duration') },
    { flags: '--serve <port>', help: 'serve the folder over HTTP with a preview page at / (0 = any free port)', parse: portOrZero('--serve') },
    { flags: '--host <address>', help: 'address for --serve (0.0.0.0 for every interface)', default: '127.0.0.1' },
    { flags: '-y, --overwrite', help: 'replace an earlier HLS output in a non-empty folder' },
    ...opsFlags(HOOKS),
    { flags: '--dry-run', help: 'print the pipeline, run nothing' },
    ...GRAPH_FLAGS,
  ],
  help: `
Examples:
  $ lydlr-gst hls talk.mp4 -o public/hls --segment-duration 4          # VOD
  $ lydlr-gst hls talk.mp4 -o public/hls --ladder 1080p,720p,360p      # ABR + master.m3u8
  $ lydlr-gst hls movie.mkv -o public/hls --audio-track all            # every language: audio renditions + master.m3u8
  $ lydlr-gst hls test -o /tmp/live --serve 8080                        # live, open http://127.0.0.1:8080/
  $ lydlr-gst hls talk.mp4 -o /tmp/live --live --loop --serve 8080      # a file as a never-ending live stream
  $ lydlr-gst hls rtsp://cam.local/stream -o /var/www/live --playlist-length 6
  $ lydlr-gst hls talk.mp4 -o public/hls --format fmp4 --codec h265          # CMAF: init.mp4 + .m4s, hvc1
  $ lydlr-gst hls talk.mp4 -o public/hls --format fmp4 --codec av1           # AV1 (or vp9) for browsers
  $ lydlr-gst hls test -o /tmp/ll --format fmp4 --low-latency --serve 8080  # LL-HLS, 0.5 s parts
  $ lydlr-gst hls talk.mp4 -o public/hls --ladder 720p,360p --graph ladder.svg  # the pipeline, drawn once PLAYING

VOD playlists are written only when complete (#EXT-X-PLAYLIST-TYPE:VOD, #EXT-X-ENDLIST); Ctrl-C on a VOD
exits 130 without one. Live playlists are replaced atomically; Ctrl-C closes the last segment, appends
#EXT-X-ENDLIST and exits 0.
${opsHelp(HOOKS)}`,
  requires: {
    elements: [
      ...DECODE,
      need('H.264 video', [H264.software, H264.parser]),
      need('AAC audio', [AAC.encoder, AAC.parser]),
      need('HLS segments and playlists', ['hlssink2', 'splitmuxsink', 'mpegtsmux']),
      // Live HLS with whole-second segments uses hlssink (closes a segment at its keyframe at once).
      need('live HLS', ['hlssink', 'mpegtsmux'], false),
      need('--live from a file (played at its own pace)', ['clocksync'], false),
      need('--format fmp4 (fragmented MP4 segments)', ['mp4mux', 'fdsink'], false),
      need('--codec vp9 (fMP4)', ['vp9enc', 'vp9parse'], false),
      need('--codec av1 (fMP4)', ['av1enc', 'av1parse'], false),
    ],
    python: [],
  },
  api: { kind: 'hls', path: '/pipeline/hls/', tag: 'pipelines', body: async () => (await import('./api.js')).hlsApi,
    summary: 'Package a file or a live source as HLS (VOD or live, ABR ladders): `lydlr-gst hls`' },
  earlyStart: async ([input]) => (await import('../../gst/discover/run.js')).probeEarly([input as string]),
  load: withOps(async () => (await import('./entry.js')).runHls, async () => (await import('./ops.js')).hlsOps),
});
