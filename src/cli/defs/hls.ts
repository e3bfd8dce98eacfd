// `hls <input>`: VOD and live HLS (MPEG-TS segments, H.264/AAC), ABR ladders, a built-in preview server.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { action } from '../action.js';
import { positiveNumber } from '../parse-options.js';
import { SPEED_PRESETS } from '../../pipeline/codecs.js';

export interface HlsFlags {
  outputDir?: string;
  playlistName?: string;
  segmentDuration?: number;
  live?: boolean;
  loop?: boolean;
  playlistLength?: number;
  maxFiles?: number;
  ladder?: string;
  codec?: string;
  bitrate?: number;
  preset?: string;
  scale?: string;
  audio?: boolean;
  audioBitrate?: number;
  duration?: number;
  serve?: number;
  host?: string;
  overwrite?: boolean;
  dryRun?: boolean;
}

export function defineHls(program: Command): void {
  program
    .command('hls')
    .description('package a file or a live source as HLS (VOD or live, ABR ladders, master playlist) and optionally serve it with a preview page')
    .argument('<input>', 'file, URI, /dev/videoN, test[:PATTERN] or - (stdin)')
    .requiredOption('-o, --output-dir <dir>', 'folder for playlists and segments (created when missing)')
    .option('--playlist-name <name>', 'media playlist file name', 'playlist.m3u8')
    .addOption(new Option('-t, --segment-duration <seconds>', 'segment length; a keyframe starts every segment').argParser(positiveNumber('--segment-duration')).default(2))
    .option('--live', 'live output: a sliding playlist updated as segments close (default for test, rtsp://, /dev/video*; a file plays in real time)')
    .option('--no-live', 'VOD even from a live source (ends at --duration or Ctrl-C)')
    .option('--loop', 'live from a file: start again at the end (with #EXT-X-DISCONTINUITY)')
    .addOption(new Option('--playlist-length <n>', 'live: segments listed in the playlist; 0 keeps all (an EVENT playlist)').argParser(wholeNumber('--playlist-length')).default(5))
    .addOption(new Option('--max-files <n>', 'live: segment files kept on disk; 0 keeps all (default: playlist length + 2)').argParser(wholeNumber('--max-files')))
    .option('--ladder <list>', 'ABR renditions from one decode, e.g. 1080p,720p,360p or 1280x720@2800,640x360@800 (writes master.m3u8)')
    .addOption(new Option('-c, --codec <codec>', 'h264 (every player) | h265 (only players that decode HEVC from MPEG-TS)').default('h264'))
    .addOption(new Option('-b, --bitrate <kbps>', 'video bitrate in kbit/s (default: by height, 2800 for 720p)').argParser(positiveNumber('--bitrate')))
    .addOption(new Option('-p, --preset <preset>', 'x264 speed (default medium for VOD, veryfast for live)').choices([...SPEED_PRESETS]))
    .option('-s, --scale <size>', 'WxH, 1280x, x720 or 720p (single rendition)')
    .option('--no-audio', 'leave the audio out')
    .addOption(new Option('--audio-bitrate <kbps>', 'AAC bitrate in kbit/s').argParser(positiveNumber('--audio-bitrate')).default(128))
    .addOption(new Option('--duration <seconds>', 'live: stop after this long; test sources: their length').argParser(positiveNumber('--duration')))
    .addOption(new Option('--serve <port>', 'serve the folder over HTTP with a preview page at / (0 = any free port)').argParser(portOrZero))
    .option('--host <address>', 'address for --serve (0.0.0.0 for every interface)', '127.0.0.1')
    .option('-y, --overwrite', 'replace an earlier HLS output in a non-empty folder')
    .option('--dry-run', 'print the pipeline, run nothing')
    .addHelpText('after', `
Examples:
  $ lydlr-gst hls talk.mp4 -o public/hls --segment-duration 4          # VOD
  $ lydlr-gst hls talk.mp4 -o public/hls --ladder 1080p,720p,360p      # ABR + master.m3u8
  $ lydlr-gst hls test -o /tmp/live --serve 8080                        # live, open http://127.0.0.1:8080/
  $ lydlr-gst hls talk.mp4 -o /tmp/live --live --loop --serve 8080      # a file as a never-ending live stream
  $ lydlr-gst hls rtsp://cam.local/stream -o /var/www/live --playlist-length 6

VOD playlists are written only when complete (#EXT-X-PLAYLIST-TYPE:VOD, #EXT-X-ENDLIST); Ctrl-C on a VOD
exits 130 without one. Live playlists are replaced atomically; Ctrl-C closes the last segment, appends
#EXT-X-ENDLIST and exits 0.`)
    .action(action('hls', async () => (await import('../commands/hls.js')).runHls, async ([input]) => (await import('../../gst/discover-run.js')).probeEarly([input as string])));
}

function wholeNumber(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${flag} must be a whole number (0 or more), got "${value}"`);
    return Number(value);
  };
}

function portOrZero(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError(`--serve must be a port from 1 to 65535 (or 0 for any free port), got "${value}"`);
  return n;
}
