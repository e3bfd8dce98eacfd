// A checked plan → the canonical DeepStream pipeline, as NVIDIA's reference apps build it:
// inputs → nvstreammux → nvinfer (primary) → [nvtracker] → [secondary nvinfers] → [tee → nvmsgconv → nvmsgbroker]
// → [nvmultistreamtiler] → nvvideoconvert → nvdsosd → output. Pure: no file or process is touched.
import { PipelineBuilder } from '../../pipeline/builder.js';
import type { PropValue } from '../../pipeline/quote.js';
import { STATS_PROBE_PREFIX } from '../../gst/launch/stats.js';
import type { InputSpec } from '../../pipeline/sources.js';
import type { DeepstreamPlan } from './plan.js';

export const MUX = 'ds_mux';
export const NVMM_NV12 = 'video/x-raw(memory:NVMM),format=NV12';
const NVMM_I420 = 'video/x-raw(memory:NVMM),format=I420';
/** RTP H.264 as the RTSP server's udpsrc expects it (deepstream-app's RTSP sink does the same). */
export const RTP_H264_CAPS = 'application/x-rtp,media=video,clock-rate=90000,encoding-name=H264,payload=96';

export interface BuildOptions {
  /** Where the file output is written while running (a temporary name); default the planned path. */
  outputLocation?: string;
  /** The loopback UDP port for --rtsp-port (decided at run time); default the planned one. */
  udpPort?: number;
}

export function buildDeepstreamPipeline(plan: DeepstreamPlan, options: BuildOptions = {}): PipelineBuilder {
  const gpu = gpuProps(plan);
  let b = new PipelineBuilder()
    .add('nvstreammux', {
      'batch-size': plan.batchSize, width: plan.width, height: plan.height,
      'batched-push-timeout': plan.batchedPushTimeout, 'live-source': plan.live || undefined, ...gpu,
    }, MUX)
    .queue({})
    .add('nvinfer', { 'config-file-path': plan.primary.configPath, 'batch-size': plan.batchSize, 'unique-id': plan.primary.uniqueId, ...gpu }, 'ds_pgie');
  if (plan.tracker) {
    const t = plan.tracker;
    b = b.queue({}).add('nvtracker', { 'll-lib-file': t.libPath, 'll-config-file': t.configPath, 'tracker-width': t.width, 'tracker-height': t.height, ...gpu }, 'ds_tracker');
  }
  plan.secondaries.forEach((s, i) => {
    b = b.queue({}).add('nvinfer', { 'config-file-path': s.configPath, 'unique-id': s.uniqueId, ...gpu }, `ds_sgie${i + 1}`);
  });
  if (plan.broker) b = addBrokerBranch(b.tee('ds_meta'), plan).from('ds_meta');
  if (plan.tiler) {
    b = b.queue({}).add('nvmultistreamtiler', { rows: plan.tiler.rows, columns: plan.tiler.columns, width: plan.width, height: plan.height, ...gpu }, 'ds_tiler');
  }
  b = b.queue({}).add('nvvideoconvert', gpu).add('nvdsosd', gpu, 'ds_osd');
  b = addOutput(b, plan, options);
  plan.inputs.forEach((input, i) => {
    b = addSource(b, input, i, plan);
  });
  return b;
}

function gpuProps(plan: DeepstreamPlan): Record<string, PropValue> {
  return plan.gpuId !== 0 ? { 'gpu-id': plan.gpuId } : {};
}

// The probe our stats counter reads (frames, bytes), just before the sink.
const statsProbe = (b: PipelineBuilder) => b.add('identity', { silent: false }, `${STATS_PROBE_PREFIX}0`);

function addOutput(b: PipelineBuilder, plan: DeepstreamPlan, options: BuildOptions): PipelineBuilder {
  const out = plan.output;
  const encode = (x: PipelineBuilder, props: Record<string, PropValue> = {}) =>
    x.queue({}).add('nvvideoconvert', gpuProps(plan)).caps(NVMM_I420).add('nvv4l2h264enc', { bitrate: plan.bitrate, ...props });
  switch (out.kind) {
    case 'file':
      return statsProbe(encode(b).add('h264parse')).add(out.muxer).add('filesink', { location: options.outputLocation ?? out.path });
    case 'rtsp':
      return statsProbe(encode(b, { iframeinterval: 30 }).add('h264parse', { 'config-interval': -1 }))
        .add('rtph264pay', { 'config-interval': 1, pt: 96 })
        .add('udpsink', { host: '127.0.0.1', port: options.udpPort ?? out.udpPort });
    case 'display':
      return statsProbe(b).add('nveglglessink', {}, 'ds_sink');
    case 'fakesink':
      return statsProbe(b).add('fakesink', { sync: false }, 'ds_sink');
  }
}

// Detections leave from right after inference (per-source coordinates), as deepstream-test4 sends them.
function addBrokerBranch(b: PipelineBuilder, plan: DeepstreamPlan): PipelineBuilder {
  const k = plan.broker!;
  return b
    .from('ds_meta')
    .queue({})
    .add('nvmsgconv', { config: k.msgconvConfig, 'payload-type': k.payloadType, 'msg2p-newapi': true, 'frame-interval': k.frameInterval }, 'ds_msgconv')
    .add('nvmsgbroker', { 'proto-lib': k.protoLibPath, 'conn-str': k.connStr, topic: k.topic, config: k.config, sync: false }, 'ds_msgbroker');
}

// One input into nvstreammux's request pad sink_<i>, as NVMM NV12 frames.
function addSource(b: PipelineBuilder, input: InputSpec, i: number, plan: DeepstreamPlan): PipelineBuilder {
  const name = `ds_src${i}`;
  const pad = `sink_${i}`;
  const toNvmm = (x: PipelineBuilder) => x.queue({}).add('nvvideoconvert', gpuProps(plan)).caps(NVMM_NV12).to(MUX, pad);
  switch (input.kind) {
    case 'file': {
      const parser = elementaryParser(input.path);
      const src = b.chain().add('filesrc', { location: input.path }, name);
      // A bare H.264/H.265 stream: parser → hardware decoder (deepstream-test1); containers: decodebin picks it.
      if (parser) return src.add(parser).add('nvv4l2decoder').queue({}).to(MUX, pad);
      return toNvmm(src.add('decodebin', {}, `ds_dec${i}`).from(`ds_dec${i}`).caps('video/x-raw(ANY)'));
    }
    case 'uri':
      return toNvmm(b.chain().add('uridecodebin', { uri: input.uri }, name).from(name).caps('video/x-raw(ANY)'));
    case 'device':
      return toNvmm(b.chain().add('v4l2src', { device: input.device }, name).add('videoconvert'));
    case 'test': {
      const frames = plan.durationSeconds !== undefined ? Math.max(1, Math.round(plan.durationSeconds * 30)) : undefined;
      return toNvmm(b.chain()
        .add('videotestsrc', { pattern: input.pattern, 'is-live': input.live || undefined, 'num-buffers': frames }, name)
        .caps(`video/x-raw,width=${plan.width},height=${plan.height},framerate=30/1`));
    }
    case 'stdin':
      throw new RangeError('standard input cannot feed nvstreammux');
  }
}

// .h264/.264 → h264parse, .h265/.265/.hevc → h265parse; undefined for containers.
export function elementaryParser(path: string): 'h264parse' | 'h265parse' | undefined {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  if (['.h264', '.264', '.avc'].includes(ext)) return 'h264parse';
  if (['.h265', '.265', '.hevc'].includes(ext)) return 'h265parse';
  return undefined;
}
