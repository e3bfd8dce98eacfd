// VideoCompressionPipeline: `lydlr-gst compress` for one file as a library class.
import { GStreamerPipeline, type Launched } from '../gstreamer-pipeline.js';
import type { PipelineBuilder } from '../../pipeline/builder.js';
import { compressOptionsSchema, type CompressOptionsInput } from './options.js';
import { parseJobOptions } from '../validate.js';
import { planJob, type PlannedJob } from './plan-job.js';
import { runJob, type CompressResult } from './run-job.js';
import { buildCompressPipeline } from './pipeline.js';

export interface VideoCompressionOptions extends Omit<CompressOptionsInput, 'inputs' | 'output' | 'level'> {
  inputSource: string;
  outputSink: string;
  /** 0..1, higher = smaller file (compress --level; compression_level in the REST API). */
  compressionLevel?: number;
}

export interface VideoCompressionStats {
  output: string;
}

export class VideoCompressionPipeline extends GStreamerPipeline<CompressResult, VideoCompressionStats> {
  private planned: Promise<PlannedJob> | undefined;
  private readonly parsed;

  // Throws UsageError (exit 2) for invalid options.
  constructor(private readonly options: VideoCompressionOptions) {
    super('compress');
    const { inputSource, outputSink, compressionLevel, ...rest } = options;
    this.parsed = parseJobOptions(compressOptionsSchema, { ...rest, inputs: [inputSource], output: outputSink, level: compressionLevel });
  }

  async createPipeline(): Promise<PipelineBuilder> {
    return buildCompressPipeline((await this.plan()).plan);
  }

  // Runs to the end: the result once the output file is complete.
  protected async launch(): Promise<Launched<CompressResult>> {
    const result = await runJob(this.ctx, await this.plan());
    return { result };
  }

  protected extraStats(): VideoCompressionStats {
    return { output: this.options.outputSink };
  }

  private plan(): Promise<PlannedJob> {
    this.planned ??= planJob(this.options.inputSource, this.parsed, this.ctx.childEnv());
    return this.planned;
  }
}
