// Every pipeline the unit table checks as text: the CLI plans it (--dry-run prints exactly that
// text for the real clip), and that very text runs in gst-launch-1.0 into a file ffprobe reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { execa } from 'execa';
import { cli, tempDir } from '../helpers/cli.js';
import { decodeErrors, ffprobe, makeClip, streamDuration } from '../helpers/media.js';
import { availableParallelism } from 'node:os';
import { IN, IN10, IN720, PIPELINE_CASES, X264_THREADS_2_CORES, writeToFor } from '../unit/jobs/compress/cases.js';
import { x264Threads } from '../../src/jobs/x264-threads.js';

const tmp = tempDir('lydlr-compress-pipelines-');
const av = join(tmp.dir, 'av.mp4');
const av10 = join(tmp.dir, 'av10.mp4');
const av720 = join(tmp.dir, 'av720.mp4');
const realPath = (input: string) => ({ [IN]: av, [IN10]: av10, [IN720]: av720 })[input] ?? input;
beforeAll(async () => {
  await makeClip(av, { seconds: 1, width: 320, height: 240, fps: 30, audio: true });
  await makeClip(av720, { seconds: 1, width: 1280, height: 720, fps: 30, audio: true });
  await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=30:duration=1', '-f', 'lavfi', '-i', 'sine=sample_rate=48000:duration=1',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', '-c:a', 'aac', '-ac', '2', av10]);
});
afterAll(() => tmp.cleanup());

const cases = PIPELINE_CASES.map((c, i) => [c.name, c, i] as const);

describe('compress pipelines: printed by the CLI, run for real', () => {
  it.each(cases)('%s: --dry-run prints the table\'s pipeline', async (_name, c, i) => {
    const target = join(tmp.dir, `dry-${i}.${c.ext}`);
    const r = await cli(['--json', 'compress', realPath(c.input), target, '--dry-run', ...c.flags]);
    expect(r.exitCode, r.stderr).toBe(0);
    const printed = (r.result!.jobs as { pipeline: string }[])[0]!.pipeline;
    // x264's threads follow this machine's cores: the table holds them as planned for 2.
    expect(printed.includes('x264enc')).toBe(printed.includes(`threads=${x264Threads(availableParallelism())} `));
    // The temporary name is random: put back the stand-ins the table uses.
    const partial = new RegExp(`location=${tmp.dir}/\\.dry-${i}\\.partial-\\d+-[0-9a-f]{6}\\.${c.ext}`);
    expect(printed).toMatch(partial);
    const asOn2Cores = printed.replace(`threads=${x264Threads(availableParallelism())} `, `threads=${X264_THREADS_2_CORES} `);
    expect(asOn2Cores.replace(partial, `location=${writeToFor(c.ext)}`).replaceAll(av10, IN10).replaceAll(av720, IN720).replaceAll(av, IN)).toBe(c.pipeline);
  });

  it.each(cases)('%s: the table\'s text runs: ffprobe finds the format, codecs and size, ffmpeg decodes it cleanly, audio as long as video', async (_name, c, i) => {
    const out = join(tmp.dir, `run-${i}.${c.ext}`);
    const text = c.pipeline.replace(writeToFor(c.ext), out).replaceAll(IN10, av10).replaceAll(IN720, av720).replaceAll(IN, av);
    // Paths here need no quoting, so the description splits on spaces into gst-launch tokens.
    expect(text).not.toMatch(/["'\\]/);
    const run = await execa('gst-launch-1.0', ['-e', ...text.split(' ')], { reject: false, timeout: 100_000 });
    expect(run.exitCode, run.stderr || run.stdout).toBe(0);
    const probe = await ffprobe(out);
    expect(probe.format.format_name).toBe(c.expect.formatName);
    const video = probe.streams.filter((s) => s.codec_type === 'video');
    const audio = probe.streams.filter((s) => s.codec_type === 'audio');
    expect(video.map((s) => [s.codec_name, s.width, s.height])).toEqual([[c.expect.video, c.expect.width, c.expect.height]]);
    if (c.expect.colorSpace) expect(video[0]!.color_space).toBe(c.expect.colorSpace);
    expect(audio.map((s) => s.codec_name)).toEqual(c.expect.audio ? [c.expect.audio] : []);
    expect(await decodeErrors(out)).toEqual({ exitCode: 0, errors: [] });
    const videoSeconds = await streamDuration(out, 'video');
    expect(Math.abs(videoSeconds - 1)).toBeLessThan(0.1);
    if (c.expect.audio) expect(Math.abs((await streamDuration(out, 'audio')) - videoSeconds)).toBeLessThan(0.1);
  });
});
