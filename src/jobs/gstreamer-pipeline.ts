// The one base of the library's pipeline classes (VideoCompressionPipeline, HLSPipeline,
// RTSPStreamPipeline, WebRTCPipeline, DeepstreamPipeline, RecordPipeline): the same life cycle, stop, stats and
// events for every job, on the same code the CLI runs.
//
//   const job = new VideoCompressionPipeline({ inputSource: 'in.mp4', outputSink: 'out.webm', codec: 'vp9' });
//   job.on((event) => console.log(event.type));      // or job.on('progress', (e) => …)
//   console.log((await job.createPipeline()).build()); // what will run (probes the input, runs nothing)
//   const result = await job.start();                 // files: the end; servers: once clients can connect
//   await job.stop();                                 // EOS, files finalised; a second stop() kills
import type { PipelineBuilder } from '../pipeline/builder.js';
import type { AppEvent } from '../report/reporter.js';
import type { GstEvent } from '../gst/launch/events.js';
import { silentContext, type JobContext, type JobListener } from './context.js';
import { monotonicMs } from '../process/monotonic.js';

export type PipelineState = 'idle' | 'running' | 'stopping' | 'finished' | 'stopped' | 'failed';

/** The fields every pipeline class reports; each adds its own beside them. */
export interface PipelineStats {
  state: PipelineState;
  /** Frames through the pipeline (null until counted, or where a server cannot tell). */
  frames: number | null;
  /** Bytes written or sent (null until counted). */
  bytes: number | null;
  errors: number;
  warnings: number;
  uptimeMs: number;
}

export type PipelineEvent = GstEvent | AppEvent;

/** What a subclass's launch gives back: the start() value, and for a server the end of its run. */
export interface Launched<Result> {
  result: Result;
  /** A server's run goes on after start() (absent: the job ended with the launch). */
  ended?: Promise<unknown>;
}

export abstract class GStreamerPipeline<Result, Extra extends object = object> {
  private readonly listeners = new Set<JobListener>();
  /** The context the job's code runs with: events to our listeners, stops from stop(). */
  protected readonly ctx: JobContext;
  private state: PipelineState = 'idle';
  private startedAt: number | undefined;
  private endedAt: number | undefined;
  private counts = { errors: 0, warnings: 0 };
  private last: { frames: number | null; bytes: number | null } = { frames: null, bytes: null };
  private starting: Promise<Result> | undefined;
  private ended: Promise<void> | undefined;

  /** `env`: the environment the job reads its variables from and passes on (default: this process's). */
  protected constructor(command: string, env: NodeJS.ProcessEnv = process.env) {
    this.ctx = silentContext(command, this.listeners, env);
    this.listeners.add((event) => this.observe(event));
  }

  /** The pipeline this job will run, as a builder (.build(), .toArgv(), .toShellCommand()). Probes the input; runs nothing. */
  abstract createPipeline(): Promise<PipelineBuilder>;

  /** Runs the job with this.ctx (its stop request and reporter). */
  protected abstract launch(): Promise<Launched<Result>>;

  /** The job's own stats fields. */
  protected abstract extraStats(): Extra;

  /** Every event (`on(listener)`), or those of one type (`on('progress', listener)`); returns the unsubscribe. */
  on(listener: (event: PipelineEvent) => void): () => void;
  on<T extends string>(type: T, listener: (event: Extract<PipelineEvent, { type: T }>) => void): () => void;
  on(typeOrListener: string | ((event: PipelineEvent) => void), maybe?: (event: never) => void): () => void {
    const listener: JobListener = typeof typeOrListener === 'function'
      ? typeOrListener
      : (event) => event.type === typeOrListener && (maybe as (e: PipelineEvent) => void)(event);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts the job (once: a second call returns the same promise). Rejects with a typed error (LydlrError). */
  start(): Promise<Result> {
    this.starting ??= this.run();
    return this.starting;
  }

  /** Graceful stop: EOS, files finalised, clients told; resolves once the run has ended. A second call stops at once. */
  async stop(): Promise<void> {
    if (this.state === 'running' || this.state === 'stopping') {
      this.state = 'stopping';
      this.ctx.stop.request('stop');
    }
    await this.ended?.catch(() => undefined);
  }

  getStats(): PipelineStats & Extra {
    const end = this.endedAt ?? monotonicMs();
    const uptimeMs = this.startedAt === undefined ? 0 : Math.round(end - this.startedAt);
    return { state: this.state, ...this.last, ...this.counts, uptimeMs, ...this.extraStats() };
  }

  private async run(): Promise<Result> {
    this.state = 'running';
    this.startedAt = monotonicMs();
    const launched = this.launch();
    // stop() waits for the whole run: for a file job the launch itself, for a server until it has stopped.
    this.ended = launched.then(({ ended }) => ended).then(() => this.finish(), (error: unknown) => this.finish(error));
    let outcome: Launched<Result>;
    try {
      outcome = await launched;
    } catch (error) {
      this.finish(error);
      throw error;
    }
    if (!outcome.ended) this.finish();
    return outcome.result;
  }

  private finish(error?: unknown): void {
    this.endedAt ??= monotonicMs();
    this.state = error !== undefined ? (this.ctx.stop.requested ? 'stopped' : 'failed') : this.ctx.stop.requested ? 'stopped' : 'finished';
  }

  // Errors, warnings, frames and bytes from the job's own events, whatever the job.
  private observe(event: PipelineEvent): void {
    if (event.type === 'error' || event.type === 'media-error') this.counts.errors += 1;
    else if (event.type === 'warning') this.counts.warnings += 1;
    else if (event.type === 'stats') {
      const s = event as { frames?: number | null; bytes?: number | null };
      this.last = { frames: s.frames ?? this.last.frames, bytes: s.bytes ?? this.last.bytes };
    }
  }
}
