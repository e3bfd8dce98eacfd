// Options → a checked plan: inputs parsed and present, config files valid, nvinfer ids unique, output
// allowed. Everything that can be wrong with what the user gave is found here (exit 2), before any spawn.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { parseInputSpec, type InputSpec } from '../../pipeline/sources.js';
import { CONTAINER_SPECS, containerForPath, containersForCodec } from '../../pipeline/containers.js';
import { configuredUniqueId, readInferConfig, requireReadableFile } from './config-file.js';
import { parseBroker, protoLibPath, type BrokerTarget } from './broker.js';
import type { DeepstreamOptions } from './options.js';

export interface InferStage {
  /** Absolute path of the nvinfer config. */
  configPath: string;
  uniqueId: number;
}

export type PlannedOutput =
  | { kind: 'file'; path: string; muxer: string; overwrite: boolean }
  | { kind: 'rtsp'; port: number; host: string; mount: string; udpPort: number }
  | { kind: 'display' }
  | { kind: 'fakesink' };

export interface PlannedBroker extends BrokerTarget {
  protoLibPath: string;
  config: string | undefined;
  msgconvConfig: string | undefined;
  /** nvmsgconv payload-type: 0 full DeepStream schema, 1 minimal. */
  payloadType: 0 | 1;
  frameInterval: number;
}

export interface DeepstreamPlan {
  inputs: InputSpec[];
  /** Any input is live (camera, RTSP…, or test inputs with --live): nvstreammux live-source. */
  live: boolean;
  batchSize: number;
  width: number;
  height: number;
  gpuId: number;
  batchedPushTimeout: number;
  primary: InferStage;
  secondaries: InferStage[];
  tracker: { configPath: string; libPath: string; width: number; height: number } | undefined;
  /** Several inputs are tiled into one picture (NVIDIA's samples: rows = floor(sqrt n)). */
  tiler: { rows: number; columns: number } | undefined;
  output: PlannedOutput;
  /** Encoder bitrate in bit/s (nvv4l2h264enc's unit). */
  bitrate: number;
  broker: PlannedBroker | undefined;
  durationSeconds: number | undefined;
  deepstreamPath: string;
}

export const TRACKER_LIB = 'libnvds_nvmultiobjecttracker.so';

export function planDeepstream(options: DeepstreamOptions): DeepstreamPlan {
  const inputs = options.inputs.map((spec) => checkedInput(spec, options.live));
  const primaryConfig = readInferConfig(options.config, '--config');
  const secondaryConfigs = options.secondary.map((file) => readInferConfig(file, '--secondary'));
  const ids = assignUniqueIds([primaryConfig, ...secondaryConfigs]);
  const n = inputs.length;
  const rows = Math.max(1, Math.floor(Math.sqrt(n)));
  return {
    inputs,
    live: inputs.some((i) => i.live),
    batchSize: options.batchSize ?? n,
    width: options.width,
    height: options.height,
    gpuId: options.gpuId,
    batchedPushTimeout: options.batchedPushTimeout,
    primary: { configPath: primaryConfig.path, uniqueId: ids[0]! },
    secondaries: secondaryConfigs.map((c, i) => ({ configPath: c.path, uniqueId: ids[i + 1]! })),
    tracker: options.tracker === undefined ? undefined : {
      configPath: requireReadableFile(options.tracker, '--tracker'),
      libPath: options.trackerLib ? requireReadableFile(options.trackerLib, '--tracker-lib') : join(options.deepstreamPath, 'lib', TRACKER_LIB),
      width: options.trackerWidth,
      height: options.trackerHeight,
    },
    tiler: n > 1 ? { rows, columns: Math.ceil(n / rows) } : undefined,
    output: planOutput(options, inputs),
    bitrate: options.bitrate * 1000,
    broker: options.broker === undefined ? undefined : planBroker(options),
    durationSeconds: options.durationSeconds,
    deepstreamPath: options.deepstreamPath,
  };
}

// A parsed input spec; files must exist; standard input cannot feed nvstreammux.
function checkedInput(spec: string, live: boolean): InputSpec {
  const input = parseInputSpec(spec, { live });
  if (input.kind === 'stdin') throw new UsageError('deepstream inference cannot read standard input ("-").', { fix: 'Give a file, a URI, a camera or test.', data: { input: spec } });
  if (input.kind === 'file') {
    let isFile = false;
    try {
      isFile = statSync(input.path).isFile();
    } catch {
      throw new UsageError(`Input "${spec}" does not exist.`, { fix: 'Check the path.', data: { input: spec } });
    }
    if (!isFile) throw new UsageError(`Input "${spec}" is not a file.`, { data: { input: spec } });
  }
  return input;
}

// The config's own gie-unique-id wins; the rest get 1 (primary) or the next free id; duplicates are refused.
function assignUniqueIds(configs: ReturnType<typeof readInferConfig>[]): number[] {
  const explicit = configs.map(configuredUniqueId);
  const used = new Map<number, string>();
  explicit.forEach((id, i) => {
    if (id === undefined) return;
    const other = used.get(id);
    if (other) throw new UsageError(`nvinfer unique-id ${id} is set by both "${other}" and "${configs[i]!.path}".`, { fix: 'Give each config its own gie-unique-id.', data: { uniqueId: id } });
    used.set(id, configs[i]!.path);
  });
  let next = 1;
  return explicit.map((id) => {
    if (id !== undefined) return id;
    while (used.has(next)) next += 1;
    used.set(next, '');
    return next;
  });
}

function planOutput(options: DeepstreamOptions, inputs: InputSpec[]): PlannedOutput {
  const output = options.output;
  if (output.kind !== 'file') return output;
  const path = resolve(output.path);
  const container = containerForPath(path);
  const allowed = containersForCodec('h264');
  if (!container || !allowed.includes(container)) {
    throw new UsageError(`--output "${output.path}": the extension must name a container that holds H.264 (${allowed.map((c) => CONTAINER_SPECS[c].extensions[0]).join(', ')}).`, { data: { output: output.path } });
  }
  if (!existsSync(dirname(path))) throw new UsageError(`--output "${output.path}": the folder ${dirname(path)} does not exist.`, { data: { output: output.path } });
  if (inputs.some((i) => i.kind === 'file' && resolve(i.path) === path)) throw new UsageError(`--output "${output.path}" is also an input.`, { data: { output: output.path } });
  if (existsSync(path) && !output.overwrite) {
    throw new UsageError(`--output "${output.path}" exists.`, { fix: 'Add --overwrite to replace it, or choose another name.', data: { output: output.path } });
  }
  return { kind: 'file', path, muxer: CONTAINER_SPECS[container].muxer, overwrite: output.overwrite };
}

function planBroker(options: DeepstreamOptions): PlannedBroker {
  const target = parseBroker(options.broker!);
  const config = options.brokerConfig ? requireReadableFile(options.brokerConfig, '--broker-config') : undefined;
  if (target.protocol === 'azure' && !target.connStr && !config) {
    throw new UsageError('--broker azure:// needs the device connection string, in the URL or in --broker-config.', { data: { broker: target.display } });
  }
  return {
    ...target,
    protoLibPath: protoLibPath(options.deepstreamPath, target),
    config,
    msgconvConfig: options.msgconvConfig ? requireReadableFile(options.msgconvConfig, '--msgconv-config') : undefined,
    payloadType: options.payloadType === 'minimal' ? 1 : 0,
    frameInterval: options.frameInterval,
  };
}

// Where a file output is written until it is complete (same folder, so the rename is atomic).
export function partialPath(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}.lydlr-partial-${process.pid}${finalPath.slice(finalPath.lastIndexOf('.'))}`);
}
