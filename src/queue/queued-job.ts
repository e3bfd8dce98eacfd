// What a queued job carries: enough for any worker to run it as `lydlr-gst --json <argv…>`, the
// same command line a user would type, so a worker runs exactly the CLI's job code.
export interface QueuedJobData {
  /** The registry's job name (`compress`, `hls`…). */
  kind: string;
  /** The input this job works on (an absolute path, or a source spec such as test:ball). */
  input: string;
  /** The command words and arguments after `lydlr-gst --json`. */
  argv: string[];
  /**
   * A chunked encode's split step: once it has run, the worker adds one compress job per chunk it
   * wrote, `compress <argv…> -- <chunk> <encoded chunk>`, beside it under the same parent (the join).
   */
  chunkEncode?: { argv: string[] };
}

/** What a finished job returns to the queue: the job's own --json result record. */
export type QueuedJobResult = Record<string, unknown>;
