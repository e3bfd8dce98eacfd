// A file whose container declares more than it holds (a cut download, a copy that stopped): the
// decoder reaches the end of the data early and cleanly, so nothing fails by itself. compress and
// hls both compare what was decoded with what the container declares and refuse the same way.
import { JobError } from '../errors.js';

// More missing than this is a truncation, not container rounding or a last short GOP.
const TOLERANCE = { seconds: 0.5, fraction: 0.1 };

export function truncationError(declaredSeconds: number | undefined, decodedSeconds: number): JobError | undefined {
  if (declaredSeconds === undefined || !(declaredSeconds > 0)) return undefined;
  const missing = declaredSeconds - decodedSeconds;
  if (missing <= Math.max(TOLERANCE.seconds, declaredSeconds * TOLERANCE.fraction)) return undefined;
  const decoded = Math.max(0, decodedSeconds).toFixed(1);
  return new JobError(`The input is truncated: only ${decoded} s of the ${declaredSeconds.toFixed(1)} s its container declares could be decoded; nothing was written.`, {
    fix: 'Copy or download the input again; to convert what is there, first rewrite it (ffmpeg -i in -c copy fixed.mkv) so its header matches its data.',
    data: { declaredSeconds: round(declaredSeconds), decodedSeconds: round(decodedSeconds) },
  });
}

const round = (n: number): number => Math.round(n * 100) / 100;
