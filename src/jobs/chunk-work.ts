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
  chunks: { file: string; seconds: number }[];
}

/** DIR/.NAME.chunks-ID beside the output: hidden, and one per queued job (two jobs never share one). */
export function chunkWorkFolder(output: string, id: string): string {
  return join(dirname(output), `.${basename(output)}.chunks-${id}`);
}

const number = (index: number) => String(index).padStart(5, '0');

// QuickTime keeps the input's timestamps exactly (Matroska rounds them to the millisecond) and takes
// the most codecs of our muxers.
export const sourceChunk = (index: number): string => `source-${number(index)}.mov`;

// MP4 keeps the encoder's decode timestamps (B-frames), which the join needs to stay in order.
export const encodedChunk = (index: number): string => `encoded-${number(index)}.mp4`;

/** The audio of the whole input, encoded once: MP4 when it can hold the codec, else Matroska (Vorbis). */
export const AUDIO_FILES = ['audio.m4a', 'audio.mka'] as const;

export function readManifest(workDir: string): SplitManifest | undefined {
  const path = join(workDir, SPLIT_MANIFEST);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SplitManifest;
  } catch (error) {
    throw new JobError(`The split's record ${path} cannot be read: ${(error as Error).message}`, { fix: 'Remove the work folder and add the job again.', cause: error });
  }
}

// Temporary name, then rename: a reader sees the old record, the new one, or none; never half of one.
export function writeManifest(workDir: string, manifest: SplitManifest): void {
  const path = join(workDir, SPLIT_MANIFEST);
  const partial = `${path}.partial-${process.pid}`;
  writeFileSync(partial, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(partial, path);
}
