// A compress line with --chunk as one BullMQ flow per input: a parent `chunk join` whose children are
// `chunk split` and (when the output has audio) `chunk audio`. The split's chunks are known only once it
// has run, so the worker that ran it adds one compress job per chunk under the same parent (fan-out.ts);
// the join runs when every child has completed.
import { basename } from 'node:path';
import { bodyToArgv } from '../api/job-body.js';
import type { JobSpec } from '../jobs/spec.js';
import type { MediaInfo } from '../gst/discover/schema.js';
import { chunkWorkFolder } from '../jobs/chunk-work.js';
import { planChunkAudio } from '../jobs/chunk-audio/plan.js';
import { containerForPath } from '../pipeline/containers.js';
import { resolveCodec, type VideoCodec } from '../pipeline/codecs.js';
import type { AudioMode } from '../jobs/compress/audio-modes.js';
import type { AudioTrackChoice } from '../jobs/audio-track.js';
import { queueJobId } from './job-id.js';
import { identityOf } from './plan.js';
import type { QueuedJobData } from './queued-job.js';

export interface PlannedFlowStep {
  id: string;
  data: QueuedJobData;
}

export interface PlannedFlow {
  /** The parent's id: the join, whose result is the output. */
  id: string;
  input: string;
  output: string;
  workDir: string;
  join: PlannedFlowStep;
  children: PlannedFlowStep[];
  notes: string[];
}

export interface FlowRequest {
  spec: JobSpec;
  input: string;
  output: string;
  /** The compress flags given, paths absolute. */
  flags: Record<string, unknown>;
  chunkSeconds: number;
  media: MediaInfo;
}

/** What a chunk's encode keeps of the compress flags: how to encode, not where or what else. */
const ENCODE_FLAGS = ['codec', 'level', 'bitrate', 'preset', 'scale', 'encoder'];

export function codecOf(flags: Record<string, unknown>): VideoCodec {
  return resolveCodec(String(flags.codec ?? 'h264')) ?? 'h264';
}

export function planChunkFlow(r: FlowRequest): PlannedFlow {
  const id = queueJobId('compress --chunk', r.input, { ...identityOf(r.flags), chunk: r.chunkSeconds });
  const workDir = chunkWorkFolder(r.output, id.slice(-12));
  const codec = codecOf(r.flags);
  const audio = planChunkAudio(r.media, { audio: (r.flags.audio ?? 'auto') as AudioMode, audioTrack: r.flags.audioTrack as AudioTrackChoice | undefined, container: containerForPath(r.output)! });
  const step = (name: string, kind: string, argv: string[], extra: Partial<QueuedJobData> = {}): PlannedFlowStep => ({ id: `${id}-${name}`, data: { kind, input: r.input, argv, ...extra } });
  const split = step('split', 'chunk split', ['chunk', 'split', `--chunk=${r.chunkSeconds}`, '--', r.input, workDir], { chunkEncode: { argv: encodeArgv(r.spec, r.flags) } });
  const children = [split];
  if (audio) {
    const track = typeof r.flags.audioTrack === 'number' ? [`--audio-track=${r.flags.audioTrack}`] : [];
    children.push(step('audio', 'chunk audio', ['chunk', 'audio', `--audio=${r.flags.audio ?? 'auto'}`, `--container=${containerForPath(r.output)}`, ...track, '--', r.input, workDir]));
  }
  const joinArgv = ['chunk', 'join', `--codec=${codec}`, ...(audio ? ['--with-audio'] : []), '--overwrite', '--', workDir, r.output];
  const notes = [...(audio?.notes ?? []), ...subtitleNote(r.media, r.output)];
  return { id, input: r.input, output: r.output, workDir, join: { id, data: { kind: 'chunk join', input: r.input, argv: joinArgv } }, children, notes };
}

// The chunk's compress flags; the worker adds `-- <chunk> <encoded chunk>`. --overwrite: a chunk
// encoded twice (at-least-once) replaces its first encode by an equal one.
function encodeArgv(spec: JobSpec, flags: Record<string, unknown>): string[] {
  const kept = Object.fromEntries(ENCODE_FLAGS.filter((k) => flags[k] !== undefined).map((k) => [k, flags[k]]));
  return [...spec.command, ...bodyToArgv(spec, { ...kept, audio: 'none', overwrite: true }, [])];
}

function subtitleNote(media: MediaInfo, output: string): string[] {
  const n = media.subtitles.length;
  return n === 0 ? [] : [`${basename(output)}: the input's ${n} subtitle track${n === 1 ? ' is' : 's are'} not kept by a chunked encode (queue it without --chunk to keep them in .mkv)`];
}
