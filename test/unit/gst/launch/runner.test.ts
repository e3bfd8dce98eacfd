// PipelineRun: real gst-launch-1.0 runs, and failure paths through small gst-launch-1.0 stand-ins
// (shell scripts found first on the child's PATH) that crash, hang, or fail like GStreamer does.
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { PipelineRun, type RunResult } from '../../../../src/gst/launch/runner.js';
import type { GstEvent } from '../../../../src/gst/launch/events.js';
import { failureOf, PipelineError } from '../../../../src/gst/launch/failure.js';
import { tempFiles, type TempFiles } from '../../../helpers/cli.js';
import { ffprobe } from '../../../helpers/media.js';
import { waitUntil } from '../../../helpers/wait.js';

const env = { ...process.env, LC_ALL: 'C' };
let temp: TempFiles | undefined;
afterEach(() => temp?.cleanup());

// A process is gone when /proc has no entry or only a zombie (which no longer runs anything).
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

// A fake gst-launch-1.0 with the given shell body; returns the env that makes the runner use it.
function fakeGstLaunch(body: string): NodeJS.ProcessEnv {
  temp = tempFiles('lydlr-fake-gst-');
  const script = temp.file('gst-launch-1.0', `#!/bin/sh\n${body}\n`);
  chmodSync(script, 0o755);
  return { ...env, PATH: `${temp.dir}:${process.env.PATH}`, FAKE_DIR: temp.dir };
}

function collect(run: PipelineRun): GstEvent[] {
  const events: GstEvent[] = [];
  run.on((e) => events.push(e));
  return events;
}

const PLAYING = `echo 'Got message #1 from element "pipeline0" (state-changed): GstMessageStateChanged, old-state=(GstState)paused, new-state=(GstState)playing, pending-state=(GstState)void-pending;'`;
const isPlaying = (events: GstEvent[]) => () => events.some((e) => e.type === 'state-changed' && e.isPipeline && e.newState === 'playing');

describe('PipelineRun with the real gst-launch-1.0', () => {
  it('runs 30 frames to EOS: exit 0, 30 frames of 320x240 I420 (115200 bytes each) counted by lydlr_stats0, a stats event last', async () => {
    const run = new PipelineRun({ pipeline: ['videotestsrc', 'num-buffers=30', '!', 'video/x-raw,format=I420,width=320,height=240', '!', 'identity', 'name=lydlr_stats0', 'silent=false', '!', 'fakesink'], env });
    const events = collect(run);
    const result = await run.start();
    expect(result).toMatchObject({ exitCode: 0, signal: undefined, eos: true, interrupted: false, killed: false, errors: [], warnings: [] });
    expect(result.stats).toMatchObject({ frames: 30, bytes: 30 * 115200, errors: 0, warnings: 0 });
    expect(events.map((e) => e.type)).toContain('eos');
    expect(events.at(-1)).toMatchObject({ type: 'stats', frames: 30 });
    expect(failureOf(result)).toBeUndefined();
    expect(alive(run.pid!)).toBe(false);
  });

  it('its command line is the exact gst-launch-1.0 command, and that command runs in a shell', async () => {
    const run = new PipelineRun({ pipeline: ['videotestsrc', 'num-buffers=5', '!', 'fakesink', 'name=my sink'], env });
    expect(run.command).toBe("gst-launch-1.0 -m -e -v --force-position videotestsrc num-buffers=5 ! fakesink 'name=my sink'");
    const shell = await execa('sh', ['-c', run.command], { env, reject: false });
    expect(shell.exitCode).toBe(0);
    expect(shell.stdout).toContain('Got EOS from element "pipeline0"');
  });

  it('stop() on a live encode sends EOS: the mp4 is finalized (ffprobe reads H.264), not killed, process gone', async () => {
    temp = tempFiles('lydlr-launch-');
    const out = join(temp.dir, 'live.mp4');
    const run = new PipelineRun({ pipeline: ['videotestsrc', 'is-live=true', '!', 'video/x-raw,width=160,height=120', '!', 'x264enc', 'speed-preset=ultrafast', '!', 'mp4mux', '!', 'filesink', `location=${out}`], env });
    const events = collect(run);
    const done = run.start();
    await waitUntil('the pipeline to reach PLAYING', isPlaying(events), { timeoutMs: 60_000 });
    run.stop();
    const result = await done;
    expect(result).toMatchObject({ eos: true, interrupted: true, killed: false, errors: [] });
    expect(failureOf(result)).toBeUndefined();
    expect((await ffprobe(out)).streams[0]?.codec_name).toBe('h264');
    expect(alive(run.pid!)).toBe(false);
  });
});

describe('PipelineRun failure paths (gst-launch-1.0 stand-ins)', () => {
  it('a child that crashes (SIGSEGV) without output: signal reported, PipelineError naming the signal', async () => {
    const run = new PipelineRun({ pipeline: ['x'], env: fakeGstLaunch('kill -SEGV $$') });
    const result = await run.start();
    expect(result).toMatchObject({ exitCode: undefined, signal: 'SIGSEGV', eos: false, errors: [] });
    expect(failureOf(result)?.message).toBe('Pipeline failed: gst-launch-1.0 exited with SIGSEGV without reporting an error');
  });

  it('exit 1 after an ERROR block on stderr: the error event with element, message and debug; the stderr tail kept', async () => {
    const fake = fakeGstLaunch(`cat >&2 <<'EOT'
ERROR: from element /GstPipeline:pipeline0/GstFileSrc:filesrc0: Resource not found.
Additional debug info:
gstfilesrc.c(553): gst_file_src_start (): /GstPipeline:pipeline0/GstFileSrc:filesrc0:
No such file "/nonexistent"
EOT
exit 1`);
    const run = new PipelineRun({ pipeline: ['x'], env: fake });
    const events = collect(run);
    const result = await run.start();
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ kind: 'runtime', element: 'filesrc0', message: 'Resource not found.', debug: 'gstfilesrc.c(553): gst_file_src_start (): /GstPipeline:pipeline0/GstFileSrc:filesrc0:\nNo such file "/nonexistent"' });
    expect(events.filter((e) => e.type === 'error')).toHaveLength(1);
    expect(result.stderrTail).toContain('No such file "/nonexistent"');
    const error = failureOf(result);
    expect(error).toBeInstanceOf(PipelineError);
    expect(error).toMatchObject({ exitCode: 1, element: 'filesrc0' });
  });

  it('a child that ignores SIGINT (EOS never comes) is killed after stopTimeoutMs, its grandchild too', async () => {
    const fake = fakeGstLaunch(`trap '' INT\nsleep 1000 &\necho $! > "$FAKE_DIR/grandchild"\n${PLAYING}\nwait`);
    const run = new PipelineRun({ pipeline: ['x'], env: fake, stopTimeoutMs: 300 });
    const events = collect(run);
    const done = run.start();
    await waitUntil('the stand-in to report PLAYING', isPlaying(events));
    const grandchild = Number(readFileSync(join(temp!.dir, 'grandchild'), 'utf8'));
    run.stop();
    const result = await done;
    expect(result).toMatchObject({ killed: true, interrupted: true, eos: false, signal: 'SIGKILL' });
    expect(failureOf(result)).toBeInstanceOf(PipelineError);
    expect(alive(run.pid!)).toBe(false);
    await waitUntil('the grandchild sleep to be gone', () => !alive(grandchild), { timeoutMs: 10_000 });
  });

  it('a second stop() kills at once, without waiting for stopTimeoutMs', async () => {
    const fake = fakeGstLaunch(`trap '' INT\n${PLAYING}\nwhile :; do sleep 1; done`);
    const run = new PipelineRun({ pipeline: ['x'], env: fake, stopTimeoutMs: 600_000 });
    const events = collect(run);
    const done = run.start();
    await waitUntil('the stand-in to report PLAYING', isPlaying(events));
    run.stop();
    run.stop();
    expect(await done).toMatchObject({ killed: true, signal: 'SIGKILL' });
  });

  it('SIGINT answered by Interrupt + EOS: interrupted, eos, exit 0, no failure', async () => {
    const fake = fakeGstLaunch(`trap 'echo "Interrupt: Stopping pipeline ..."; echo "Got EOS from element \\"pipeline0\\"."; exit 0' INT\n${PLAYING}\nwhile :; do sleep 0.1; done`);
    const run = new PipelineRun({ pipeline: ['x'], env: fake });
    const events = collect(run);
    const done = run.start();
    await waitUntil('the stand-in to report PLAYING', isPlaying(events));
    run.stop();
    const result = await done;
    expect(result).toMatchObject({ exitCode: 0, interrupted: true, eos: true, killed: false });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['interrupt', 'eos']));
    expect(failureOf(result)).toBeUndefined();
  });

  it('position lines (ended by \\r) become progress events with percent; at EOS a final 100 % event', async () => {
    const fake = fakeGstLaunch(`printf '0:00:01.0 / 0:00:04.0 (25.0 %%)\\r'\necho 'Got EOS from element "pipeline0".'`);
    const run = new PipelineRun({ pipeline: ['x'], env: fake, durationSeconds: 4, progressIntervalMs: 0 });
    const events = collect(run);
    await run.start();
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.map((e) => [e.positionSeconds, e.percent])).toEqual([[1, 25], [4, 100]]);
  });

  it('a missing gst-launch-1.0 does not throw: exit 127 and the reason in the stderr tail', async () => {
    temp = tempFiles('lydlr-empty-path-');
    const run = new PipelineRun({ pipeline: ['x'], env: { ...env, PATH: temp.dir } });
    const result = await run.start();
    expect(result.exitCode).toBe(127);
    expect(result.stderrTail.join('\n')).toMatch(/gst-launch-1\.0.*No such file or directory/);
    expect(failureOf(result)).toBeInstanceOf(PipelineError);
  });

  it('start() twice returns the same promise; stop() before start() leaves the run uninterrupted', async () => {
    const run = new PipelineRun({ pipeline: ['x'], env: fakeGstLaunch('exit 0') });
    run.stop();
    const first = run.start();
    expect(run.start()).toBe(first);
    const result: RunResult = await first;
    expect(result).toMatchObject({ exitCode: 0, interrupted: false, killed: false });
  });
});
