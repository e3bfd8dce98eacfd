// The seed's VideoCompressionPipeline, on the same code as `lydlr-gst compress`.
import { compressOptionsSchema, type CompressOptionsInput } from './options.js';
import { parseJobOptions } from '../validate.js';
import { planJob, type PlannedJob } from './plan-job.js';
import { runJob, type CompressResult } from './run-job.js';
import { buildCompressPipeline } from './pipeline.js';
import { silentContext, type JobListener } from '../context.js';
import type { RunStats } from '../../gst/events.js';

export interface VideoCompressionOptions extends Omit<CompressOptionsInput, 'inputs' | 'output' | 'level'> {
  inputSource: string;
  outputSink: string;
  /** 0..1, higher = smaller file (the seed's compression_level). */
  compressionLevel?: number;
}

export class VideoCompressionPipeline {
  private readonly listeners = new Set<JobListener>();
  private readonly ctx = silentContext('compress', this.listeners);
  private planned: Promise<PlannedJob> | undefined;
  private stats: RunStats | undefined;
  private startedAt: number | undefined;

  constructor(private readonly options: VideoCompressionOptions) {}

  on(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The gst-launch pipeline description this job runs. */
  async createPipeline(): Promise<string> {
    return buildCompressPipeline((await this.plan()).plan).build();
  }

  /** Runs to the end; resolves with the summary, rejects with a typed error (LydlrError). */
  async start(): Promise<CompressResult> {
    this.startedAt = performance.now();
    const unsubscribe = this.on((e) => {
      if (e.type !== 'stats') return;
      const { frames, bytes, errors, warnings, uptimeSeconds } = e as RunStats;
      this.stats = { frames, bytes, errors, warnings, uptimeSeconds };
    });
    try {
      return await runJob(this.ctx, await this.plan());
    } finally {
      unsubscribe();
    }
  }

  /** Graceful stop: EOS, then the temporary output is removed (start() rejects with exit 130). */
  stop(): void {
    this.ctx.stop.request('stop');
  }

  getStats(): RunStats {
    const uptimeSeconds = this.startedAt === undefined ? 0 : (performance.now() - this.startedAt) / 1000;
    return this.stats ?? { frames: null, bytes: null, errors: 0, warnings: 0, uptimeSeconds };
  }

  private plan(): Promise<PlannedJob> {
    const { inputSource, outputSink, compressionLevel, ...rest } = this.options;
    const parsed = parseJobOptions(compressOptionsSchema, { ...rest, inputs: [inputSource], output: outputSink, level: compressionLevel });
    this.planned ??= planJob(inputSource, parsed, this.ctx.childEnv());
    return this.planned;
  }
}
