// rtsp --record DIR: each served mount is recorded by a client of our own server that keeps the stream
// as served (H.264/H.265 parsed and muxed, AAC copied, Opus encoded to AAC): the server's one video
// encode, no second one. The client is `record`'s own job (segments, hidden names until closed,
// crash recovery), over rtspt:// (TCP: nothing lost on a loaded machine). Being a client also keeps the
// shared media playing while no viewer is connected. A mount that ends ends its recording; the server
// stopping stops them all.
import { join } from 'node:path';
import { JobContext } from '../context.js';
import { StopRequest } from '../stop-request.js';
import { UsageError } from '../../errors.js';
import type { AppEvent, Reporter } from '../../report/reporter.js';
import type { GstEvent } from '../../gst/launch/events.js';
import { parseRecordOptions } from '../record/options.js';
import { checkOutputDir } from '../record/files.js';
import { RecordJob, type RecordOutcome } from '../record/job.js';
import type { SourceFacts } from '../record/plan.js';
import { sourceAudio } from '../record/probe.js';
import type { MountPlan } from './plan.js';
import { AUDIO_CODEC_SPECS } from '../../pipeline/containers.js';

export interface MountRecording {
  mount: string;
  outcome: RecordOutcome;
}

/** VP8/VP9 mounts cannot be kept in record's containers as served: refused before anything starts. */
export function checkRecordable(dir: string, plans: MountPlan[]): void {
  const vp = plans.filter((p) => p.codec === 'vp8' || p.codec === 'vp9');
  if (vp.length > 0) {
    throw new UsageError(`--record keeps H.264/H.265 as served; ${vp.map((p) => `${p.path} is ${p.codec}`).join(', ')} (recording it would take a second encode).`, {
      fix: 'Serve it with --codec h264 (or h265), or record the input itself with lydlr-gst record.',
    });
  }
  checkOutputDir(dir);
}

/** One mount: DIR itself; several: DIR/<mount path>. */
export function recordingFolder(dir: string, plans: MountPlan[], mount: string): string {
  return plans.length === 1 ? dir : join(dir, ...mount.split('/').filter(Boolean));
}

// What the recorder would otherwise probe: the mount's own plan says what it serves, down to the RTP
// payloader, so the recorder's audio starts at the matching depayloader.
function servedFacts(plan: MountPlan): SourceFacts {
  const audio = plan.audio === 'aac' ? sourceAudio({ codec: 'audio/mpeg', codecName: 'aac' }) : plan.audio === 'opus' ? sourceAudio({ codec: 'audio/x-opus', codecName: 'opus' }) : undefined;
  const rtpAudioDepayloader = plan.audio ? AUDIO_CODEC_SPECS[plan.audio].depayloader : undefined;
  return { videoCodec: plan.codec, fps: plan.fps, videoCaps: undefined, audio, rtpAudioDepayloader };
}

// The recorders' events, each naming its mount; gst-launch's own chatter stays out of the server's output.
const FORWARDED = /^(segment-|source-)|^(error|warning)$/;
/**
 * After a mount's input ended, how long its recorder may take to end by itself (the BYE becomes EOS in
 * rtspsrc) before it is stopped: rtspsrc can stall that EOS on a loaded machine.
 */
export const MOUNT_END_GRACE_MS = 2000;

export class MountRecorders {
  /** One stop per recorder: a mount that ends stops its own recorder only. */
  private readonly stops = new Map<string, StopRequest>();
  /** Mounts whose input ended: their recordings ended with the source, whatever stopped the recorder. */
  private readonly ended = new Set<string>();
  private readonly running: Promise<MountRecording>[] = [];
  private readonly off: () => void;
  private failed: unknown;

  constructor(
    private readonly ctx: JobContext,
    private readonly dir: string,
    private readonly plans: MountPlan[],
    /** Called once when a recorder fails: the server is stopped too (a server that silently stops recording is worse). */
    private readonly onFailure: () => void,
  ) {
    for (const plan of plans) this.stops.set(plan.path, new StopRequest());
    this.off = ctx.stop.onStop(() => this.abort('stop'));
  }

  /** Starts one recorder per served URL (in the order of the mounts). */
  start(urls: string[]): void {
    this.plans.forEach((plan, i) => {
      const recording = this.record(plan, urls[i]!);
      recording.catch(() => undefined); // reported at once, thrown by finish(): never an unhandled rejection meanwhile
      this.running.push(recording);
    });
  }

  /** Stops the recorders that still run; they close their open segments. */
  abort(reason = 'the RTSP server stopped'): void {
    for (const stop of this.stops.values()) stop.request(reason);
  }

  /** The mount's input ended (media-eos): its recorder ends with it, stopped after a grace if it does not by itself. */
  mountEnded(mount: string): void {
    const stop = this.stops.get(mount);
    // A stop sends EOS into every mount too: that end is the stop's, not the input's.
    if (!stop || stop.requested || this.ended.has(mount)) return;
    this.ended.add(mount);
    setTimeout(() => { if (!stop.requested) stop.request(`${mount} ended`); }, MOUNT_END_GRACE_MS).unref();
  }

  /** Every recording once ended; the first recorder failure, if any, is thrown. */
  async finish(): Promise<MountRecording[]> {
    try {
      const done = await Promise.allSettled(this.running);
      if (this.failed !== undefined) throw this.failed;
      return done.map((d) => (d as PromiseFulfilledResult<MountRecording>).value);
    } finally {
      this.off();
    }
  }

  private async record(plan: MountPlan, url: string): Promise<MountRecording> {
    const options = parseRecordOptions({ input: url.replace(/^rtsp:/, 'rtspt:'), outputDir: recordingFolder(this.dir, this.plans, plan.path) });
    const ctx = new JobContext(this.ctx.command, this.ctx.options, this.mountReporter(plan.path), this.ctx.processEnv, this.stops.get(plan.path)!);
    const job = new RecordJob(ctx, options, { facts: servedFacts(plan), retry: false });
    try {
      const outcome = await job.execute(await job.plan());
      if (this.ended.has(plan.path)) outcome.data.stoppedBy = 'end';
      return { mount: plan.path, outcome };
    } catch (error) {
      if (this.failed === undefined) {
        this.failed = error;
        this.ctx.reporter.event({ type: 'recording-failed', mount: plan.path, message: error instanceof Error ? error.message : String(error) });
        this.abort();
        this.onFailure();
      }
      throw error;
    }
  }

  private mountReporter(mount: string): Reporter {
    const parent = this.ctx.reporter;
    return {
      event: (event: GstEvent | AppEvent) => {
        if (FORWARDED.test(event.type)) parent.event({ ...event, mount } as AppEvent);
      },
      log: (level, message) => parent.log(level, `${mount}: ${message}`),
      result: () => {},
      close: () => {},
    };
  }
}
