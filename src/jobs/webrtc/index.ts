// webrtc: stream to browsers (webrtcbin in the Python helper), a WHEP endpoint and a viewer page.
import { DECODE, need, needAnyOf, H264, OPUS } from '../../health/needs.js';
import { portOrZero, positiveInteger, positiveNumber } from '../flags.js';
import { defineJob } from '../spec.js';
import { streamEncodeFlags } from '../stream-encode-flags.js';
import { WEBRTC_BITRATE_KBPS } from './defaults.js';
import type { WebrtcOptionsInput } from './options.js';
import { opsFlags, opsHelp, withOps, type OpsFlags } from '../../ops/job-ops.js';
import { GRAPH_FLAGS } from '../graph-flags.js';

const HOOKS = ['ready', 'client-connect', 'client-disconnect', 'exit'] as const;

/** The parsed command line: the option schema's fields and --dry-run (types only: no zod loads for --help). */
export type WebrtcFlags = Omit<WebrtcOptionsInput, 'input'> & OpsFlags & { dryRun?: boolean };

export const webrtc = defineJob({
  command: ['webrtc'],
  summary: 'stream to browsers over WebRTC: a WHEP endpoint and a viewer page (webrtcbin, one shared encode)',
  args: [{ name: 'input', required: true, help: 'test, test:PATTERN, a file (with --loop), /dev/videoN, rtsp://… or another URI' }],
  flags: [
    { flags: '--host <address>', help: 'address to listen on (0.0.0.0: every interface)', default: '127.0.0.1' },
    { flags: '-p, --port <port>', help: 'HTTP port for the page and WHEP (0: any free port)', default: 8080, parse: portOrZero('--port') },
    ...streamEncodeFlags({ codecHelp: 'vp8 | vp9 | h264 (constrained baseline)', codecDefault: 'vp8', bitrateKbps: WEBRTC_BITRATE_KBPS, keyframeSeconds: 2, presetShort: false }),
    { flags: '--no-audio', help: 'send video only (audio is Opus when the input has sound)' },
    { flags: '--loop', help: 'play a file over and over' },
    { flags: '--stun <url>', help: 'STUN server stun://host:port, for webrtcbin and the viewer page (repeatable)', repeatable: true },
    { flags: '--turn <url>', help: 'TURN server turn://user:pass@host:port (repeatable)', repeatable: true },
    { flags: '--ice-host <ip>', help: 'announce this address to viewers (1:1 NAT, containers)' },
    { flags: '--ice-ports <min-max>', help: 'UDP ports ICE may use, e.g. 40000-40100 (firewalls, port forwards)' },
    { flags: '--max-viewers <n>', help: 'refuse viewers beyond this many (HTTP 503)', parse: positiveInteger('--max-viewers') },
    { flags: '--token <token>', help: 'viewers must send Authorization: Bearer TOKEN (the page takes #token=TOKEN); visible in ps: prefer LYDLR_WEBRTC_TOKEN' },
    { flags: '--cors-origin <origin>', help: 'Access-Control-Allow-Origin for WHEP (default *)' },
    { flags: '--stats-interval <seconds>', help: 'seconds between stats events (default 5)', parse: positiveNumber('--stats-interval') },
    ...opsFlags(HOOKS),
    { flags: '--dry-run', help: 'print the pipeline, start nothing' },
    ...GRAPH_FLAGS,
  ],
  help: `
Examples:
  $ lydlr-gst webrtc test --port 8080                     # open http://127.0.0.1:8080/
  $ lydlr-gst webrtc talk.mp4 --loop --codec h264 --host 0.0.0.0
  $ lydlr-gst webrtc /dev/video0 --scale 720p --max-viewers 10 --token s3cret
  $ lydlr-gst webrtc rtsp://cam.local/stream --stun stun://stun.l.google.com:19302
  $ lydlr-gst --json webrtc test --port 0                 # {"type":"ready","url":…,"whep":…}
  $ lydlr-gst webrtc test --graph webrtc.svg              # the shared encode, drawn once it plays

WHEP: POST an SDP offer (Content-Type: application/sdp) to /whep → 201, Location: /whep/<id>, the answer
(ICE candidates included); DELETE /whep/<id> ends that viewer. Ctrl-C closes every viewer and exits 0.
Environment: LYDLR_WEBRTC_TOKEN=TOKEN (the --token without putting it in ps).
A viewer that starts playing is a client connecting (LYDLR_CLIENT_ID: its WHEP id); LYDLR_MOUNT is /whep.
${opsHelp(HOOKS)}
  $ lydlr-gst webrtc test --metrics 127.0.0.1:9464 --on-client-connect 'logger -t webrtc joined'`,
  requires: {
    elements: [
      ...DECODE,
      need('webrtcbin', ['webrtcbin', 'rtpbin']),
      need('ICE (libnice)', ['nicesrc', 'nicesink']),
      need('DTLS-SRTP', ['dtlssrtpenc', 'dtlssrtpdec']),
      needAnyOf('video over RTP (VP8 or H.264)', [['vp8enc', 'rtpvp8pay'], [H264.software, H264.parser, H264.payloader]]),
      need('Opus audio over RTP', [OPUS.encoder, OPUS.payloader], false),
    ],
    python: ['Gst', 'GstWebRTC', 'GstSdp'],
  },
  api: { kind: 'webrtc', path: '/pipeline/webrtc/', tag: 'pipelines', body: async () => (await import('./api.js')).webrtcApi,
    summary: 'Stream to browsers over WebRTC: a viewer page and a WHEP endpoint: `lydlr-gst webrtc`' },
  load: withOps(async () => (await import('./entry.js')).runWebrtc, async () => (await import('./ops.js')).webrtcOps),
});
