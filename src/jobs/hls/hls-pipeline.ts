// The library face of the hls job (the seed's HLSPipeline): same options, planning and runner as the CLI.
//
//   const hls = new HLSPipeline({ inputSource: 'talk.mp4', outputDir: 'public/hls', segmentDuration: 4 });
//   hls.on((event) => console.log(event));        // segment, ready/playlist-ready, progress, warning…
//   const result = await hls.start();             // resolves when the VOD is written / the live stream ended
//   hls.stop();                                   // live: EOS, last segment closed, #EXT-X-ENDLIST
import { silentContext, type JobContext, type JobListener } from '../context.js';
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
  bytes: number;
  durationSeconds: number;
  frames: number | null;
  running: boolean;
}

export class HLSPipeline {
  private readonly listeners = new Set<JobListener>();
  private readonly ctx: JobContext;
  private readonly job: HlsJob;
  private running: Promise<Record<string, unknown>> | undefined;
  private done = false;

  constructor(options: HLSPipelineOptions) {
    const { inputSource, ...rest } = options;
    this.ctx = silentContext('hls', this.listeners);
    // Validates at once: bad options throw a UsageError here, not later.
    this.job = new HlsJob(this.ctx, { ...rest, input: inputSource });
  }

  /** Listen to job events; returns the unsubscribe. */
  on(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The gst-launch-1.0 description that will run (probes the input first). */
  async createPipeline(): Promise<string> {
    return (await this.job.pipelineCommand()).description;
  }

  /** Runs the job; resolves with the result record once playlists are final. Calling it again returns the same run. */
  start(): Promise<Record<string, unknown>> {
    this.running ??= this.job.execute().then(
      ({ data }) => {
        this.done = true;
        return data;
      },
      (error: unknown) => {
        this.done = true;
        throw error;
      },
    );
    return this.running;
  }

  /** Ends the stream gracefully (like Ctrl-C); a second call stops at once. */
  stop(): void {
    if (this.running && !this.done) this.job.stop();
  }

  getStats(): HLSPipelineStats {
    const s = this.job.stats();
    return { segments: s.segments, bytes: s.bytes, durationSeconds: s.durationSeconds, frames: s.frames, running: this.running !== undefined && !this.done };
  }
}
