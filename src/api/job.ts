// One job: its record, folded from the child's NDJSON events (a reducer), and the events kept for
// Server-Sent Events subscribers (replayed from any id, then live).
import { randomBytes } from 'node:crypto';
import type { JobExit } from './job-process.js';
import { FINAL_STATES, type JobKindName, type JobRecord, type JobState } from './job-schema.js';

export type JobEvent = { type: string; [field: string]: unknown };
export interface SequencedEvent {
  id: number;
  event: JobEvent;
}
type Listener = (e: SequencedEvent) => void;

/** Events kept per job for replay; older ones are dropped (progress comes 4 times a second). */
const KEPT_EVENTS = 2000;
const URL_FIELDS = ['url', 'page', 'whep', 'playlist'];

export class Job {
  readonly id = randomBytes(6).toString('hex');
  readonly createdAt = new Date();
  state: JobState = 'queued';
  startedAt: Date | undefined;
  endedAt: Date | undefined;
  pid: number | undefined;
  stopRequested = false;
  private progress: JobRecord['progress'] = null;
  private frames: number | null = null;
  private bytes: number | null = null;
  private errors = 0;
  private warnings = 0;
  private readonly urls: string[] = [];
  private readonly ready: Record<string, unknown>[] = [];
  private result: Record<string, unknown> | null = null;
  private error: JobRecord['error'] = null;
  private exitCode: number | null = null;
  private readonly events: SequencedEvent[] = [];
  private nextEventId = 1;
  private readonly listeners = new Set<Listener>();
  private resolveEnded!: () => void;
  /** Settles when the job reaches a final state. */
  readonly ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));

  constructor(
    readonly kind: JobKindName,
    /** The CLI argv after the program name (--json, the command words, flags, words). */
    readonly args: string[],
    /** The copy-pasteable command line, secrets masked. */
    readonly display: string,
    readonly basePath: string,
    /** Added to the job's environment: secrets that must not show in ps (prepare-job.ts). */
    readonly env: Readonly<Record<string, string>> = {},
  ) {}

  get final(): boolean {
    return FINAL_STATES.includes(this.state);
  }

  // Folds one event into the record and hands it to subscribers.
  observe(event: JobEvent): void {
    switch (event.type) {
      case 'progress': {
        const { type: _t, atMs: _a, ...progress } = event;
        this.progress = progress as JobRecord['progress'];
        break;
      }
      case 'error':
        this.errors += 1;
        break;
      case 'warning':
        this.warnings += 1;
        break;
      case 'ready':
      case 'playlist-ready':
        this.addReady(event);
        break;
      case 'result':
        this.result = event;
        break;
    }
    if (event.type.endsWith('stats')) this.takeStats(event);
    this.publish(event);
  }

  markRunning(pid: number | undefined): void {
    this.state = 'running';
    this.startedAt = new Date();
    this.pid = pid;
    this.publish({ type: 'job-state', state: this.state, pid: pid ?? null });
  }

  // The process ended: stopped when asked to, succeeded when its result says ok, else failed.
  markEnded(exit: JobExit | undefined): void {
    if (this.final) return;
    this.endedAt = new Date();
    this.exitCode = exit?.exitCode ?? null;
    const ok = this.result?.ok === true && exit?.exitCode === 0;
    this.state = this.stopRequested ? 'stopped' : ok ? 'succeeded' : 'failed';
    if (!ok) this.error = this.resultError() ?? (exit ? exitError(exit) : null);
    if (this.stopRequested && exit?.killed) this.error = { name: 'Killed', message: 'The job did not stop in time and was killed; its files may be incomplete.' };
    this.publish({ type: 'job-state', state: this.state, exitCode: this.exitCode });
    this.listeners.clear();
    this.resolveEnded();
  }

  subscribe(listener: Listener, afterId = 0): () => void {
    for (const e of this.events) if (e.id > afterId) listener(e);
    if (this.final) return () => {};
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  toRecord(): JobRecord {
    const self = `${this.basePath}/jobs/${this.id}/`;
    const until = this.endedAt ?? new Date();
    return {
      id: this.id,
      kind: this.kind,
      state: this.state,
      command: this.display,
      createdAt: this.createdAt.toISOString(),
      startedAt: this.startedAt?.toISOString() ?? null,
      endedAt: this.endedAt?.toISOString() ?? null,
      pid: this.pid ?? null,
      progress: this.progress,
      stats: {
        frames: this.frames,
        bytes: this.bytes,
        errors: this.errors,
        warnings: this.warnings,
        uptimeSeconds: this.startedAt ? Number(((until.getTime() - this.startedAt.getTime()) / 1000).toFixed(3)) : 0,
      },
      urls: [...this.urls],
      ready: [...this.ready],
      result: this.result as JobRecord['result'],
      error: this.error,
      exitCode: this.exitCode,
      links: { self, events: `${self}events` },
    };
  }

  private publish(event: JobEvent): void {
    const sequenced = { id: this.nextEventId++, event };
    this.events.push(sequenced);
    if (this.events.length > KEPT_EVENTS) this.events.shift();
    for (const listener of this.listeners) listener(sequenced);
  }

  private addReady(event: JobEvent): void {
    const { type: _t, message: _m, atMs: _a, ...fields } = event;
    this.ready.push({ type: event.type, ...fields });
    for (const key of URL_FIELDS) {
      const value = fields[key];
      if (typeof value === 'string' && !this.urls.includes(value)) this.urls.push(value);
    }
  }

  // gst stats (frames, bytes), rtsp server-stats and webrtc stats (bytes): whatever they count.
  private takeStats(event: JobEvent): void {
    if (typeof event.frames === 'number' || event.frames === null) this.frames = event.frames as number | null;
    if (typeof event.bytes === 'number' || event.bytes === null) this.bytes = event.bytes as number | null;
    if (typeof event.errors === 'number') this.errors = Math.max(this.errors, event.errors);
    if (typeof event.warnings === 'number') this.warnings = Math.max(this.warnings, event.warnings);
  }

  private resultError(): JobRecord['error'] {
    const error = this.result?.error;
    return typeof error === 'object' && error !== null ? (error as JobRecord['error']) : null;
  }
}

function exitError(exit: JobExit): NonNullable<JobRecord['error']> {
  const how = exit.spawnError ?? (exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.exitCode}`);
  return {
    name: 'JobProcessError',
    message: exit.spawnError ? `The job could not start: ${exit.spawnError}` : `The job process ${how} without a result.`,
    ...(exit.stderrTail.length > 0 ? { stderr: exit.stderrTail.join('\n') } : {}),
  };
}
