// The runner and CLI contracts, on real GStreamer through the built CLI.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync, symlinkSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cli, gstProcessesWith, sleep, spawnCli, tempDir, toCliResult } from '../helpers/cli.js';
import { ffprobe } from '../helpers/media.js';
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
      const child = spawnCli(['--json', 'launch', `videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=30/1 ! videoconvert ! video/x-raw,format=I420 ! x264enc tune=zerolatency ! h264parse ! mp4mux ! filesink location="${out}"`]);
      await waitFor(() => existsSync(out) && readFileSync(out).length > 0, 15_000);
      await sleep(1000);
      child.kill('SIGINT');
      const done = await child;
      const r = toCliResult(done.exitCode ?? -1, String(done.stdout), String(done.stderr));
      expect(r.exitCode).toBe(130);
      expect(r.json.some((e) => e.type === 'eos')).toBe(true);
      const probe = await ffprobe(out);
      expect(probe.streams[0]?.codec_name).toBe('h264');
      expect(Number(probe.format.duration)).toBeGreaterThan(0.5);
      expect(await gstProcessesWith(out)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('the CLI killed outright takes gst-launch with it (no orphan)', async () => {
    const marker = `orphan-${randomBytes(4).toString('hex')}`;
    const child = spawnCli(['launch', `videotestsrc is-live=true name=${marker} ! fakesink`]);
    await waitFor(async () => (await gstProcessesWith(marker)).length > 0, 10_000);
    child.kill('SIGKILL');
    await child;
    await waitFor(async () => (await gstProcessesWith(marker)).length === 0, 5_000);
    expect(await gstProcessesWith(marker)).toEqual([]);
  });

  it('--timeout stops a live pipeline gracefully with exit 0', async () => {
    const r = await cli(['--json', 'launch', '--timeout', '1', 'videotestsrc is-live=true ! fakesink']);
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ ok: true, eos: true, stoppedByTimeout: true });
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

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await sleep(100);
  }
}
