// `deepstream status` and `deepstream inference <input...>`: NVIDIA DeepStream, honest without a GPU.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { action } from '../action.js';
import { collect, portNumber, positiveInteger, positiveNumber } from '../parse-options.js';

export interface DeepstreamInferenceFlags {
  config: string;
  secondary?: string[];
  tracker?: string;
  trackerLib?: string;
  trackerWidth?: number;
  trackerHeight?: number;
  output?: string;
  rtspPort?: number;
  rtspHost?: string;
  rtspMount?: string;
  display?: boolean;
  fakesink?: boolean;
  batchSize?: number;
  width?: number;
  height?: number;
  gpuId?: number;
  batchedPushTimeout?: number;
  bitrate?: number;
  broker?: string;
  brokerConfig?: string;
  msgconvConfig?: string;
  payloadType?: 'deepstream' | 'minimal';
  frameInterval?: number;
  live?: boolean;
  duration?: number;
  timeout?: number;
  overwrite?: boolean;
  dryRun?: boolean;
}

const OUTPUTS = ['output', 'rtspPort', 'display', 'fakesink'];
const others = (name: string) => OUTPUTS.filter((o) => o !== name);

export function defineDeepstream(program: Command): void {
  const deepstream = program
    .command('deepstream')
    .description('NVIDIA DeepStream: is it usable here, and AI inference pipelines (nvstreammux → nvinfer → nvdsosd)');

  deepstream
    .command('status')
    .description('is DeepStream available? (DEEPSTREAM_ENABLED, install and version, nv* elements, GPU and driver)')
    .addHelpText('after', `
Exit 0 whenever it could answer; "available" says the answer. Environment: DEEPSTREAM_ENABLED (true/false),
NVIDIA_DEEPSTREAM_PATH (default /opt/nvidia/deepstream/deepstream).

Examples:
  $ DEEPSTREAM_ENABLED=true lydlr-gst deepstream status
  $ lydlr-gst deepstream status --json | jq .available`)
    .action(action('deepstream status', async () => (await import('../commands/deepstream.js')).runDeepstreamStatus));

  deepstream
    .command('inference')
    .description('run (or --dry-run print) the canonical DeepStream inference pipeline on one or more inputs')
    .argument('<input...>', 'files (.mp4, .mkv, bare .h264/.h265…), rtsp:// or http(s):// URIs, /dev/videoN, test[:PATTERN]')
    .requiredOption('-c, --config <file>', 'primary nvinfer config (PGIE), with a [property] section')
    .option('--secondary <file>', 'a secondary nvinfer config (SGIE); repeat for more', collect)
    .option('--tracker <file>', 'nvtracker ll-config-file (YAML or txt)')
    .option('--tracker-lib <file>', 'nvtracker ll-lib-file (default <deepstream>/lib/libnvds_nvmultiobjecttracker.so)')
    .addOption(new Option('--tracker-width <px>', 'tracker frame width').argParser(positiveInteger('--tracker-width')))
    .addOption(new Option('--tracker-height <px>', 'tracker frame height').argParser(positiveInteger('--tracker-height')))
    .addOption(new Option('-o, --output <file>', 'write H.264 (nvv4l2h264enc) to .mp4/.mkv/.mov/.ts').conflicts(others('output')))
    .addOption(new Option('--rtsp-port <port>', 'serve the result at rtsp://HOST:PORT/ds').argParser(portNumber('--rtsp-port')).conflicts(others('rtspPort')))
    .option('--rtsp-host <address>', 'address the RTSP server listens on (default 127.0.0.1)')
    .option('--rtsp-mount <path>', 'RTSP mount path (default /ds)')
    .addOption(new Option('--display', 'show it on screen (nveglglessink)').conflicts(others('display')))
    .addOption(new Option('--fakesink', 'discard the frames: throughput runs (the default)').conflicts(others('fakesink')))
    .addOption(new Option('--batch-size <n>', 'nvstreammux/nvinfer batch size (default: the number of inputs)').argParser(positiveInteger('--batch-size')))
    .addOption(new Option('--width <px>', 'nvstreammux (and tiler) width (default 1920)').argParser(positiveInteger('--width')))
    .addOption(new Option('--height <px>', 'nvstreammux (and tiler) height (default 1080)').argParser(positiveInteger('--height')))
    .addOption(new Option('--gpu-id <n>', 'GPU to use (default 0)').argParser(wholeNumber('--gpu-id', 0)))
    .addOption(new Option('--batched-push-timeout <us>', 'microseconds nvstreammux waits to fill a batch (default 40000; -1: wait)').argParser(wholeNumber('--batched-push-timeout', -1)))
    .addOption(new Option('--bitrate <kbps>', 'encoder bitrate for --output/--rtsp-port (default 4000)').argParser(positiveInteger('--bitrate')))
    .option('--broker <url>', 'send detections (nvmsgconv → nvmsgbroker): kafka://host:port/topic, mqtt://…, amqp://…, redis://…, azure://…')
    .option('--broker-config <file>', 'nvmsgbroker protocol config (cfg_kafka.txt…)')
    .option('--msgconv-config <file>', 'nvmsgconv config (sensors, places…)')
    .addOption(new Option('--payload-type <type>', 'message schema').choices(['deepstream', 'minimal']))
    .addOption(new Option('--frame-interval <n>', 'one message every N frames (default 30)').argParser(positiveInteger('--frame-interval')))
    .option('--live', 'test inputs run in real time (nvstreammux live-source)')
    .addOption(new Option('--duration <seconds>', 'test inputs: seconds of video').argParser(positiveNumber('--duration')))
    .addOption(new Option('--timeout <seconds>', 'stop gracefully (EOS) after this long').argParser(positiveNumber('--timeout')))
    .option('--overwrite', 'replace an existing --output file')
    .option('--dry-run', 'print the pipeline (and argv) without running it: no DeepStream needed')
    .addHelpText('after', `
Examples:
  $ lydlr-gst deepstream inference cam.mp4 --config pgie.txt --output out.mp4
  $ lydlr-gst deepstream inference a.mp4 b.mp4 --config pgie.txt --tracker tracker.yml --secondary sgie.txt --fakesink
  $ lydlr-gst deepstream inference rtsp://cam/1 --config pgie.txt --rtsp-port 8554 --broker kafka://kafka:9092/detections
  $ lydlr-gst deepstream inference test --config pgie.txt --dry-run

Exit codes: 0 ok · 1 the pipeline failed · 2 bad options, inputs or config files · 3 DeepStream not available`)
    .action(action('deepstream inference', async () => (await import('../commands/deepstream.js')).runDeepstreamInference));
}

function wholeNumber(flag: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min) throw new InvalidArgumentError(`${flag} must be a whole number from ${min}, got "${value}"`);
    return n;
  };
}
