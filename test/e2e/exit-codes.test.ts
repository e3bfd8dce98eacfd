// The exit code contract through the built CLI: 0 ok, 1 pipeline failed, 2 usage, 3 missing part, 130 interrupted.
import { describe, expect, it } from 'vitest';
import { cli, gstProcessesWith } from '../helpers/cli.js';
import { startJsonCli } from '../helpers/ndjson-process.js';
import { waitUntil } from '../helpers/wait.js';

describe('exit codes', () => {
  it.each([
    [0, ['launch', 'videotestsrc num-buffers=5 ! fakesink']],
    [1, ['launch', 'filesrc location=/nonexistent/lydlr-missing.mp4 ! fakesink']],
    [2, ['launch', '--timeout', '-1', 'videotestsrc ! fakesink']],
    [2, ['no-such-command']],
    [3, ['launch', 'videotestsrc num-buffers=5 ! foobarenc ! fakesink']],
  ])('exit %s for %j', async (code, args) => {
    expect((await cli(args)).exitCode).toBe(code);
  });

  it('130 for SIGINT during a live launch, after EOS; no gst-launch-1.0 left behind', async () => {
    const marker = `pattern=${10 + Math.floor(Math.random() * 8)}`; // this run's pipeline, for pgrep
    const run = startJsonCli(['launch', `videotestsrc is-live=true ${marker} ! fakesink`]);
    await run.waitFor((e) => e.type === 'state-changed' && e.newState === 'playing', 60_000, 'PLAYING');
    expect(await gstProcessesWith(marker)).toHaveLength(1);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.events.some((e) => e.type === 'eos')).toBe(true);
    expect(run.events.at(-1)).toMatchObject({ type: 'result', ok: false, exitCode: 130, error: { name: 'InterruptedError' } });
    await waitUntil('no gst-launch-1.0 of this run', async () => (await gstProcessesWith(marker)).length === 0, { timeoutMs: 10_000 });
  });
});
