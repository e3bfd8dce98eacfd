// `deepstream inference` options: one zod schema, clear exit-2 messages naming the flag.
import { z } from 'zod';
import { DEFAULT_DEEPSTREAM_PATH } from '../../config/env.js';
import { UsageError } from '../../errors.js';
import type { DeepstreamInferenceFlags } from './index.js';

export const OUTPUT_KINDS = ['file', 'rtsp', 'display', 'fakesink'] as const;

const outputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file'), path: z.string().min(1), overwrite: z.boolean().default(false) }),
  z.object({
    kind: z.literal('rtsp'),
    port: z.int().min(1).max(65535),
    /** Address the RTSP server listens on. */
    host: z.string().min(1).default('127.0.0.1'),
    mount: z.string().regex(/^\/[\w\-./]*$/, 'must start with "/" (letters, digits, - _ . /)').default('/ds'),
    /** The loopback UDP port between the DeepStream pipeline and the RTSP server (0 = pick a free one). */
    udpPort: z.int().min(0).max(65535).default(0),
  }),
  z.object({ kind: z.literal('display') }),
  z.object({ kind: z.literal('fakesink') }),
]);

const size = z.int().min(16).max(16384);

export const deepstreamOptionsSchema = z.object({
  inputs: z.array(z.string().min(1)).min(1, 'give at least one input'),
  /** Primary nvinfer config (PGIE). */
  config: z.string().min(1),
  /** Secondary nvinfer configs (SGIEs), in order. */
  secondary: z.array(z.string().min(1)).default([]),
  /** nvtracker's ll-config-file (YAML or txt). */
  tracker: z.string().min(1).optional(),
  /** nvtracker's ll-lib-file; default <deepstreamPath>/lib/libnvds_nvmultiobjecttracker.so. */
  trackerLib: z.string().min(1).optional(),
  trackerWidth: size.default(640),
  trackerHeight: size.default(384),
  output: outputSchema.default({ kind: 'fakesink' }),
  /** nvstreammux and primary nvinfer batch-size; default the number of inputs. */
  batchSize: z.int().min(1).max(1024).optional(),
  width: size.default(1920),
  height: size.default(1080),
  gpuId: z.int().min(0).max(63).default(0),
  /** Microseconds nvstreammux waits to fill a batch (NVIDIA's samples: 40000); -1 waits for a full batch. */
  batchedPushTimeout: z.int().min(-1).default(40_000),
  /** Encoder bitrate in kbit/s (file and RTSP outputs). */
  bitrate: z.int().min(1).max(1_000_000).default(4000),
  /** kafka://host:port/topic, amqp://…, redis://…, mqtt://…, azure://…: detections to a message broker. */
  broker: z.string().min(1).optional(),
  brokerConfig: z.string().min(1).optional(),
  msgconvConfig: z.string().min(1).optional(),
  payloadType: z.enum(['deepstream', 'minimal']).default('deepstream'),
  /** nvmsgconv: one message every N frames. */
  frameInterval: z.int().min(1).default(30),
  /** Test inputs run in real time (and nvstreammux is told the sources are live). */
  live: z.boolean().default(false),
  /** Test inputs: seconds of video to generate. */
  durationSeconds: z.number().positive().optional(),
  deepstreamPath: z.string().min(1).default(DEFAULT_DEEPSTREAM_PATH),
});

export type DeepstreamOptionsInput = z.input<typeof deepstreamOptionsSchema>;
export type DeepstreamOptions = z.output<typeof deepstreamOptionsSchema>;
export type DeepstreamOutput = DeepstreamOptions['output'];

const FLAGS: Record<string, string> = {
  inputs: '<input>', config: '--config', secondary: '--secondary', tracker: '--tracker', trackerLib: '--tracker-lib',
  trackerWidth: '--tracker-width', trackerHeight: '--tracker-height', batchSize: '--batch-size', width: '--width',
  height: '--height', gpuId: '--gpu-id', batchedPushTimeout: '--batched-push-timeout', bitrate: '--bitrate',
  broker: '--broker', brokerConfig: '--broker-config', msgconvConfig: '--msgconv-config', payloadType: '--payload-type',
  frameInterval: '--frame-interval', durationSeconds: '--duration', deepstreamPath: 'NVIDIA_DEEPSTREAM_PATH',
};
const OUTPUT_FLAGS: Record<string, string> = { path: '--output', port: '--rtsp-port', host: '--rtsp-host', mount: '--rtsp-mount', udpPort: '--rtsp-port' };

// Validates and fills defaults; the first problem is a UsageError (exit 2) naming the flag.
export function parseDeepstreamOptions(input: DeepstreamOptionsInput): DeepstreamOptions {
  const parsed = deepstreamOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [head, sub] = issue.path.map(String);
  const flag = head === 'output' ? (OUTPUT_FLAGS[sub ?? ''] ?? 'the output') : (FLAGS[head ?? ''] ?? head ?? 'options');
  throw new UsageError(`Invalid ${flag}: ${issue.message}.`, { data: { flag, path: issue.path.map(String) } });
}

// `deepstream inference` words and flags → the schema's input (the CLI and the REST API share it).
export function inferenceOptions(inputs: string[], flags: DeepstreamInferenceFlags, deepstreamPath: string): DeepstreamOptionsInput {
  const output: DeepstreamOptionsInput['output'] = flags.output !== undefined
    ? { kind: 'file', path: flags.output, overwrite: Boolean(flags.overwrite) }
    : flags.rtspPort !== undefined
      ? { kind: 'rtsp', port: flags.rtspPort, host: flags.rtspHost, mount: flags.rtspMount }
      : flags.display ? { kind: 'display' } : { kind: 'fakesink' };
  return {
    inputs, config: flags.config, secondary: flags.secondary, tracker: flags.tracker, trackerLib: flags.trackerLib,
    trackerWidth: flags.trackerWidth, trackerHeight: flags.trackerHeight, output, batchSize: flags.batchSize,
    width: flags.width, height: flags.height, gpuId: flags.gpuId, batchedPushTimeout: flags.batchedPushTimeout,
    bitrate: flags.bitrate, broker: flags.broker, brokerConfig: flags.brokerConfig, msgconvConfig: flags.msgconvConfig,
    payloadType: flags.payloadType, frameInterval: flags.frameInterval, live: Boolean(flags.live),
    durationSeconds: flags.duration, deepstreamPath,
  };
}
