// The runner and CLI contracts, on real GStreamer through the built CLI.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync, symlinkSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cli, gstProcessesWith, spawnCli, tempDir } from '../helpers/cli.js';
import { startJsonCli } from '../helpers/ndjson-process.js';
import { ffprobe } from '../helpers/media.js';
import { waitUntil } from '../helpers/wait.js';
import { PipelineBuilder } from '../../src/pipeline/builder.js';

describe('launch', () => {
  it('--json streams events and ends with an ok result after EOS', async () => {
    const r = await cli(['--json', 'launch', 'videotestsrc num-buffers=60 ! x264enc ! h264parse ! identity name=lydlr_stats0 silent=false ! fakesink']);
    expect(r.exitCode).toBe(0);
    const types = r.json.map((e) => e.type);
    expect(types).toContain('eos');
    expect(types.at(-1)).toBe('result');
    expect(r.result).toMatchObject({ ok: true, command: 'launch', eos: true, stats: { frames: 60, errors: 0 } });
    expect((r.result!.stats as { bytes: number }).bytes).toBeGreaterThan(0);
    // Every stdout line is JSON.
    expect(r.stdout.trim().split('\n').length).toBe(r.json.length);
  });

  it('a pipeline that fails at run time exits 1 naming the element', async () => {
    const r = await cli(['--json', 'launch', 'filesrc location=/nonexistent ! decodebin ! fakesink']);
    expect(r.exitCode).toBe(1);
    expect(r.result).toMatchObject({ ok: false, exitCode: 1, error: { element: 'filesrc0' } });
    expect(String((r.result!.error as { message: string }).message)).toContain('filesrc0');
    const human = await cli(['launch', 'filesrc location=/nonexistent ! decodebin ! fakesink']);
    expect(human.exitCode).toBe(1);
    expect(human.stderr).toMatch(/filesrc0.*Resource not found/);
    expect(human.stderr).toContain('No such file');
  });

  it('a missing element exits 3 with the Debian package', async () => {
    const r = await cli(['launch', 'videotestsrc num-buffers=1 ! vaapih264enc ! fakesink']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('"vaapih264enc" is not installed');
    expect(r.stderr).toContain('apt-get install -y gstreamer1.0-vaapi');
  });

  it('a syntactically bad pipeline exits 2', async () => {
    const r = await cli(['launch', 'videotestsrc ! ! fakesink']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('syntax error');
  });

  it('--dry-run prints the command and runs nothing', async () => {
    const r = await cli(['launch', '--dry-run', 'filesrc location="a b.mp4" ! fakesink']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(`gst-launch-1.0 -m -e -v --force-position filesrc 'location="a b.mp4"' ! fakesink`);
  });

  it('SIGINT during a long encode into mp4: exit 130, a playable file, no gst-launch left', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, `sigint-${randomBytes(4).toString('hex')}.mp4`);
      const run = startJsonCli(['launch', `videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=30/1 ! videoconvert ! video/x-raw,format=I420 ! x264enc tune=zerolatency ! h264parse ! mp4mux ! filesink location="${out}"`]);
      // Interrupt once a whole second is encoded, so the finalized file must hold at least that.
      await waitUntil('the encode to pass 1 s and the mp4 to hold data', () =>
        run.events.some((e) => e.type === 'progress' && Number(e.positionSeconds) >= 1) && existsSync(out) && readFileSync(out).length > 0, { timeoutMs: 30_000 });
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(130);
      await run.child;
      expect(run.events.some((e) => e.type === 'eos')).toBe(true);
      expect(run.events.at(-1)).toMatchObject({ type: 'result', ok: false, exitCode: 130 });
      const probe = await ffprobe(out);
      expect(probe.streams[0]?.codec_name).toBe('h264');
      expect(Number(probe.format.duration)).toBeGreaterThanOrEqual(1);
      expect(await gstProcessesWith(out)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('the CLI killed outright takes gst-launch with it (no orphan)', async () => {
    const marker = `orphan-${randomBytes(4).toString('hex')}`;
    const child = spawnCli(['launch', `videotestsrc is-live=true name=${marker} ! fakesink`]);
    await waitUntil('gst-launch-1.0 to start', async () => (await gstProcessesWith(marker)).length > 0, { timeoutMs: 20_000 });
    child.kill('SIGKILL');
    await child;
    await waitUntil('gst-launch-1.0 to exit after its parent was killed', async () => (await gstProcessesWith(marker)).length === 0, { timeoutMs: 20_000 });
  });

  it('--timeout 1 stops a live pipeline with EOS after 1 s or more: exit 0, ok result, stoppedByTimeout, frames counted', async () => {
    const r = await cli(['--json', 'launch', '--timeout', '1', 'videotestsrc is-live=true ! identity name=lydlr_stats0 silent=false ! fakesink']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ ok: true, eos: true, stoppedByTimeout: true });
    // Lower bound: not stopped early. Upper bound: only a hang detector.
    expect(Number(r.result!.durationMs)).toBeGreaterThanOrEqual(1000);
    expect(Number(r.result!.durationMs)).toBeLessThan(60_000);
    expect((r.result!.stats as { frames: number }).frames).toBeGreaterThan(0);
  });

  it('--duration 2 turns positions into percent of 2 s, ending at 100 at EOS; without it progress has no percent', async () => {
    // 2 s of live audio (200 × 441 samples at 44.1 kHz); audiotestsrc does not answer duration
    // queries (videotestsrc with num-buffers does), so any percent comes from --duration.
    const pipeline = 'audiotestsrc is-live=true num-buffers=200 samplesperbuffer=441 ! audio/x-raw,rate=44100 ! fakesink';
    const r = await cli(['--json', 'launch', '--duration', '2', pipeline]);
    expect(r.exitCode, r.stderr).toBe(0);
    const progress = r.json.filter((e) => e.type === 'progress') as { positionSeconds: number; durationSeconds?: number; percent?: number }[];
    expect(progress.length).toBeGreaterThan(1);
    for (const p of progress) {
      expect(p.durationSeconds).toBe(2);
      expect(p.percent).toBeCloseTo((p.positionSeconds / 2) * 100, 0);
    }
    expect(progress.at(-1)!.percent).toBe(100);
    expect(r.json.findIndex((e) => e.type === 'eos')).toBeGreaterThan(r.json.lastIndexOf(progress.at(-1)!));
    expect(r.result).toMatchObject({ ok: true, eos: true, stoppedByTimeout: false });

    const plain = await cli(['--json', 'launch', pipeline]);
    const plainProgress = plain.json.filter((e) => e.type === 'progress');
    expect(plainProgress.length).toBeGreaterThan(0);
    expect(plainProgress.every((e) => e.percent === undefined)).toBe(true);
  });
});

describe('caps where gst-launch expects an element: a syntax error (exit 2), not a missing plugin', () => {
  const twoCaps = 'videotestsrc num-buffers=5 ! videoscale ! video/x-raw,width=160,height=120 ! video/x-raw,format=I420 ! fakesink';

  it.each(['test', 'launch'])('%s --json with two caps in a row: exit 2, UsageError whose fix says merge or capsfilter', async (command) => {
    const r = await cli(['--json', command, twoCaps]);
    expect(r.exitCode).toBe(2);
    expect(r.result).toMatchObject({ ok: false, command, exitCode: 2, error: { name: 'UsageError', gstMessage: 'no element "video"', capsMediaType: 'video' } });
    const error = r.result!.error as { message: string; fix: string; package?: string };
    expect(error.message).toContain('caps "video/…"');
    expect(error.message).not.toContain('not installed');
    expect(error.fix).toContain('capsfilter caps=');
    expect(error.fix).toContain('merge them into one');
    expect(error.fix).not.toContain('plugins --search');
    expect(error.package).toBeUndefined();
  });

  it('test --json with a "!" missing before audio caps: exit 2, the fix names the missing "!"', async () => {
    const r = await cli(['--json', 'test', 'audiotestsrc num-buffers=5 audio/x-raw,rate=8000 ! fakesink']);
    expect(r.exitCode).toBe(2);
    expect(r.result).toMatchObject({ exitCode: 2, error: { name: 'UsageError', gstMessage: 'no element "audio"', capsMediaType: 'audio' } });
    expect((r.result!.error as { fix: string }).fix).toContain('a "!" is missing before the caps');
  });
});

describe('quoting round trip on real GStreamer', () => {
  const hostile = [`we ird 'q"uo!te,s=(x) é.bin`, 'a\\b\\"c\\\\.bin', 'ends with backslash\\', 'semi;colon & amp $HOME `tick`.bin'];

  it.each(hostile)('copies %j byte for byte through filesrc ! filesink', async (name) => {
    const { dir, cleanup } = tempDir();
    try {
      const input = join(dir, name);
      const output = join(dir, `${name}.out`);
      const bytes = randomBytes(50_000);
      writeFileSync(input, bytes);
      const argv = new PipelineBuilder().addSource('file', input).addSink('file', output).toArgv();
      const r = await cli(['launch', ...argv]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(readFileSync(output).equals(bytes)).toBe(true);
    } finally {
      cleanup();
    }
  });
});

describe('contracts', () => {
  it('test runs the default pipeline and gives a verdict', async () => {
    const r = await cli(['--json', 'test']);
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ ok: true, command: 'test', verdict: 'ok', pipeline: 'videotestsrc num-buffers=100 ! fakesink' });
  });

  it('test --timeout 1 on a never-ending live pipeline: exit 1 after 1 s or more, JobError with the num-buffers fix, no gst-launch left', async () => {
    const marker = `hang-${randomBytes(4).toString('hex')}`;
    const r = await cli(['--json', 'test', '--timeout', '1', `videotestsrc is-live=true name=${marker} ! fakesink`]);
    expect(r.exitCode).toBe(1);
    expect(r.result).toMatchObject({ ok: false, command: 'test', exitCode: 1, error: { name: 'JobError', message: 'The pipeline did not finish within 1 s.' } });
    expect((r.result!.error as { fix: string }).fix).toContain('num-buffers=N');
    const durationMs = Number((r.result!.error as { durationMs: number }).durationMs);
    expect(durationMs).toBeGreaterThanOrEqual(1000);
    expect(durationMs).toBeLessThan(60_000); // a hang detector only
    expect(await gstProcessesWith(marker)).toEqual([]);
  });

  it('test exits 1 with the error and a fix for a failing pipeline', async () => {
    const r = await cli(['test', 'filesrc location=/nonexistent ! fakesink']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('fix:');
  });

  it('an invalid GSTREAMER_DEBUG is exit 2 with a clear message', async () => {
    const r = await cli(['test'], { env: { GSTREAMER_DEBUG: '9' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('GSTREAMER_DEBUG must be a number from 0 to 5');
  });

  it('GStreamer missing from PATH is exit 3 with the apt line', async () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(join(dir, 'bin'));
      symlinkSync(process.execPath, join(dir, 'bin', 'node'));
      const r = await cli(['launch', 'videotestsrc ! fakesink'], { env: { PATH: join(dir, 'bin') }, extendEnv: false });
      expect(r.exitCode).toBe(3);
      expect(r.stderr).toContain('apt-get install -y gstreamer1.0-tools');
    } finally {
      cleanup();
    }
  });

  it('--help and --version exit 0; an unknown option exits 2', async () => {
    expect((await cli(['--help'])).exitCode).toBe(0);
    expect((await cli(['launch', '--help'])).stdout).toContain('Examples:');
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await cli(['launch', '--bogus', 'x'])).exitCode).toBe(2);
    expect((await cli(['--gst-debug', '7', 'test'])).exitCode).toBe(2);
  });
});
