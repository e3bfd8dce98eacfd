// deepstream inference: NVIDIA DeepStream's canonical pipeline (nvstreammux → nvinfer → nvdsosd) on
// one or more inputs; --dry-run needs no DeepStream.
import { portNumber, positiveInteger, positiveNumber, wholeNumber } from '../flags.js';
import { defineJob } from '../spec.js';

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

export const deepstreamInference = defineJob({
  command: ['deepstream', 'inference'],
  summary: 'run (or --dry-run print) the canonical DeepStream inference pipeline on one or more inputs',
  args: [{ name: 'input', variadic: true, required: true, help: 'files (.mp4, .mkv, bare .h264/.h265…), rtsp:// or http(s):// URIs, /dev/videoN, test[:PATTERN]' }],
  flags: [
    { flags: '-c, --config <file>', help: 'primary nvinfer config (PGIE), with a [property] section', required: true },
    { flags: '--secondary <file>', help: 'a secondary nvinfer config (SGIE); repeat for more', repeatable: true },
    { flags: '--tracker <file>', help: 'nvtracker ll-config-file (YAML or txt)' },
    { flags: '--tracker-lib <file>', help: 'nvtracker ll-lib-file (default <deepstream>/lib/libnvds_nvmultiobjecttracker.so)' },
    { flags: '--tracker-width <px>', help: 'tracker frame width', parse: positiveInteger('--tracker-width') },
    { flags: '--tracker-height <px>', help: 'tracker frame height', parse: positiveInteger('--tracker-height') },
    { flags: '-o, --output <file>', help: 'write H.264 (nvv4l2h264enc) to .mp4/.mkv/.mov/.ts', conflicts: others('output') },
    { flags: '--rtsp-port <port>', help: 'serve the result at rtsp://HOST:PORT/ds', parse: portNumber('--rtsp-port'), conflicts: others('rtspPort') },
    { flags: '--rtsp-host <address>', help: 'address the RTSP server listens on (default 127.0.0.1)' },
    { flags: '--rtsp-mount <path>', help: 'RTSP mount path (default /ds)' },
    { flags: '--display', help: 'show it on screen (nveglglessink)', conflicts: others('display') },
    { flags: '--fakesink', help: 'discard the frames: throughput runs (the default)', conflicts: others('fakesink') },
    { flags: '--batch-size <n>', help: 'nvstreammux/nvinfer batch size (default: the number of inputs)', parse: positiveInteger('--batch-size') },
    { flags: '--width <px>', help: 'nvstreammux (and tiler) width (default 1920)', parse: positiveInteger('--width') },
    { flags: '--height <px>', help: 'nvstreammux (and tiler) height (default 1080)', parse: positiveInteger('--height') },
    { flags: '--gpu-id <n>', help: 'GPU to use (default 0)', parse: wholeNumber('--gpu-id', 0) },
    { flags: '--batched-push-timeout <us>', help: 'microseconds nvstreammux waits to fill a batch (default 40000; -1: wait)', parse: wholeNumber('--batched-push-timeout', -1) },
    { flags: '--bitrate <kbps>', help: 'encoder bitrate for --output/--rtsp-port (default 4000)', parse: positiveInteger('--bitrate') },
    { flags: '--broker <url>', help: 'send detections (nvmsgconv → nvmsgbroker): kafka://host:port/topic, mqtt://…, amqp://…, redis://…, azure://…' },
    { flags: '--broker-config <file>', help: 'nvmsgbroker protocol config (cfg_kafka.txt…)' },
    { flags: '--msgconv-config <file>', help: 'nvmsgconv config (sensors, places…)' },
    { flags: '--payload-type <type>', help: 'message schema', choices: ['deepstream', 'minimal'] },
    { flags: '--frame-interval <n>', help: 'one message every N frames (default 30)', parse: positiveInteger('--frame-interval') },
    { flags: '--live', help: 'test inputs run in real time (nvstreammux live-source)' },
    { flags: '--duration <seconds>', help: 'test inputs: seconds of video', parse: positiveNumber('--duration') },
    { flags: '--timeout <seconds>', help: 'stop gracefully (EOS) after this long', parse: positiveNumber('--timeout') },
    { flags: '--overwrite', help: 'replace an existing --output file' },
    { flags: '--dry-run', help: 'print the pipeline (and argv) without running it: no DeepStream needed' },
  ],
  help: `
Examples:
  $ lydlr-gst deepstream inference cam.mp4 --config pgie.txt --output out.mp4
  $ lydlr-gst deepstream inference a.mp4 b.mp4 --config pgie.txt --tracker tracker.yml --secondary sgie.txt --fakesink
  $ lydlr-gst deepstream inference rtsp://cam/1 --config pgie.txt --rtsp-port 8554 --broker kafka://kafka:9092/detections
  $ lydlr-gst deepstream inference test --config pgie.txt --dry-run

Exit codes: 0 ok · 1 the pipeline failed · 2 bad options, inputs or config files · 3 DeepStream not available`,
  requires: { elements: [], python: [], deepstream: true },
  api: { kind: 'deepstream-inference', path: '/deepstream/inference/', tag: 'deepstream', body: async () => (await import('./api.js')).deepstreamApi,
    summary: 'NVIDIA DeepStream inference (nvstreammux → nvinfer → nvdsosd); dryRun returns the pipeline: `lydlr-gst deepstream inference`' },
  load: async () => (await import('./entry.js')).runDeepstreamInference,
});
