// The library face of `deepstream inference` (the seed's "NVIDIA Deepstream AI inference pipeline"):
// the same options, plan, pipeline, status check and run as the CLI, without a terminal.
import { gstChildEnv, readEnv } from '../../config/env.js';
import { PipelineRun, type RunResult } from '../../gst/launch.js';
import type { GstEvent, RunStats } from '../../gst/events.js';
import type { PipelineBuilder } from '../../pipeline/builder.js';
import { parseDeepstreamOptions, type DeepstreamOptions, type DeepstreamOptionsInput } from './options.js';
import { buildDeepstreamPipeline } from './pipeline.js';
import { planDeepstream, type DeepstreamPlan } from './plan.js';
import { runDeepstream, type DeepstreamRunResult } from './run.js';
import { deepstreamStatus, type DeepstreamStatus } from './status.js';

export interface DeepstreamStartOptions {
  /** Called for every typed event of the run (progress, warnings, state, stats…). */
  onEvent?: (event: GstEvent) => void;
  onRtspReady?: (url: string) => void;
}

export class DeepstreamPipeline {
  readonly options: DeepstreamOptions;
  private readonly env: NodeJS.ProcessEnv;
  private cachedPlan: DeepstreamPlan | undefined;
  private run: PipelineRun | undefined;
  private lastStats: RunStats | undefined;

  // Throws UsageError (exit 2) for invalid options; NVIDIA_DEEPSTREAM_PATH fills deepstreamPath when not given.
  constructor(options: DeepstreamOptionsInput, settings: { env?: NodeJS.ProcessEnv } = {}) {
    this.env = settings.env ?? process.env;
    this.options = parseDeepstreamOptions({ deepstreamPath: readEnv(this.env).deepstreamPath, ...options });
  }

  /** Inputs, config files and output checked against the file system (UsageError when wrong). */
  plan(): DeepstreamPlan {
    this.cachedPlan ??= planDeepstream(this.options);
    return this.cachedPlan;
  }

  /** The pipeline as a builder: .build() for the gst-launch text, .toArgv(), .toShellCommand(). */
  createPipeline(): PipelineBuilder {
    return buildDeepstreamPipeline(this.plan());
  }

  status(): Promise<DeepstreamStatus> {
    return deepstreamStatus({ env: this.env });
  }

  // Runs to the end; EnvironmentError (exit 3) when DeepStream is not available, typed errors on failure.
  async start(options: DeepstreamStartOptions = {}): Promise<DeepstreamRunResult> {
    if (this.run) throw new Error('this DeepstreamPipeline is already running');
    try {
      return await runDeepstream(this.plan(), {
        env: this.env,
        onRtspReady: options.onRtspReady,
        launch: (pipeline, extraPluginPaths) => this.launch(pipeline, extraPluginPaths, options.onEvent),
      });
    } finally {
      this.lastStats = this.getStats();
      this.run = undefined;
    }
  }

  /** Graceful stop (EOS, files finalized); a second call kills. */
  stop(): void {
    this.run?.stop();
  }

  /** Frames and bytes so far (null before the first frame), errors, warnings, uptime. */
  getStats(): RunStats | undefined {
    return this.run?.getStats() ?? this.lastStats;
  }

  private launch(pipeline: string[], extraPluginPaths: string[], onEvent?: (event: GstEvent) => void): Promise<RunResult> {
    const env = gstChildEnv(readEnv(this.env), { extraPluginPaths }, this.env);
    this.run = new PipelineRun({ pipeline, env });
    if (onEvent) this.run.on(onEvent);
    return this.run.start();
  }
}
