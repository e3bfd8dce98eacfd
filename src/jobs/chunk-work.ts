// The hidden work folder of a chunked encode, on the storage every worker sees: the steps (chunk split,
// one compress per chunk, chunk audio, chunk join) find each other's files by these names alone, so a
// step that runs twice (at-least-once delivery) finds or replaces the same files.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { JobError } from '../errors.js';

/** Written last by the split, through a rename: when it is there, every chunk it names is complete. */
export const SPLIT_MANIFEST = 'split.json';

export interface SplitManifest {
  input: string;
  /** Frames of the input's video, counted as they went into the chunks. */
  frames: number;
  /** Media seconds those frames cover. */
  seconds: number;
  /** The first frame's timestamp in the input (each intermediate file starts at 0: the join compares). */
  videoStart: number;
  chunks: { file: string; seconds: number }[];
}

/** What the audio step wrote, recorded before its audio file appears. */
export interface AudioRecord {
  file: string;
  /** The first audio timestamp in the input, on the same clock as SplitManifest.videoStart. */
  start: number;
}

export const AUDIO_RECORD = 'audio.json';

/** DIR/.NAME.chunks-ID beside the output: hidden, and one per queued job (two jobs never share one). */
export function chunkWorkFolder(output: string, id: string): string {
  return join(dirname(output), `.${basename(output)}.chunks-${id}`);
}

const number = (index: number) => String(index).padStart(5, '0');

export type ChunkFormat = 'mov' | 'mkv';

/**
 * The split's chunk format for an input container. QuickTime keeps timestamps exactly (Matroska rounds
 * them to the millisecond) and takes the most codecs, but needs each frame's decode time: inputs that
 * carry none (Matroska/WebM and the other PTS-only containers, with B-frames) are split into Matroska,
 * which loses nothing they have.
 */
export function chunkFormat(container: string | null): ChunkFormat {
  return container !== null && ['mp4', 'mov', 'ts', 'flv', '3gp'].includes(container) ? 'mov' : 'mkv';
}

export const sourceChunk = (index: number, format: ChunkFormat): string => `source-${number(index)}.${format}`;

// MP4 keeps the encoder's decode timestamps (B-frames), which the join needs to stay in order.
export const encodedChunk = (index: number): string => `encoded-${number(index)}.mp4`;

/** The audio of the whole input, encoded once: MP4 when it can hold the codec, else Matroska (Vorbis). */
export const AUDIO_FILES = ['audio.m4a', 'audio.mka'] as const;

export const readManifest = (workDir: string): SplitManifest | undefined => readRecord<SplitManifest>(join(workDir, SPLIT_MANIFEST));
export const writeManifest = (workDir: string, manifest: SplitManifest): void => writeRecord(join(workDir, SPLIT_MANIFEST), manifest);
export const readAudioRecord = (workDir: string): AudioRecord | undefined => readRecord<AudioRecord>(join(workDir, AUDIO_RECORD));
export const writeAudioRecord = (workDir: string, record: AudioRecord): void => writeRecord(join(workDir, AUDIO_RECORD), record);

function readRecord<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new JobError(`The record ${path} cannot be read: ${(error as Error).message}`, { fix: 'Remove the work folder and add the job again.', cause: error });
  }
}

// Temporary name, then rename: a reader sees the old record, the new one, or none; never half of one.
function writeRecord(path: string, record: object): void {
  const partial = `${path}.partial-${process.pid}`;
  writeFileSync(partial, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(partial, path);
}
