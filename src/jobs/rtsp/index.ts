// rtsp: serve files, cameras and test sources over RTSP (gst-rtsp-server in the Python helper),
// or push them to a media server.
import { DECODE, need, H264, OPUS } from '../../health/needs.js';
import { nonNegative, portOrZero, wholeNumber } from '../flags.js';
import { defineJob } from '../spec.js';
import { streamEncodeFlags, type StreamEncodeFlags } from '../stream-encode-flags.js';
import { RTSP_BITRATE_KBPS } from './defaults.js';
import { GRAPH_FLAGS, type GraphFlags } from '../graph-flags.js';
import { opsFlags, opsHelp, withOps, type OpsFlags } from '../../ops/job-ops.js';

const HOOKS = ['ready', 'client-connect', 'client-disconnect', 'exit'] as const;

export interface RtspFlags extends StreamEncodeFlags, OpsFlags, GraphFlags {
  port?: number;
  host?: string;
  mount?: string[];
  config?: string;
  audio?: string;
  transport?: string;
  multicast?: boolean;
  loop?: boolean;
  auth?: string[];
  authFile?: string;
  authScheme?: string;
  statsInterval?: number;
  publish?: string;
  maxRetries?: number;
  record?: string;
  dryRun?: boolean;
}

export const rtsp = defineJob({
  command: ['rtsp'],
  summary: 'serve a file, camera or test source over RTSP (one shared encode for every viewer), or --publish it to a media server',
  args: [{ name: 'input', required: false, help: 'file, test[:PATTERN], /dev/videoN or a URI (or use --mount /path=INPUT / --config)' }],
  flags: [
    { flags: '--port <port>', help: 'RTSP port; 0 = any free port (default 8554)', parse: portOrZero('--port') },
    { flags: '--host <address>', help: 'address to listen on: 0.0.0.0 for every interface (default 127.0.0.1)' },
    { flags: '-m, --mount <path[=input]>', help: 'mount path of the input (default /stream), or /path=INPUT for another mount; repeatable', repeatable: true },
    { flags: '--config <file>', help: 'JSON file with any of these options; "mounts": {"/path": "INPUT"} or [{path, input, codec, bitrate, loop…}]' },
    ...streamEncodeFlags({ codecHelp: 'h264 | h265 | vp8 | vp9 (default h264)', bitrateKbps: RTSP_BITRATE_KBPS, keyframeSeconds: 1, presetShort: true }),
    { flags: '-a, --audio <mode>', help: "auto: the input's audio as AAC (Opus with VP8/VP9); test sources have none unless asked", choices: ['auto', 'aac', 'opus', 'none'] },
    { flags: '--transport <t>', help: 'udp-tcp: clients choose (default); tcp: interleaved TCP only', choices: ['udp-tcp', 'tcp'] },
    { flags: '--multicast', help: 'also offer UDP multicast (239.255.42.x)' },
    { flags: '--loop', help: 'files restart at the end without dropping clients (otherwise clients get EOS)' },
    { flags: '--auth <user:pass>', help: 'require this user (repeatable); visible in ps: prefer LYDLR_RTSP_AUTH or --auth-file', repeatable: true },
    { flags: '--auth-file <file>', help: 'users, one user:pass per line (# comments)' },
    { flags: '--auth-scheme <scheme>', help: 'HTTP authentication scheme (default basic)', choices: ['basic', 'digest'] },
    { flags: '--stats-interval <seconds>', help: 'seconds between stats events; 0 = only the closing one (default 5)', parse: nonNegative('--stats-interval') },
    { flags: '--publish <url>', help: 'push to a media server instead of serving: rtsp://… (RECORD), srt://… (MPEG-TS, caller) or rtmp://… (FLV)' },
    { flags: '--record <dir>', help: 'also record every mount into this folder (60 s mp4 segments, as lydlr-gst record): the served stream itself, no second encode' },
    { flags: '--max-retries <n>', help: '--publish: give up after this many reconnects (default: keep trying)', parse: wholeNumber('--max-retries') },
    ...opsFlags(HOOKS),
    { flags: '--dry-run', help: 'print the pipelines, start nothing' },
    ...GRAPH_FLAGS,
  ],
  help: `
Examples:
  $ lydlr-gst rtsp test                                       # rtsp://127.0.0.1:8554/stream
  $ lydlr-gst rtsp talk.mp4 --mount /talk --loop --host 0.0.0.0
  $ lydlr-gst rtsp /dev/video0 --mount /cam --scale 720p --bitrate 1500
  $ lydlr-gst rtsp --mount /a=a.mp4 --mount /b=test:ball --port 0 --json
  $ LYDLR_RTSP_AUTH='viewer:s3cret' lydlr-gst rtsp cam.mp4 --auth-scheme digest
  $ lydlr-gst rtsp test --publish srt://media.example:8890?streamid=publish:cam
  $ lydlr-gst rtsp cam.mp4 --loop --publish rtmp://live.example/app/KEY
  $ lydlr-gst rtsp /dev/video0 --mount /cam --record /srv/cam   # serve and keep a copy
  $ lydlr-gst rtsp test --graph rtsp.svg      # the shared media pipeline, drawn when the first viewer plays it

Watch: ffplay rtsp://127.0.0.1:8554/stream · vlc rtsp://… · gst-play-1.0 rtsp://…
--json: {"type":"ready","url":…} per mount once clients can connect, client-connected/-disconnected,
server-stats every --stats-interval, media-eos; the last line is the result.
Environment: LYDLR_RTSP_AUTH="user:pass [user2:pass2]" (users without putting passwords in ps).
--record DIR: a client of the server (over TCP, counted among the clients) keeps each mount's stream as served
(H.264/H.265 and AAC parsed and muxed; Opus encoded to AAC) in DIR, or DIR/MOUNT with several mounts, with
segment-opened/-closed events naming the mount; VP8/VP9 mounts are refused (they would need a second encode).
SIGINT/SIGTERM: clients get EOS and a teardown, exit 0. --publish reconnects with back-off (1 s … 30 s).
${opsHelp(HOOKS)}
  $ lydlr-gst rtsp test --metrics 127.0.0.1:9464 --on-client-connect 'logger -t rtsp joined' --webhook http://ops.example/hook`,
  requires: {
    elements: [
      ...DECODE,
      need('H.264 over RTP', [H264.software, H264.parser, H264.payloader]),
      need('Opus audio over RTP', [OPUS.encoder, OPUS.payloader], false),
      need('camera input (/dev/video*)', ['v4l2src'], false),
      need('publishing to a media server (rtspclientsink)', ['rtspclientsink'], false),
    ],
    python: ['Gst', 'GstRtspServer'],
  },
  api: { kind: 'rtsp', path: '/pipeline/rtsp/', tag: 'pipelines', body: async () => (await import('./api.js')).rtspApi,
    summary: 'Serve a file, camera or test source over RTSP, or publish it to a media server: `lydlr-gst rtsp`' },
  load: withOps(async () => (await import('./entry.js')).runRtsp, async () => (await import('./ops.js')).rtspOps),
});
