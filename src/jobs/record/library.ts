// RecordPipeline: `lydlr-gst record` as a library class (the same options, plan, segments and retention).
//
//   const rec = new RecordPipeline({ inputSource: 'rtsp://cam.local/stream', outputDir: '/srv/cam1', segment: 300, keep: 7 * 86400 });
//   rec.on('segment-closed', (e) => upload(e.path));
//   const done = rec.start();          // resolves when the recording ends: --duration, the end of a file, or stop()
//   await rec.stop();                  // EOS: the open segment is closed under its final name
//   console.log((await done).segments);
import { GStreamerPipeline, type Launched } from '../gstreamer-pipeline.js';
import type { PipelineBuilder } from '../../pipeline/builder.js';
import { parseRecordOptions, type RecordOptionsInput } from './options.js';
import { checkSource, type RecordPlan } from './plan.js';
import { checkOutputDir } from './files.js';
import { buildRecordPipeline, workingPattern } from './pipeline.js';
import { RecordJob, type RecordOutcome, type RecordStats } from './job.js';

export interface RecordPipelineOptions extends Omit<RecordOptionsInput, 'input'> {
  /** test[:PATTERN], a file (played in real time), /dev/videoN, rtsp://, srt:// or udp:// URI (the CLI's specs). */
  inputSource: string;
}

export type RecordPipelineStats = Omit<RecordStats, 'bytes'>;

export class RecordPipeline extends GStreamerPipeline<RecordOutcome['data'], RecordPipelineStats> {
  private readonly job: RecordJob;
  private planned: Promise<RecordPlan> | undefined;

  // Validates at once: bad options, a source record cannot read (stdin) or an output folder that is a
  // file throw a UsageError (exit 2) here, before anything runs.
  constructor(options: RecordPipelineOptions) {
    super('record');
    const { inputSource, ...rest } = options;
    const parsed = parseRecordOptions({ ...rest, input: inputSource });
    checkSource(parsed);
    checkOutputDir(parsed.outputDir);
    this.job = new RecordJob(this.ctx, parsed);
  }

  /** The first run's pipeline (probes the source, runs nothing). */
  async createPipeline(): Promise<PipelineBuilder> {
    const plan = await this.plan();
    return buildRecordPipeline(plan, workingPattern(plan, 0));
  }

  // A stop is the usual end of a live recording: the result (stoppedBy 'signal'), not an error.
  protected async launch(): Promise<Launched<RecordOutcome['data']>> {
    const { data } = await this.job.execute(await this.plan());
    return { result: data };
  }

  override getStats() {
    // Bytes of the closed segments on disk; a recording keeps its frames, so it counts none.
    return { ...super.getStats(), bytes: this.job.stats().bytes };
  }

  protected extraStats(): RecordPipelineStats {
    const { bytes: _bytes, ...rest } = this.job.stats();
    return rest;
  }

  private plan(): Promise<RecordPlan> {
    this.planned ??= this.job.plan();
    return this.planned;
  }
}
