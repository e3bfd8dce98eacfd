// record: runs the pipeline, names and renames segments as splitmuxsink opens and closes them, applies
// retention after each close, and reopens a network source that drops (a gap event, then new segments).
import { mkdirSync } from 'node:fs';
import type { JobContext } from '../context.js';
import type { GstEvent } from '../../gst/launch/events.js';
import { gstLaunchCommand } from '../../gst/launch/runner.js';
import { failureOf } from '../../gst/launch/failure.js';
import { runPipeline, type PipelineOutcome } from '../run-pipeline.js';
import { checkGraphTarget } from '../run-graph.js';
import { recordResultLines } from '../../report/record-view.js';
import type { RecordOptions } from './options.js';
import { checkSource, EXTENSIONS, planRecord, type RecordPlan, type SourceFacts } from './plan.js';
import { probeSource } from './probe.js';
import { buildRecordPipeline, SINK_NAME, workingPattern } from './pipeline.js';
import { fragmentFields, SegmentTracker } from './segments.js';
import { recoverLeftovers } from './recovery.js';
import { deleteSegment, listClosedSegments, segmentsToDelete } from './retention.js';
import { backoffSeconds } from './backoff.js';

// GStreamer's chatter that says nothing about the recording (segments are our own events).
const QUIET = new Set(['element', 'state-changed', 'stream-start', 'caps', 'latency', 'new-clock', 'async-done']);

export type StoppedBy = 'end' | 'duration' | 'signal';

export interface RecordOutcome {
  data: Record<string, unknown> & { stoppedBy: StoppedBy };
  lines: string[];
}

/** Where a recording is: closed segments (their seconds and bytes), deletions and gaps so far. */
export interface RecordStats {
  segments: number;
  recordedSeconds: number;
  bytes: number;
  deleted: number;
  gaps: number;
}

export class RecordJob {
  private tracker: SegmentTracker | undefined;
  private stopRequested = false;
  private deleted = 0;
  private gaps = 0;

  constructor(
    private readonly ctx: JobContext,
    private readonly options: RecordOptions,
    /** A caller that knows the source (rtsp --record: its own mounts) gives its facts (no probe) and may forbid reconnects. */
    private readonly known: { facts?: SourceFacts; retry?: boolean } = {},
  ) {}

  async plan(): Promise<RecordPlan> {
    if (this.options.graph) checkGraphTarget({ file: this.options.graph }, this.ctx.childEnv());
    const facts = this.known.facts ?? (await probeSource(checkSource(this.options), this.ctx.childEnv()));
    const plan = planRecord(this.options, facts);
    return this.known.retry === undefined ? plan : { ...plan, retry: this.known.retry };
  }

  async execute(plan: RecordPlan): Promise<RecordOutcome> {
    mkdirSync(plan.outputDir, { recursive: true });
    for (const r of recoverLeftovers(plan.outputDir)) this.ctx.reporter.event({ type: 'segment-recovered', ...r });
    const tracker = new SegmentTracker(
      { outputDir: plan.outputDir, pattern: this.options.name, ext: EXTENSIONS[plan.format], localTime: this.options.localTime },
      (e) => this.ctx.reporter.event(e),
    );
    this.tracker = tracker;
    const unsubscribe = this.ctx.stop.onStop(() => (this.stopRequested = true));
    const started = performance.now();
    let last: PipelineOutcome | undefined;
    let stoppedBy: StoppedBy = 'end';
    try {
      for (let run = 0, attempt = 0; ; run += 1) {
        // A stop that came while the source was probed: nothing to start.
        if (this.stopRequested && run === 0) { stoppedBy = 'signal'; break; }
        const elapsed = (performance.now() - started) / 1000;
        const before = tracker.closed.length;
        const outcome = await runPipeline(this.ctx, {
          pipeline: buildRecordPipeline(plan, workingPattern(plan, run)).toArgv(),
          timeoutSeconds: this.options.duration !== undefined ? Math.max(0.1, this.options.duration - elapsed) : undefined,
          onEvent: (e) => this.onEvent(plan, e),
          report: (e) => !QUIET.has(e.type),
          // Checked once in plan(): each run (a reconnect starts one) redraws the same file.
          graph: this.options.graph ? { file: this.options.graph, overwrite: true } : undefined,
        });
        last = outcome;
        tracker.abandonOpen();
        if (outcome.timedOut) stoppedBy = 'duration';
        else if (this.stopRequested || outcome.interrupted) stoppedBy = 'signal';
        const failure = failureOf(outcome);
        if (stoppedBy !== 'end' || (!failure && !plan.retry)) break;
        if (!plan.retry) throw failure!;
        // A network source that failed or ended: wait, then a new run (and a new segment).
        // A run that delivered segments starts a new gap; one that did not is another attempt within the same gap.
        const delivered = tracker.closed.length > before;
        attempt = delivered ? 1 : attempt + 1;
        const wait = backoffSeconds(attempt);
        const reason = failure?.message ?? 'the source ended';
        if (delivered) this.gaps += 1;
        this.ctx.reporter.event({ type: delivered ? 'source-lost' : 'source-retry', reason, retryInSeconds: wait, attempt });
        if (delivered) this.lostAt = performance.now();
        if (await this.sleepUnlessStopped(wait)) { stoppedBy = 'signal'; break; }
      }
    } finally {
      unsubscribe();
    }
    return this.finish(plan, last, stoppedBy, (performance.now() - started) / 1000);
  }

  stats(): RecordStats {
    const closed = this.tracker?.closed ?? [];
    return {
      segments: closed.length,
      recordedSeconds: Number(closed.reduce((s, x) => s + x.durationSeconds, 0).toFixed(3)),
      bytes: closed.reduce((s, x) => s + x.bytes, 0),
      deleted: this.deleted,
      gaps: this.gaps,
    };
  }

  /** When the source dropped, until it delivers again (source-back says how long the gap was). */
  private lostAt: number | undefined;

  private onEvent(plan: RecordPlan, event: GstEvent): void {
    if (event.type !== 'element' || event.element !== SINK_NAME) return;
    const f = fragmentFields(event.fields);
    if (!f) return;
    if (event.name === 'splitmuxsink-fragment-opened') {
      if (this.lostAt !== undefined) {
        this.ctx.reporter.event({ type: 'source-back', gapSeconds: Number(((performance.now() - this.lostAt) / 1000).toFixed(2)) });
        this.lostAt = undefined;
      }
      this.tracker!.opened(f.location, f.runningNs);
    } else if (event.name === 'splitmuxsink-fragment-closed' && this.tracker!.close(f.location, f.runningNs)) {
      this.applyRetention(plan);
    }
  }

  private applyRetention(plan: RecordPlan): void {
    const rules = { keepSeconds: this.options.keep, maxFiles: this.options.maxFiles, maxTotalBytes: this.options.maxTotalSize };
    if (rules.keepSeconds === undefined && rules.maxFiles === undefined && rules.maxTotalBytes === undefined) return;
    for (const { segment, reason } of segmentsToDelete(listClosedSegments(plan.outputDir, EXTENSIONS[plan.format]), rules, Date.now())) {
      deleteSegment(plan.outputDir, segment.path);
      this.deleted += 1;
      this.ctx.reporter.event({ type: 'segment-deleted', path: segment.path, reason, bytes: segment.bytes });
    }
  }

  // Resolves true when a stop came during the wait.
  private async sleepUnlessStopped(seconds: number): Promise<boolean> {
    if (this.stopRequested) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => { off(); resolve(false); }, seconds * 1000);
      const off = this.ctx.stop.onStop(() => { clearTimeout(timer); off(); resolve(true); });
    });
  }

  // A stop is reported, not thrown: the CLI makes it exit 130, the library resolves with it.
  private finish(plan: RecordPlan, last: PipelineOutcome | undefined, stoppedBy: StoppedBy, wallSeconds: number): RecordOutcome {
    const segments = this.tracker!.closed;
    const data = {
      outputDir: plan.outputDir,
      format: plan.format,
      codec: plan.keptCodec ?? plan.codec,
      reencoded: plan.keptCodec === undefined,
      audio: audioSummary(plan),
      segments,
      bytes: segments.reduce((s, x) => s + x.bytes, 0),
      deleted: this.deleted,
      gaps: this.gaps,
      stoppedBy,
      wallSeconds: Number(wallSeconds.toFixed(2)),
      gstCommand: last?.command ?? null,
      ...(last?.graph ? { graph: last.graph } : {}),
    };
    return { data, lines: recordResultLines(data) };
  }

  static dryRunCommand(plan: RecordPlan): { description: string; argv: string[]; shell: string } {
    const b = buildRecordPipeline(plan, workingPattern(plan, 0));
    const argv = b.toArgv();
    return { description: b.build(), argv, shell: gstLaunchCommand(argv) };
  }
}

/** The recorded audio for the result: AAC, copied or encoded from the source's codec; null: none. */
export function audioSummary(plan: RecordPlan): { codec: 'aac'; copied: boolean; sourceCodec: string } | null {
  return plan.audio ? { codec: 'aac', copied: plan.audio.copy, sourceCodec: plan.audio.source.codecName } : null;
}
