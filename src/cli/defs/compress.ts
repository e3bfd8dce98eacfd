// `compress <input...> [output]`: transcode with H.264/H.265/VP8/VP9/AV1.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { action } from '../action.js';
import { positiveInteger, positiveNumber } from '../parse-options.js';
import { CONTAINERS, SPEED_PRESETS } from '../../pipeline/codecs.js';
import { AUDIO_MODES } from '../../jobs/compress/audio-modes.js';

export interface CompressFlags {
  codec?: string;
  level?: number;
  bitrate?: number;
  preset?: string;
  scale?: string;
  fps?: number;
  audio?: string;
  encoder?: string;
  container?: string;
  outputDir?: string;
  jobs?: number;
  duration?: number;
  overwrite?: boolean;
  dryRun?: boolean;
}

export function defineCompress(program: Command): void {
  program
    .command('compress')
    .description('transcode video files (H.264, H.265, VP8, VP9, AV1) with progress, safely')
    .argument('<input...>', 'input file(s) or spec (test, test:ball, URI); the last one is the output unless --output-dir is given')
    .option('-c, --codec <codec>', 'h264 | h265 | vp8 | vp9 | av1 (x264 = h264)', 'h264')
    .addOption(new Option('-l, --level <0..1>', 'compression level: higher = smaller file, lower quality (default 0.3)').argParser(levelValue))
    .addOption(new Option('-b, --bitrate <kbps>', 'target bitrate in kbit/s (instead of --level)').argParser(positiveNumber('--bitrate')))
    .addOption(new Option('-p, --preset <preset>', 'speed/quality trade-off').choices([...SPEED_PRESETS]))
    .option('-s, --scale <size>', 'WxH, 1280x, x720 or 720p (aspect kept when one side is given)')
    .addOption(new Option('--fps <n>', 'output frame rate').argParser(positiveNumber('--fps')))
    .addOption(new Option('-a, --audio <mode>', 'audio: auto copies when the container takes it, else re-encodes').choices([...AUDIO_MODES]).default('auto'))
    .option('-e, --encoder <name>', 'auto (hardware when it works) | software | an element name', 'auto')
    .addOption(new Option('--container <ext>', 'container for --output-dir outputs').choices([...CONTAINERS]))
    .option('-o, --output-dir <dir>', 'write each input to DIR/<name>.<ext> (batch)')
    .addOption(new Option('-j, --jobs <n>', 'files encoded at once (batch)').argParser(positiveInteger('--jobs')))
    .addOption(new Option('--duration <seconds>', 'length of a test source').argParser(positiveNumber('--duration')))
    .option('-y, --overwrite', 'replace an existing output')
    .option('--dry-run', 'print the pipeline and its argv, run nothing')
    .addHelpText('after', `
Examples:
  $ lydlr-gst compress in.mp4 out.mp4                      # H.264, default quality, audio kept
  $ lydlr-gst compress in.mov out.webm --codec vp9 --level 0.6
  $ lydlr-gst compress in.mp4 small.mp4 --bitrate 1500 --scale 720p --preset fast
  $ lydlr-gst compress *.mkv --output-dir out/ --codec h265 --jobs 2
  $ lydlr-gst compress test:ball demo.mp4 --duration 5
  $ lydlr-gst compress in.mp4 out.mp4 --dry-run

Containers come from the output extension: .mp4 .mov .mkv .webm .ts .flv.
The output is written to a hidden temporary file and renamed when complete; Ctrl-C leaves nothing behind (exit 130).`)
    .action(action('compress', async () => (await import('../commands/compress.js')).runCompress, probeInputsEarly));
}

function levelValue(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`must be between 0 and 1, got "${value}"`);
  return n;
}

// The inputs are every word but the last (the output) unless --output-dir is given.
async function probeInputsEarly([words, flags]: unknown[]): Promise<() => void> {
  const { probeEarly } = await import('../../gst/discover-run.js');
  const inputs = words as string[];
  return probeEarly((flags as CompressFlags).outputDir ? inputs : inputs.slice(0, -1));
}
