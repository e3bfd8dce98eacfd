// compress through the built CLI on real files made here, read back with ffprobe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { cli, gstProcessesWith, spawnCli, tempDir, toCliResult } from '../helpers/cli.js';
import { countVideoFrames, ffprobe, makeClip, makeDetailedClip, streamDuration } from '../helpers/media.js';
import { waitUntil } from '../helpers/wait.js';

const tmp = tempDir('lydlr-compress-');
const dir = tmp.dir;
const av = join(dir, 'av.mp4');
afterAll(() => tmp.cleanup());
beforeAll(async () => {
  await makeClip(av, { seconds: 2, width: 320, height: 240, audio: true });
});

const duration = async (file: string) => Number((await ffprobe(file)).format.duration);

describe('compress: codecs and containers', () => {
  it.each([
    ['h264', 'out.mp4', 'h264', 'aac'],
    ['h265', 'out.mkv', 'hevc', 'aac'],
    ['vp8', 'out.webm', 'vp8', 'opus'],
    ['vp9', 'out.webm', 'vp9', 'opus'],
    ['av1', 'out.mkv', 'av1', 'aac'],
    ['x264', 'out.ts', 'h264', 'aac'],
  ])('%s into %s: right codecs, same duration, audio kept (A+V into one muxer, no deadlock)', async (codec, name, videoCodec, audioCodec) => {
    const out = join(dir, `${codec}-${name}`);
    const r = await cli(['--json', 'compress', av, out, '--codec', codec, '--preset', 'ultrafast']);
    expect(r.exitCode, r.stderr).toBe(0);
    const probe = await ffprobe(out);
    expect(probe.streams.find((s) => s.codec_type === 'video')?.codec_name).toBe(videoCodec);
    expect(probe.streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe(audioCodec);
    expect(Math.abs((await duration(out)) - (await duration(av)))).toBeLessThan(0.15);
    expect(r.result).toMatchObject({ ok: true, command: 'compress', output: out, codec: codec === 'x264' ? 'h264' : codec, encoder: expect.any(String) });
    expect(r.json.some((e) => e.type === 'progress')).toBe(true);
  });

  it('works with no flag at all: H.264, audio copied, a summary with size and ratio', async () => {
    const out = join(dir, 'plain.mp4');
    const r = await cli(['compress', av, out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/output\s+.*plain\.mp4/);
    expect(r.stdout).toMatch(/audio\s+copy aac/);
    expect(r.stdout).toMatch(/via x264enc/);
    expect(r.stdout).toMatch(/size\s+.*smaller/);
  });

  it('reads MKV, WebM, MOV and TS inputs', async () => {
    for (const container of ['mkv', 'webm', 'mov', 'ts'] as const) {
      const input = join(dir, `input.${container}`);
      await makeClip(input, { seconds: 1, container });
      const out = join(dir, `from-${container}.mp4`);
      const r = await cli(['compress', input, out, '--preset', 'ultrafast']);
      expect(r.exitCode, `${container}: ${r.stderr}`).toBe(0);
      expect((await ffprobe(out)).streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    }
  });

  it('an input without audio and an odd size, scaled to 640x360', async () => {
    // VP8 takes odd sizes (x264 refuses them), so the odd input is a WebM.
    const odd = join(dir, 'odd.webm');
    await makeClip(odd, { seconds: 1, width: 641, height: 361, audio: false, container: 'webm' });
    const out = join(dir, 'odd-scaled.mp4');
    const r = await cli(['compress', odd, out, '--scale', '640x360']);
    expect(r.exitCode, r.stderr).toBe(0);
    const probe = await ffprobe(out);
    expect(probe.streams).toHaveLength(1);
    expect(probe.streams[0]).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
  });

  it('keeps the aspect ratio when one side is given (720p of 320x240 → 960x720)', async () => {
    const out = join(dir, 'aspect.mp4');
    expect((await cli(['compress', av, out, '--scale', '720p', '--preset', 'ultrafast'])).exitCode).toBe(0);
    expect((await ffprobe(out)).streams.find((s) => s.codec_type === 'video')).toMatchObject({ width: 960, height: 720 });
  });

  it('higher --level never gives a bigger file (0.2 ≥ 0.5 ≥ 0.8 in size)', async () => {
    const sizes: number[] = [];
    for (const level of ['0.2', '0.5', '0.8']) {
      const out = join(dir, `level-${level}.mp4`);
      expect((await cli(['compress', av, out, '--level', level, '--audio', 'none'])).exitCode).toBe(0);
      sizes.push(statSync(out).size);
    }
    expect(sizes[0]).toBeGreaterThan(sizes[1]!);
    expect(sizes[1]).toBeGreaterThan(sizes[2]!);
  });
});

describe('compress: nothing is lost', () => {
  const hostile = [`we ird 'q"uo!te,s=(x) é`, 'ñandú (copy), v=2!'];

  it.each(hostile)('file names like %j work as input and output', async (name) => {
    const input = join(dir, `${name}.mp4`);
    await makeClip(input, { seconds: 1 });
    const out = join(dir, `${name} out.webm`);
    const r = await cli(['compress', input, out, '--codec', 'vp8']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await ffprobe(out)).streams.map((s) => s.codec_name).sort()).toEqual(['opus', 'vp8']);
  });

  it('VP9 at the default quality writes every frame: detailed 320x240 frames, whose tail a lookahead would lose at the end of stream', async () => {
    // Detailed content matters: vp9enc's single drain at EOS returns only about one raw frame's worth of
    // bytes, so big frames (not a flat test pattern) are what left 15 of 180 frames behind.
    const input = join(dir, 'detailed.mp4');
    await makeDetailedClip(input, { seconds: 3, width: 320, height: 240, fps: 30 });
    const out = join(dir, 'detailed vp9.webm');
    const r = await cli(['compress', input, out, '--codec', 'vp9']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await countVideoFrames(out)).toBe(await countVideoFrames(input));
    expect(Math.abs((await streamDuration(out, 'video')) - (await streamDuration(input, 'video')))).toBeLessThan(1 / 30 + 0.001);
  });

  it.each([
    ['vp8 into .mp4', ['out-refused.mp4', '--codec', 'vp8'], /vp8 cannot go into \.mp4/, /webm/],
    ['h265 into .webm', ['out-refused.webm', '--codec', 'h265'], /h265 cannot go into \.webm/, /mkv/],
    ['unknown extension', ['out-refused.xyz'], /Cannot tell the container/, /\.mkv/],
    ['--level with --bitrate', ['out-refused.mp4', '--level', '0.5', '--bitrate', '900'], /exclude each other/, /./],
    ['--level out of range', ['out-refused.mp4', '--level', '2'], /between 0 and 1/, /./],
    ['unknown codec', ['out-refused.mp4', '--codec', 'mpeg7'], /unknown codec/, /./],
    ['opus into .flv', ['out-refused.flv', '--audio', 'opus'], /cannot hold opus/, /aac/],
  ])('refuses %s with exit 2 and the alternatives, creating nothing', async (_name, args, message, alternative) => {
    const before = readdirSync(dir).length;
    const r = await cli(['compress', av, ...args.map((a) => (a.startsWith('out-') ? join(dir, a) : a))]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(alternative);
    expect(readdirSync(dir).length).toBe(before);
  });

  it('never overwrites without --overwrite, never writes over its input, refuses a missing input', async () => {
    const existing = join(dir, 'existing.mp4');
    writeFileSync(existing, 'precious');
    const r1 = await cli(['compress', av, existing]);
    expect(r1.exitCode).toBe(2);
    expect(r1.stderr).toContain('--overwrite');
    expect(statSync(existing).size).toBe('precious'.length);
    const r2 = await cli(['compress', av, av, '--overwrite']);
    expect(r2.exitCode).toBe(2);
    expect(r2.stderr).toContain('The output is the input file');
    const r3 = await cli(['compress', join(dir, 'missing.mp4'), join(dir, 'never.mp4')]);
    expect(r3.exitCode).toBe(2);
    expect(existsSync(join(dir, 'never.mp4'))).toBe(false);
    const r4 = await cli(['compress', av, existing, '--overwrite', '--audio', 'none']);
    expect(r4.exitCode).toBe(0);
    expect(statSync(existing).size).toBeGreaterThan(1000);
  });

  it('a refusal stops the input probe it started early: no gst-discoverer-1.0 left', async () => {
    const input = join(dir, 'probed early.mp4');
    await makeClip(input, { seconds: 1 });
    const taken = join(dir, 'taken.mp4');
    writeFileSync(taken, 'precious');
    const r = await cli(['compress', input, taken]);
    expect(r.exitCode).toBe(2);
    expect(await gstProcessesWith(pathToFileURL(input).href, 'gst-discoverer-1.0')).toEqual([]);
  });

  it('Ctrl-C mid-way: exit 130, nothing half-written at the target, no gst-launch left', async () => {
    const long = join(dir, 'long.mp4');
    await makeClip(long, { seconds: 20, width: 640, height: 360 });
    const out = join(dir, `interrupted-${randomBytes(3).toString('hex')}.mp4`);
    const child = spawnCli(['--json', 'compress', long, out, '--preset', 'veryslow']);
    let seen = '';
    child.stdout?.on('data', (d: Buffer) => (seen += String(d)));
    // Interrupt only once encoding is under way; a CLI that exits early ends the wait too.
    let exited = false;
    void child.then(() => (exited = true));
    await waitUntil('the first progress event (or the CLI exiting)', () => seen.includes('"type":"progress"') || exited, { timeoutMs: 60_000 });
    expect(exited, `the CLI exited before any progress: ${seen}`).toBe(false);
    child.kill('SIGINT');
    const done = await child;
    const r = toCliResult(done.exitCode ?? -1, String(done.stdout), String(done.stderr));
    expect(r.exitCode).toBe(130);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    expect(await gstProcessesWith('interrupted-')).toEqual([]);
  });

  it('batch: three inputs, one bad → two outputs, exit 1, the table names the failure', async () => {
    const outDir = join(dir, 'batch');
    const inputs = [join(dir, 'b1.mp4'), join(dir, 'b2.mp4')];
    for (const input of inputs) await makeClip(input, { seconds: 1 });
    const bad = join(dir, 'not-a-video.mp4');
    writeFileSync(bad, 'this is not media');
    mkdirSync(outDir);
    const r = await cli(['compress', inputs[0]!, bad, inputs[1]!, '--output-dir', outDir, '--jobs', '2']);
    expect(r.exitCode).toBe(1);
    expect(readdirSync(outDir).sort()).toEqual(['b1.mp4', 'b2.mp4']);
    expect(r.stdout).toMatch(/✗\s+.*not-a-video\.mp4/);
    expect(r.stdout).toMatch(/1 of 3 files failed/);
    const json = await cli(['--json', 'compress', inputs[0]!, bad, '--output-dir', outDir, '--container', 'mkv']);
    expect(json.result).toMatchObject({ ok: false, succeeded: 1, failed: 1 });
  });

  it('--dry-run prints the pipeline and argv without running', async () => {
    const out = join(dir, 'dry.mp4');
    const r = await cli(['--json', 'compress', av, out, '--dry-run']);
    expect(r.exitCode).toBe(0);
    const job = (r.result!.jobs as { pipeline: string; argv: string[] }[])[0]!;
    expect(job.pipeline).toContain('x264enc');
    expect(job.pipeline).toContain('mp4mux name=mux');
    expect(job.argv).toContain('!');
    expect(existsSync(out)).toBe(false);
  });
});
