// `webrtc <input>`: stream to browsers (webrtcbin in the helper), WHEP endpoint and viewer page.
import { Option, type Command } from 'commander';
import { action } from '../action.js';
import { collect, portNumber, positiveInteger, positiveNumber } from '../parse-options.js';
import { SPEED_PRESETS } from '../../pipeline/codecs.js';
import type { StreamEncodeFlags } from './stream-encode-flags.js';

export interface WebrtcFlags extends StreamEncodeFlags {
  host?: string;
  port?: number;
  audio?: boolean;
  loop?: boolean;
  stun?: string[];
  turn?: string[];
  iceHost?: string;
  icePorts?: string;
  maxViewers?: number;
  token?: string;
  corsOrigin?: string;
  statsInterval?: number;
}

export function defineWebrtc(program: Command): void {
  program
    .command('webrtc')
    .description('stream to browsers over WebRTC: a WHEP endpoint and a viewer page (webrtcbin, one shared encode)')
    .argument('<input>', 'test, test:PATTERN, a file (with --loop), /dev/videoN, rtsp://… or another URI')
    .option('--host <address>', 'address to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .addOption(new Option('-p, --port <port>', 'HTTP port for the page and WHEP (0: any free port)').default(8080).argParser(portOrZero))
    .option('-c, --codec <codec>', 'vp8 | vp9 | h264 (constrained baseline)', 'vp8')
    .addOption(new Option('-b, --bitrate <kbps>', 'video bitrate in kbit/s (default 1500)').argParser(positiveNumber('--bitrate')))
    .addOption(new Option('--preset <preset>', 'encoder speed/quality trade-off (default veryfast)').choices([...SPEED_PRESETS]))
    .option('-s, --scale <size>', 'WxH, 1280x, x720 or 720p')
    .addOption(new Option('--fps <n>', 'output frame rate').argParser(positiveNumber('--fps')))
    .addOption(new Option('--keyframe-interval <seconds>', 'seconds between keyframes (a joining viewer gets one at once; default 2)').argParser(positiveNumber('--keyframe-interval')))
    .option('--no-audio', 'send video only (audio is Opus when the input has sound)')
    .option('--loop', 'play a file over and over')
    .option('--stun <url>', 'STUN server stun://host:port, for webrtcbin and the viewer page (repeatable)', collect)
    .option('--turn <url>', 'TURN server turn://user:pass@host:port (repeatable)', collect)
    .option('--ice-host <ip>', 'announce this address to viewers (1:1 NAT, containers)')
    .option('--ice-ports <min-max>', 'UDP ports ICE may use, e.g. 40000-40100 (firewalls, port forwards)')
    .addOption(new Option('--max-viewers <n>', 'refuse viewers beyond this many (HTTP 503)').argParser(positiveInteger('--max-viewers')))
    .option('--token <token>', 'viewers must send Authorization: Bearer TOKEN (the page takes #token=TOKEN); visible in ps: prefer LYDLR_WEBRTC_TOKEN')
    .option('--cors-origin <origin>', 'Access-Control-Allow-Origin for WHEP (default *)')
    .addOption(new Option('--stats-interval <seconds>', 'seconds between stats events (default 5)').argParser(positiveNumber('--stats-interval')))
    .addHelpText('after', `
Examples:
  $ lydlr-gst webrtc test --port 8080                     # open http://127.0.0.1:8080/
  $ lydlr-gst webrtc talk.mp4 --loop --codec h264 --host 0.0.0.0
  $ lydlr-gst webrtc /dev/video0 --scale 720p --max-viewers 10 --token s3cret
  $ lydlr-gst webrtc rtsp://cam.local/stream --stun stun://stun.l.google.com:19302
  $ lydlr-gst --json webrtc test --port 0                 # {"type":"ready","url":…,"whep":…}

WHEP: POST an SDP offer (Content-Type: application/sdp) to /whep → 201, Location: /whep/<id>, the answer
(ICE candidates included); DELETE /whep/<id> ends that viewer. Ctrl-C closes every viewer and exits 0.
Environment: LYDLR_WEBRTC_TOKEN=TOKEN (the --token without putting it in ps).`)
    .action(action('webrtc', async () => (await import('../commands/webrtc.js')).runWebrtc));
}

function portOrZero(value: string): number {
  return value === '0' ? 0 : portNumber('--port')(value);
}
