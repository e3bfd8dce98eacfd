// The publisher's reconnect loop, on real gst-launch-1.0 children with short back-offs.
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Publisher, nextDelay, DEFAULT_BACKOFF, type PublisherEvent, type PublisherOptions, type PublishOutcome } from '../../../../src/jobs/rtsp/republisher.js';
import { EnvironmentError, JobError } from '../../../../src/errors.js';
import { waitUntil } from '../../../helpers/wait.js';

// A port we hold that drops every connection: a media server that is down, which no other test's
// server can start on meanwhile (a port merely found free could be taken).
async function refusingPort(): Promise<{ port: number; close: () => void }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

const FAST = { initialMs: 50, maxMs: 200, resetAfterMs: 10_000 };
const env = { ...process.env, LC_ALL: 'C' };
function publisher(pipeline: string[], over: Partial<PublisherOptions> = {}): { p: Publisher; events: PublisherEvent[] } {
  const events: PublisherEvent[] = [];
  const p = new Publisher({ pipeline, url: 'rtsp://x', env, loop: false, backoff: FAST, onEvent: (e) => events.push(e), ...over });
  return { p, events };
}

describe('nextDelay', () => {
  it('doubles up to the cap', () => {
    const delays = [DEFAULT_BACKOFF.initialMs];
    for (let i = 0; i < 6; i++) delays.push(nextDelay(delays.at(-1)!, DEFAULT_BACKOFF));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
});

describe('Publisher', () => {
  it('server down: retries with a doubling back-off, then gives up after --max-retries (exit 1)', async () => {
    const { port, close } = await refusingPort();
    const { p, events } = publisher(['videotestsrc', 'is-live=true', '!', 'x264enc', 'tune=zerolatency', '!', 'rtspclientsink', `location=rtsp://127.0.0.1:${port}/x`], { maxRetries: 3 });
    const error = await p.start().catch((e: unknown) => e).finally(close);
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).message).toMatch(/^Publishing to rtsp:\/\/x failed after 4 attempts: Pipeline failed: /);
    // Only the back-off: under load the live pipeline can reach PLAYING ('publishing') before rtspclientsink's refusal.
    expect(events.flatMap((e) => (e.type === 'reconnecting' ? [[e.attempt, e.delayMs]] : []))).toEqual([[2, 50], [3, 100], [4, 200]]);
    expect(events.filter((e) => e.type !== 'reconnecting' && e.type !== 'publishing')).toEqual([]);
  });

  it('a missing element is not retried (exit 3)', async () => {
    const { p, events } = publisher(['nosuchelement', '!', 'fakesink']);
    await expect(p.start()).rejects.toBeInstanceOf(EnvironmentError);
    expect(events).toEqual([]);
  });

  it('the input ends: done (reason ended); with loop: started again until stopped', async () => {
    const once = publisher(['videotestsrc', 'num-buffers=3', '!', 'fakesink']);
    expect(await once.p.start()).toMatchObject({ reason: 'ended', attempts: 1, reconnects: 0 });
    expect(once.events.map((e) => e.type)).toEqual(['publishing']);

    const looped = publisher(['videotestsrc', 'num-buffers=3', '!', 'fakesink'], {
      loop: true,
      onEvent: (e) => {
        looped.events.push(e);
        if (looped.events.filter((x) => x.type === 'restarting').length === 2) looped.p.stop();
      },
    });
    const outcome = await looped.p.start();
    expect(outcome.reason).toBe('stopped');
    expect(outcome.attempts).toBeGreaterThanOrEqual(2);
  });

  it('stop() during a back-off ends start() without waiting out the back-off', async () => {
    const { port, close } = await refusingPort();
    onTestFinished(close);
    // A ten-minute back-off: start() can only return within the hang bound below if stop() cut it short.
    const { p, events } = publisher(['videotestsrc', '!', 'x264enc', '!', 'rtspclientsink', `location=rtsp://127.0.0.1:${port}/x`], { backoff: { initialMs: 600_000, maxMs: 600_000, resetAfterMs: 600_000 } });
    let outcome: PublishOutcome | undefined;
    void p.start().then((o) => (outcome = o));
    await waitUntil('the first reconnecting event', () => events.length > 0, { timeoutMs: 20_000 });
    expect(events[0]).toMatchObject({ type: 'reconnecting', delayMs: 600_000 });
    p.stop();
    expect(await waitUntil('start() to return after stop()', () => outcome, { timeoutMs: 20_000 })).toMatchObject({ reason: 'stopped', attempts: 1, reconnects: 1 });
  });
});
