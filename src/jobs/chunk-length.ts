// How long a chunk of a chunked encode may be (`--chunk 30s`). Each chunk's encoder starts cold
// (no lookahead across the join, a keyframe at its start), so chunks much shorter than a few GOPs cost
// quality and a process start each for nothing: below MIN_CHUNK_SECONDS is refused.
import { FlagValueError, textValue } from './flags.js';
import { parseSeconds } from './units.js';

export const MIN_CHUNK_SECONDS = 2;

export const parseChunkLength = textValue((value: string): number => {
  const seconds = parseSeconds(value);
  if (seconds === undefined || seconds <= 0) throw new FlagValueError(`--chunk must be a duration such as 30s, 2m or 90, got "${value}"`);
  if (seconds < MIN_CHUNK_SECONDS) {
    throw new FlagValueError(`--chunk ${value} is too short: chunks start at keyframes and each is a separate encode, so give at least ${MIN_CHUNK_SECONDS}s (30s to a few minutes works well)`);
  }
  return seconds;
});
