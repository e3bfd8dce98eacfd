// Ctrl-C during file jobs: the first asks for EOS, a second kills; either way it is an interruption
// (exit 130), and nothing half-written is left under any name.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gstProcessesWith, tempDir } from '../helpers/cli.js';
import { decodedDuration } from '../helpers/media.js';
import { startJsonCli } from '../helpers/ndjson-process.js';
import { waitUntil } from '../helpers/wait.js';

const tmp = tempDir('lydlr-interrupts-');

afterAll(() => tmp.cleanup());

describe('compress, Ctrl-C twice', () => {
  it('exit 130 "Interrupted", no output and no partial file, no gst-launch-1.0 left', async () => {
    const dir = join(tmp.dir, 'twice');
    mkdirSync(dir);
    const output = join(dir, 'twice out.mp4');
    // veryslow: x264's long lookahead keeps the EOS flush busy for a while, so the second Ctrl-C lands during it.
    const run = startJsonCli(['compress', 'test:ball', output, '--duration', '600', '--preset', 'veryslow']);
    await run.waitFor((e) => e.type === 'progress', 60_000, 'the first progress event');
    run.child.kill('SIGINT');
    // Two signals sent at once merge into one: the second goes once the first is being acted on.
    await waitUntil('the graceful stop to begin', () => run.stderr().includes('press Ctrl-C again'), { timeoutMs: 10_000 });
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.events.at(-1)).toMatchObject({ type: 'result', ok: false, exitCode: 130, error: { name: 'InterruptedError' } });
    expect((run.events.at(-1)!.error as { message: string }).message).toMatch(/^Interrupted/);
    expect(readdirSync(dir)).toEqual([]);
    await waitUntil('no gst-launch-1.0 writing into the folder', async () => (await gstProcessesWith('twice out')).length === 0, { timeoutMs: 10_000 });
  });
});

describe('hls VOD, Ctrl-C', () => {
  it('kills the encode instead of finishing it: exit 130, no playlist, only whole segments left', async () => {
    const out = join(tmp.dir, 'vod stopped');
    // 120 s at 2 s a segment: 60 segments if the encode ran to the end.
    const run = startJsonCli(['hls', 'test', '-o', out, '--no-live', '--duration', '120', '--segment-duration', '2', '--preset', 'slow']);
    await run.waitFor((e) => e.type === 'segment', 120_000, 'a first segment');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    const result = run.events.at(-1)!;
    expect(result).toMatchObject({ type: 'result', ok: false, exitCode: 130, error: { name: 'InterruptedError' } });
    expect(run.events.some((e) => e.type === 'eos')).toBe(false);
    const left = readdirSync(out);
    expect(left.filter((f) => f.includes('.m3u8') || f.includes('.working'))).toEqual([]);
    const segments = left.filter((f) => f.endsWith('.ts'));
    expect(segments).toHaveLength((result.error as { segments: number }).segments);
    expect(segments.length).toBeLessThan(30);
    for (const segment of segments) expect(await decodedDuration(join(out, segment))).toBeGreaterThan(1.5);
    await waitUntil('no gst-launch-1.0 writing into the folder', async () => (await gstProcessesWith('vod stopped')).length === 0, { timeoutMs: 10_000 });
  });
});
