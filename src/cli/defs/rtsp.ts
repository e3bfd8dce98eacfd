// `rtsp [input]`: serve files, cameras and test sources over RTSP, or push them to a media server.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { action } from '../action.js';
import { collect, positiveNumber } from '../parse-options.js';
import { SPEED_PRESETS } from '../../pipeline/codecs.js';
import type { StreamEncodeFlags } from './stream-encode-flags.js';

export interface RtspFlags extends StreamEncodeFlags {
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
  dryRun?: boolean;
}

export function defineRtsp(program: Command): void {
  program
    .command('rtsp')
    .description('serve a file, camera or test source over RTSP (one shared encode for every viewer), or --publish it to a media server')
    .argument('[input]', 'file, test[:PATTERN], /dev/videoN or a URI (or use --mount /path=INPUT / --config)')
    .addOption(new Option('--port <port>', 'RTSP port; 0 = any free port (default 8554)').argParser(portOrZero))
    .option('--host <address>', 'address to listen on: 0.0.0.0 for every interface (default 127.0.0.1)')
    .option('-m, --mount <path[=input]>', 'mount path of the input (default /stream), or /path=INPUT for another mount; repeatable', collect)
    .option('--config <file>', 'JSON file with any of these options; "mounts": {"/path": "INPUT"} or [{path, input, codec, bitrate, loop…}]')
    .option('-c, --codec <codec>', 'h264 | h265 | vp8 | vp9 (default h264)')
    .addOption(new Option('-b, --bitrate <kbps>', 'video bitrate in kbit/s (default 2000)').argParser(positiveNumber('--bitrate')))
    .addOption(new Option('-p, --preset <preset>', 'encoder speed (default veryfast)').choices([...SPEED_PRESETS]))
    .option('-s, --scale <size>', 'WxH, 1280x, x720 or 720p (aspect kept when one side is given)')
    .addOption(new Option('--fps <n>', 'output frame rate').argParser(positiveNumber('--fps')))
    .addOption(new Option('--keyframe-interval <seconds>', 'seconds between keyframes: how long a new viewer may wait for a picture (default 1)').argParser(positiveNumber('--keyframe-interval')))
    .addOption(new Option('-a, --audio <mode>', 'auto: the input\'s audio as AAC (Opus with VP8/VP9); test sources have none unless asked').choices(['auto', 'aac', 'opus', 'none']))
    .addOption(new Option('--transport <t>', 'udp-tcp: clients choose (default); tcp: interleaved TCP only').choices(['udp-tcp', 'tcp']))
    .option('--multicast', 'also offer UDP multicast (239.255.42.x)')
    .option('--loop', 'files restart at the end without dropping clients (otherwise clients get EOS)')
    .option('--auth <user:pass>', 'require this user (repeatable); visible in ps: prefer LYDLR_RTSP_AUTH or --auth-file', collect)
    .option('--auth-file <file>', 'users, one user:pass per line (# comments)')
    .addOption(new Option('--auth-scheme <scheme>', 'HTTP authentication scheme (default basic)').choices(['basic', 'digest']))
    .addOption(new Option('--stats-interval <seconds>', 'seconds between stats events; 0 = only the closing one (default 5)').argParser(nonNegative('--stats-interval')))
    .option('--publish <url>', 'push to a media server instead of serving: rtsp://… (RECORD), srt://… (MPEG-TS, caller) or rtmp://… (FLV)')
    .addOption(new Option('--max-retries <n>', '--publish: give up after this many reconnects (default: keep trying)').argParser(wholeNumber('--max-retries')))
    .option('--dry-run', 'print the pipelines, start nothing')
    .addHelpText('after', `
Examples:
  $ lydlr-gst rtsp test                                       # rtsp://127.0.0.1:8554/stream
  $ lydlr-gst rtsp talk.mp4 --mount /talk --loop --host 0.0.0.0
  $ lydlr-gst rtsp /dev/video0 --mount /cam --scale 720p --bitrate 1500
  $ lydlr-gst rtsp --mount /a=a.mp4 --mount /b=test:ball --port 0 --json
  $ LYDLR_RTSP_AUTH='viewer:s3cret' lydlr-gst rtsp cam.mp4 --auth-scheme digest
  $ lydlr-gst rtsp test --publish srt://media.example:8890?streamid=publish:cam
  $ lydlr-gst rtsp cam.mp4 --loop --publish rtmp://live.example/app/KEY

Watch: ffplay rtsp://127.0.0.1:8554/stream · vlc rtsp://… · gst-play-1.0 rtsp://…
--json: {"type":"ready","url":…} per mount once clients can connect, client-connected/-disconnected,
server-stats every --stats-interval, media-eos; the last line is the result.
Environment: LYDLR_RTSP_AUTH="user:pass [user2:pass2]" (users without putting passwords in ps).
SIGINT/SIGTERM: clients get EOS and a teardown, exit 0. --publish reconnects with back-off (1 s … 30 s).`)
    .action(action('rtsp', async () => (await import('../commands/rtsp.js')).runRtsp));
}

function portOrZero(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError(`--port must be a port from 1 to 65535 (or 0 for any free port), got "${value}"`);
  return n;
}

function nonNegative(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${flag} must be a number from 0, got "${value}"`);
    return n;
  };
}

function wholeNumber(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${flag} must be a whole number from 0, got "${value}"`);
    return Number(value);
  };
}
