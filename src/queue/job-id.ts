// A queued job's id, derived from what it does: the job kind, the input (absolute path) and the
// options, so adding the same work twice is one BullMQ job (jobId deduplicates).
import { createHash } from 'node:crypto';

export function queueJobId(kind: string, input: string, options: Record<string, unknown>): string {
  const canonical = JSON.stringify([kind, input, sortedEntries(options)]);
  // BullMQ reserves ids that are plain integers and ids with ":"; a hex digest with a prefix is neither.
  return `${kind.replace(/\W+/g, '-')}-${createHash('sha256').update(canonical).digest('hex').slice(0, 24)}`;
}

// Options in a fixed order (flag order on the command line does not change the work).
function sortedEntries(options: Record<string, unknown>): [string, unknown][] {
  return Object.keys(options)
    .filter((key) => options[key] !== undefined)
    .sort()
    .map((key) => [key, options[key]]);
}
