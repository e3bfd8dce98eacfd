// HLSPipeline: `lydlr-gst hls` as a library class (the same options, planning and runner).
//
//   const hls = new HLSPipeline({ inputSource: 'talk.mp4', outputDir: 'public/hls', segmentDuration: 4 });
//   hls.on('segment', (event) => console.log(event));
//   const result = await hls.start();   // resolves when the VOD is written / the live stream ended
//   await hls.stop();                   // live: EOS, last segment closed, #EXT-X-ENDLIST
import { GStreamerPipeline, type Launched } from '../gstreamer-pipeline.js';
import type { PipelineBuilder } from '../../pipeline/builder.js';
import { HlsJob } from './job.js';
import type { HlsOptionsInput } from './options.js';

export interface HLSPipelineOptions extends Omit<HlsOptionsInput, 'input' | 'outputDir'> {
  /** File path, URI, /dev/videoN, test[:PATTERN] or - (the same specs as the CLI). */
  inputSource: string;
  outputDir: string;
  playlistName?: string;
  /** Seconds per segment (default 2). */
  segmentDuration?: number;
}

export interface HLSPipelineStats {
  segments: number;
  /** Seconds of media in the playlists. */
  durationSeconds: number;
}

export class HLSPipeline extends GStreamerPipeline<Record<string, unknown>, HLSPipelineStats> {
  private readonly job: HlsJob;

  // Validates at once: bad options throw a UsageError here, not later.
  constructor(options: HLSPipelineOptions) {
    super('hls');
    const { inputSource, ...rest } = options;
    this.job = new HlsJob(this.ctx, { ...rest, input: inputSource });
  }

  createPipeline(): Promise<PipelineBuilder> {
    return this.job.pipeline();
  }

  protected async launch(): Promise<Launched<Record<string, unknown>>> {
    const { data } = await this.job.execute();
    return { result: data };
  }

  override getStats() {
    const stats = super.getStats();
    const s = this.job.stats();
    // Segment bytes on disk and the runner's frame count are what a user of HLS asks for.
    return { ...stats, bytes: s.bytes, frames: s.frames ?? stats.frames };
  }

  protected extraStats(): HLSPipelineStats {
    const s = this.job.stats();
    return { segments: s.segments, durationSeconds: s.durationSeconds };
  }
}
