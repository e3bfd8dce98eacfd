import { describe, expect, it } from 'vitest';
import { SupervisedChild } from '../../../src/process/supervised-child.js';

// A child that prints 150 lines 4 ms apart, each written (and flushed) on its own, as gst-launch -v does.
async function readLines(stdoutBatchMs: number | undefined): Promise<{ lines: string[]; batches: number; exitCode: number | undefined; ms: number }> {
  const lines: string[] = [];
  let batches = 0;
  let lastAt = -Infinity;
  const child = new SupervisedChild({
    file: '/bin/sh',
    args: ['-c', 'i=1; while [ $i -le 150 ]; do echo "line $i"; i=$((i+1)); sleep 0.004; done'],
    onStdoutLine: (line) => {
      // Lines handed on in one go come within a millisecond of each other; a new read comes later.
      const now = performance.now();
      if (now - lastAt > 1) batches += 1;
      lastAt = now;
      lines.push(line);
    },
    stopTimeoutMs: 1000,
    ...(stdoutBatchMs ? { stdoutBatchMs } : {}),
  });
  const started = performance.now();
  const exit = await child.start();
  return { lines, batches, exitCode: exit.exitCode, ms: performance.now() - started };
}

const expected = Array.from({ length: 150 }, (_, i) => `line ${i + 1}`);

describe('stdoutBatchMs: a chatty child read in batches', () => {
  it('every line arrives, in order, in about one read per 250 ms instead of one per write', async () => {
    const batched = await readLines(250);
    expect(batched.exitCode).toBe(0);
    expect(batched.lines).toEqual(expected);
    // One read per 250 ms of the child's run (~0.8 s, longer on a busy machine), the last at its exit.
    expect(batched.batches).toBeLessThanOrEqual(Math.ceil(batched.ms / 250) + 2);
    // The same child read as it writes wakes the reader many times more (what the batching saves).
    const plain = await readLines(undefined);
    expect(plain.lines).toEqual(expected);
    expect(plain.batches).toBeGreaterThan(3 * batched.batches);
  });
});
