// DeepstreamPipeline: `lydlr-gst deepstream inference` as a library class (the same options, plan,
// pipeline, status check and run as the CLI).
import { GStreamerPipeline, type Launched } from '../gstreamer-pipeline.js';
import { readEnv } from '../../config/env.js';
import type { PipelineBuilder } from '../../pipeline/builder.js';
import { parseDeepstreamOptions, type DeepstreamOptions, type DeepstreamOptionsInput } from './options.js';
import { buildDeepstreamPipeline } from './pipeline.js';
import { planDeepstream, type DeepstreamPlan } from './plan.js';
import { runDeepstream, type DeepstreamRunResult } from './run.js';
import { deepstreamStatus, type DeepstreamStatus } from './status.js';
import { runPipeline } from '../run-pipeline.js';

export interface DeepstreamStats {
  /** The RTSP URL of --rtsp-port output once it is served. */
  rtspUrl: string | undefined;
}

export class DeepstreamPipeline extends GStreamerPipeline<DeepstreamRunResult, DeepstreamStats> {
  readonly options: DeepstreamOptions;
  private rtspUrl: string | undefined;

  // Throws UsageError (exit 2) for invalid options; NVIDIA_DEEPSTREAM_PATH fills deepstreamPath when not given.
  constructor(options: DeepstreamOptionsInput, settings: { env?: NodeJS.ProcessEnv } = {}) {
    super('deepstream inference', settings.env);
    this.options = parseDeepstreamOptions({ deepstreamPath: readEnv(this.ctx.processEnv).deepstreamPath, ...options });
  }

  /** Inputs, config files and output checked against the file system now (UsageError when wrong). */
  plan(): DeepstreamPlan {
    return planDeepstream(this.options);
  }

  /** The pipeline (no DeepStream needed to build it). */
  async createPipeline(): Promise<PipelineBuilder> {
    return buildDeepstreamPipeline(this.plan());
  }

  status(): Promise<DeepstreamStatus> {
    return deepstreamStatus({ env: this.ctx.processEnv });
  }

  // Runs to the end; EnvironmentError (exit 3) when DeepStream is not available, typed errors on failure.
  protected async launch(): Promise<Launched<DeepstreamRunResult>> {
    const result = await runDeepstream(this.plan(), {
      env: this.ctx.processEnv,
      onRtspReady: (url) => {
        this.rtspUrl = url;
        this.ctx.reporter.event({ type: 'ready', url, message: `Serving ${url}` });
      },
      launch: (pipeline, extraPluginPaths) => runPipeline(this.ctx, { pipeline, extraPluginPaths }),
    });
    return { result };
  }

  protected extraStats(): DeepstreamStats {
    return { rtspUrl: this.rtspUrl };
  }
}
