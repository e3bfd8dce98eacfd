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
