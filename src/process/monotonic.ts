// Milliseconds on a monotonic clock, as performance.now() gives them, for the code that runs before a
// pipeline starts: Node builds the global `performance` on first use, loading its perf_hooks modules
// (~1 ms of every start-up), while process.hrtime reads the same clock with nothing to load.
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
