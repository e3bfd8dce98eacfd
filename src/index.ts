// The library surface: the same builder, runner, events and tables the CLI uses.
export { PipelineBuilder, UNLIMITED_QUEUE, type EncoderOptions, type SourceKind, type SinkKind } from './pipeline/builder.js';
export { quoteValue, formatProperty, shellQuote, type PropValue } from './pipeline/quote.js';
export { tokenizePipeline } from './pipeline/tokenize.js';
export { element, caps, ref, type Chain, type PipelineNode, type ElementNode } from './pipeline/nodes.js';
export {
  CODECS, VIDEO_CODECS, SPEED_PRESETS, CONTAINERS, resolveCodec, levelToScale, encoderBitrate,
  type VideoCodec, type VideoCodecSpec, type EncodeSettings, type SpeedPreset, type Container,
} from './pipeline/codecs.js';
export { CONTAINER_SPECS, AUDIO_CODEC_SPECS, containerForPath, codecsForContainer, type AudioCodec } from './pipeline/containers.js';
export { parseInputSpec, planInput, ACCEPTED_INPUTS, type InputSpec, type InputPlan } from './pipeline/sources.js';
export { PipelineRun, launchFlags, type LaunchOptions, type RunResult } from './gst/launch.js';
export { gstEventSchema, type GstEvent, type GstEventType, type EventOf, type RunStats } from './gst/events.js';
export { LaunchOutputParser } from './gst/parse-bus.js';
export { failureOf, missingElement, PipelineError } from './gst/failure.js';
export { packageForElement } from './gst/packages.js';
export { readEnv, gstChildEnv, type LydlrEnv } from './config/env.js';
export { LydlrError, UsageError, EnvironmentError, JobError, InterruptedError, ExitCode } from './errors.js';
export { deepstreamStatus, DEEPSTREAM_REQUIRED_ELEMENTS, DEEPSTREAM_OPTIONAL_ELEMENTS, type DeepstreamStatus, type DeepstreamCheck, type DeepstreamStatusOptions, type GpuInfo } from './jobs/deepstream/status.js';
export { DeepstreamPipeline, type DeepstreamStartOptions } from './jobs/deepstream/deepstream-pipeline.js';
export { deepstreamOptionsSchema, parseDeepstreamOptions, type DeepstreamOptions, type DeepstreamOptionsInput } from './jobs/deepstream/options.js';
export { buildDeepstreamPipeline } from './jobs/deepstream/pipeline.js';
export { planDeepstream, type DeepstreamPlan } from './jobs/deepstream/plan.js';
export { parseBroker, BROKER_PROTOCOLS, PROTO_LIBS, type BrokerTarget } from './jobs/deepstream/broker.js';
export { healthReport, exitCodeOf, type HealthOptions } from './health/report.js';
export { HEALTH_COMMANDS, type HealthReport, type HealthCommand, type Check, type Verdict, type CommandReadiness, type MissingElement } from './health/types.js';
export { gstStatus, type GstStatus, type StatusOptions } from './health/status.js';
export { diagnostics, type Diagnostics } from './health/diagnostics.js';
export { systemInfo, type SystemInfo } from './health/system-info.js';
export { codecMatrix, type CodecRow } from './health/codec-matrix.js';
export { listPlugins, filterListing, type PluginList, type PluginEntry, type PluginFilter } from './gst/plugin-list.js';
export { inspect, describeElement } from './gst/describe-element.js';
export { listFeatures, hasElement, findElements, exists, resolvePackage, listBlacklisted, type InspectOptions } from './gst/inspect.js';
export type { Feature, FeatureKind, Listing, DescribeResult, ElementInfo, PluginInfo, TypefindInfo, TracerInfo, Property, PadTemplate, Caps } from './gst/inspect-schema.js';
export { VideoCompressionPipeline, type VideoCompressionOptions } from './jobs/compress/compression-pipeline.js';
export { compressOptionsSchema, type CompressOptions, type CompressOptionsInput } from './jobs/compress/options.js';
export type { CompressResult } from './jobs/compress/run-job.js';
