// One hls job from options to finished playlists: probe, plan, serve, run (again per loop), publish, finalize.
// State lives in this object (one per job); the CLI and HLSPipeline both drive it.
import { join } from 'node:path';
import type { JobContext } from '../context.js';
import type { GstEvent } from '../../gst/launch/events.js';
import { failureOf } from '../../gst/launch/failure.js';
import { gstLaunchCommand, type PipelineRun } from '../../gst/launch/runner.js';
import type { PipelineBuilder } from '../../pipeline/builder.js';
import { hlsReadyLine } from '../../report/hls-view.js';
import { InterruptedError, JobError } from '../../errors.js';
import { truncationError } from '../truncation.js';
import { runPipeline, type PipelineOutcome } from '../run-pipeline.js';
import { checkGraphTarget, type GraphRequest } from '../run-graph.js';
import { checkOutputDir, prepareOutputDir, writeFileAtomic } from './files.js';
import { diskFullOr } from '../output-folder.js';
import { parseHlsOptions, type HlsOptions, type HlsOptionsInput } from './options.js';
import { buildHlsPipeline } from './pipeline.js';
import { checkInputCombination, MASTER_PLAYLIST, planHls, type HlsPlan } from './plan.js';
import { probeInput } from './probe.js';
import { emptyStdinOr, requireStdinData } from '../stdin-input.js';
import { checkHlsEncoderInstalled, checkHlsEncodes, startEncodeLimits } from './encoder-checks.js';
import { softwareEncoderLimits } from '../encoder-limits.js';
import { RenditionPlaylist, type SegmentRecord } from './rendition-playlist.js';
// The preview server (node:http) loads only for --serve.
import type { HlsServer } from './preview-server.js';
import { RenditionMedia, renderMaster } from './variants.js';
import { hlsResultData, type HlsResultData } from './result.js';
import { entryPlaylist, makePlaylists, sinkOutputs, sinkTargets } from './layout.js';
import { liveStatusEvent, readyEvent, segmentEvent } from './events.js';
import { Fmp4RunOutput } from './fmp4/rendition-output.js';
import { monotonicMs } from '../../process/monotonic.js';

const QUIET_EVENTS = new Set<GstEvent['type']>(['caps', 'element', 'stream-start', 'async-done', 'new-clock', 'latency', 'qos', 'tag', 'buffer', 'state-changed']);

export class HlsJob {
  readonly options: HlsOptions;
  private plan: HlsPlan | undefined;
  private playlists: RenditionPlaylist[] = [];
  private media: RenditionMedia | undefined;
  private server: HlsServer | undefined;
  private run: PipelineRun | undefined;
  private lastResult: PipelineOutcome | undefined;
  private stopRequested = false;
  private readyAnnounced = false;
  private masterText = '';
  private readonly startedAt = monotonicMs();
  private firstPlaylistMs: number | undefined;
  private wakeServe: (() => void) | undefined;
  private streamStartedAt: number | undefined;
  /** gst-launch stopped by us after the sinks had finished (GStreamer 1.22 can lose the pipeline's EOS). */
  private stalledAtEnd = false;
  private endWatchdog: NodeJS.Timeout | undefined;
  /** fMP4: wall-clock ms at which this run's pipeline started playing (media time 0), for PROGRAM-DATE-TIME. */
  private clockZero: number | undefined;
  private packagingError: Error | undefined;

  constructor(private readonly ctx: JobContext, raw: HlsOptionsInput | Record<string, unknown>) {
    this.options = parseHlsOptions(raw);
  }

  // Probes the input and makes the plan (refusals happen here, before anything is written or spawned).
  async prepare(): Promise<HlsPlan> {
    if (this.plan) return this.plan;
    const input = checkInputCombination(this.options);
    checkOutputDir(this.options.outputDir, this.options.overwrite);
    if (this.options.graph) checkGraphTarget({ file: this.options.graph, overwrite: this.options.overwrite }, this.ctx.childEnv());
    if (input.kind === 'stdin') requireStdinData();
    // Read while the probe runs; checked after it and after the encoder's presence.
    const limits = startEncodeLimits(this.options, softwareEncoderLimits(this.ctx.childEnv()));
    const facts = await probeInput(input, this.ctx.childEnv());
    const plan = planHls(this.options, facts);
    await checkHlsEncoderInstalled(plan, this.ctx.childEnv());
    await checkHlsEncodes(this.options, plan, limits);
    this.plan = plan;
    return plan;
  }

  /** The gst-launch command of the first run (for --dry-run and createPipeline). */
  /** The first run's pipeline (probes the input; runs nothing). */
  async pipeline(): Promise<PipelineBuilder> {
    const plan = await this.prepare();
    return buildHlsPipeline(plan, sinkTargets(plan, makePlaylists(plan), 0));
  }

  async pipelineCommand(): Promise<{ description: string; shell: string; argv: string[] }> {
    const builder = await this.pipeline();
    const argv = builder.toArgv();
    return { description: builder.build(), shell: gstLaunchCommand(argv), argv };
  }

  async execute(): Promise<HlsResultData> {
    const plan = await this.prepare();
    for (const note of plan.notes) this.ctx.reporter.log('warn', `note: ${note}`);
    for (const s of plan.skipped) this.ctx.reporter.log('info', `skipping rendition ${s.text}: ${s.reason}`);
    this.playlists = makePlaylists(plan);
    this.media = new RenditionMedia(plan);
    // The folders first: one that cannot be written is refused before a port is opened or a child spawned.
    prepareOutputDir(plan.outputDir, sinkOutputs(plan).map((r) => r.dir), this.options.overwrite);
    if (this.options.serve !== undefined) {
      const { startHlsServer } = await import('./preview-server.js');
      this.server = await startHlsServer({
        root: plan.outputDir, host: this.options.host, port: this.options.serve, entry: entryPlaylist(plan), isLive: () => plan.live,
        ...(plan.lowLatency ? { blocking: { playlist: (path: string) => this.playlists.find((p) => p.path === path), partTarget: plan.partTarget!, targetDuration: plan.segmentDuration } } : {}),
      });
    }
    const unsubscribe = this.ctx.stop.onStop(() => {
      this.stopRequested = true;
      this.wakeServe?.();
    });
    try {
      await this.runAll(plan);
      return await this.finish(plan);
    } finally {
      unsubscribe();
      await this.server?.close();
    }
  }

  /** Segments, bytes and frames so far (HLSPipeline.getStats). */
  stats(): { segments: number; bytes: number; durationSeconds: number; frames: number | null; renditions: ReturnType<RenditionPlaylist['stats']>[] } {
    const renditions = this.playlists.map((p) => p.stats());
    return {
      segments: renditions.reduce((s, r) => s + r.segments, 0),
      bytes: renditions.reduce((s, r) => s + r.bytes, 0),
      durationSeconds: renditions[0]?.durationSeconds ?? 0,
      frames: this.run?.getStats().frames ?? null,
      renditions,
    };
  }

  /** Stops like Ctrl-C: EOS, the last segment closed, playlists finalized. */
  stop(): void {
    this.ctx.stop.request('stop');
  }

  private async runAll(plan: HlsPlan): Promise<void> {
    for (let run = 0; ; run += 1) {
      if (this.stopRequested && run === 0) throw new InterruptedError('Interrupted before the pipeline started.');
      for (const p of this.playlists) p.startRun();
      const builder = buildHlsPipeline(plan, sinkTargets(plan, this.playlists, run));
      const fmp4 = plan.format === 'fmp4' ? this.fmp4Output(plan, run) : undefined;
      this.stalledAtEnd = false;
      const poll = setInterval(() => {
        this.sync(plan);
        this.watchEnd();
      }, plan.live ? 100 : 500);
      try {
        this.streamStartedAt ??= monotonicMs();
        const elapsed = (monotonicMs() - this.streamStartedAt) / 1000;
        this.lastResult = await runPipeline(this.ctx, {
          pipeline: builder.toArgv(),
          durationSeconds: plan.mediaDurationSeconds,
          timeoutSeconds: plan.stopAfterSeconds !== undefined ? Math.max(0.1, plan.stopAfterSeconds - elapsed) : undefined,
          killOnStop: !plan.stopFinalizes,
          readsStdin: plan.input.kind === 'stdin',
          // A live playlist follows each closed segment at once; a VOD one is written as a whole.
          batchOutput: !plan.live,
          onStart: (r) => (this.run = r),
          onEvent: (e) => this.onEvent(plan, e),
          report: (e) => !QUIET_EVENTS.has(e.type) || (e.type === 'state-changed' && e.isPipeline),
          ...(fmp4 ? { extraOutputs: fmp4.outputs } : {}),
          graph: this.graphRequest(),
        });
      } finally {
        clearInterval(poll);
        clearTimeout(this.endWatchdog);
        this.endWatchdog = undefined;
      }
      // The pipes are closed once the run has ended: the last fragments complete the last segments.
      fmp4?.end();
      if (this.packagingError) {
        for (const p of this.playlists) p.abandon();
        throw this.packagingError;
      }
      this.sync(plan);
      if (this.stalledAtEnd) {
        this.ctx.reporter.log('debug', 'gst-launch-1.0 did not exit after its sinks finished (a lost EOS); stopped it, output is complete');
        this.lastResult = { ...this.lastResult, interrupted: false, killed: false, eos: true, exitCode: 0, signal: undefined, errors: [] };
      }
      // A stopped VOD was killed (its output is discarded): finish() reports the interruption, not a failure.
      if (this.stopRequested && !plan.stopFinalizes) return;
      const failure = failureOf(this.lastResult);
      if (failure) {
        // A failed VOD leaves nothing behind; a live stream that broke is over: players get #EXT-X-ENDLIST.
        for (const p of this.playlists) if (plan.live && p.published) p.finalize(); else if (plan.live) p.abandon(); else p.discard();
        const error = diskFullOr(failure, plan.outputDir);
        throw plan.input.kind === 'stdin' ? emptyStdinOr(error) : error;
      }
      if (!plan.loop || this.stopRequested || this.lastResult.interrupted || this.lastResult.timedOut) return;
      this.ctx.reporter.log('info', `end of input: looping (run ${run + 2})`);
    }
  }

  // Checked once in prepare(): each run (a --loop starts one per pass) redraws the same file.
  private graphRequest(): GraphRequest | undefined {
    return this.options.graph ? { file: this.options.graph, overwrite: true } : undefined;
  }

  // fMP4: segments and parts come from our packager, not from a sink's playlist.
  private fmp4Output(plan: HlsPlan, run: number): Fmp4RunOutput {
    this.clockZero = undefined;
    return new Fmp4RunOutput(this.playlists, run, { segmentDuration: plan.segmentDuration, lowLatency: plan.lowLatency, frameRate: plan.fps }, {
      clockZero: () => (plan.live ? (this.clockZero ??= Date.now()) : undefined),
      onInit: (index, tracks) => this.media?.observeInit(index, tracks),
      onSegment: (index, record) => this.reportSegment(plan, index, record),
      onChange: (index) => {
        if (plan.live) this.published(plan, this.playlists[index]!.publish());
      },
      onError: (error) => {
        this.packagingError ??= new JobError(`Could not package the fragmented MP4 stream: ${error.message}`);
        this.run?.stop();
        this.run?.stop();
      },
    });
  }

  // Every sink wrote #EXT-X-ENDLIST, so every segment is closed: if gst-launch has not exited 3 s later,
  // its pipeline lost the EOS message (seen with hlssink2 on GStreamer 1.22): stop it, the output is complete.
  private watchEnd(): void {
    if (this.endWatchdog || !this.playlists.every((p) => p.sinkFinished)) return;
    this.endWatchdog = setTimeout(() => {
      this.stalledAtEnd = true;
      this.run?.stop();
      this.run?.stop();
    }, 3000);
    this.endWatchdog.unref();
  }

  private onEvent(plan: HlsPlan, event: GstEvent): void {
    if (event.type === 'caps') this.media?.observeCaps(event);
    else if (event.type === 'state-changed' && event.isPipeline && event.newState === 'playing') this.clockZero ??= Date.now();
    else if (event.type === 'element' && event.name === 'splitmuxsink-fragment-closed') setImmediate(() => this.sync(plan));
  }

  // Picks up closed segments: live publishes the window; both report each new segment.
  private sync(plan: HlsPlan): void {
    if (plan.format === 'fmp4') return;
    let changed = false;
    this.playlists.forEach((p, i) => {
      const added = p.ingest();
      for (const s of added) {
        this.media?.observeSegment(i, p.options.dir, s);
        this.reportSegment(plan, i, s);
      }
      if (plan.live && added.length > 0) changed = p.publish() || changed;
    });
    if (plan.live) this.published(plan, changed);
  }

  // Live: the master appears once every rendition is playable, and its bit rates follow the measurements;
  // blocked playlist requests are answered.
  private published(plan: HlsPlan, changed: boolean): void {
    if (changed) this.server?.notify();
    if (!this.playlists.every((p) => p.published)) return;
    if (changed) this.writeMaster(plan);
    if (!this.readyAnnounced) this.announceReady(plan);
  }

  private reportSegment(plan: HlsPlan, index: number, s: SegmentRecord): void {
    this.ctx.reporter.event(segmentEvent(plan, index, s));
    if (plan.live && index === 0) this.ctx.reporter.event(liveStatusEvent(plan, this.playlists[0]!, s));
  }

  private writeMaster(plan: HlsPlan): void {
    if (!plan.master || !this.media) return;
    const text = renderMaster(plan, this.playlists, this.media);
    if (text === this.masterText) return;
    writeFileAtomic(join(plan.outputDir, MASTER_PLAYLIST), text);
    this.masterText = text;
  }

  private announceReady(plan: HlsPlan): void {
    this.readyAnnounced = true;
    this.firstPlaylistMs = Math.round(monotonicMs() - this.startedAt);
    const playlist = join(plan.outputDir, entryPlaylist(plan));
    this.ctx.reporter.event(readyEvent(playlist, this.firstPlaylistMs, this.server));
    if (this.ctx.options.json) return;
    const line = hlsReadyLine(playlist, plan.live, this.server);
    if (line) this.ctx.reporter.log('info', line);
  }

  private async finish(plan: HlsPlan): Promise<HlsResultData> {
    const result = this.lastResult!;
    const timedOut = result.timedOut;
    const interruptedByUser = (this.stopRequested || result.interrupted) && !timedOut;
    if (interruptedByUser && !plan.stopFinalizes) {
      for (const p of this.playlists) p.abandonUnfinished();
      throw new InterruptedError('Interrupted: the VOD was not finished, so no playlist was written (the closed segments are left in place, the one cut off is removed).', {
        data: { outputDir: plan.outputDir, segments: this.stats().segments },
      });
    }
    const truncated = !plan.live && !timedOut && !interruptedByUser ? truncationError(plan.mediaDurationSeconds, this.stats().durationSeconds) : undefined;
    if (truncated) {
      for (const p of this.playlists) p.discard();
      throw truncated;
    }
    for (const p of this.playlists) p.finalize();
    this.writeMaster(plan);
    if (!this.readyAnnounced) this.announceReady(plan);
    if (this.server && !interruptedByUser && !this.stopRequested) {
      this.ctx.reporter.log('info', `finished; still serving ${this.server.page} — press Ctrl-C to stop`);
      await new Promise<void>((resolve) => (this.wakeServe = resolve));
    }
    return hlsResultData(plan, this.playlists, this.media!, { result, graph: result.graph, firstPlaylistMs: this.firstPlaylistMs, url: this.server?.url, page: this.server?.page, stoppedBy: timedOut ? 'duration' : interruptedByUser ? 'signal' : 'end' });
  }
}
