// queue add --chunk against a real redis-server and real worker processes of the built CLI: the
// chunked output checked with ffprobe/ffmpeg against the input and a single-pass encode, frame by frame
// around every join.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { cli, tempDir } from '../helpers/cli.js';
import type { JsonCli } from '../helpers/ndjson-process.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { TestWorkers } from '../helpers/workers.js';
import { countVideoFrames, decodeErrors, makeDetailedClip } from '../helpers/media.js';
import { averagePsnr, lumaFrames, packets, psnr } from '../helpers/frames.js';
import { waitUntil } from '../helpers/wait.js';
import { playVideoFile } from '../helpers/browser-video.js';

const FPS = 30;
const WIDTH = 320;
const HEIGHT = 240;
let redis: TestRedis;
let work: { dir: string; cleanup: () => void };
let clip: string; // 40 s of detailed video (a keyframe every second) + AAC: 1200 frames
const workers = new TestWorkers();
let queueNumber = 0;

beforeAll(async () => {
  redis = await startRedis();
  work = tempDir('lydlr-chunk-');
  clip = join(work.dir, 'clip.mp4');
  await makeDetailedClip(clip, { seconds: 40, width: WIDTH, height: HEIGHT, fps: FPS, keyframeEvery: FPS, audio: true });
});

afterEach(() => workers.killAll());

afterAll(async () => {
  await redis?.stop();
  work?.cleanup();
});

function fresh(): { queue: string; outDir: string } {
  queueNumber += 1;
  const outDir = join(work.dir, `out ${queueNumber}`);
  mkdirSync(outDir);
  return { queue: `chunk${queueNumber}`, outDir };
}

const worker = (queue: string): JsonCli => workers.start(redis.url, queue);

type Status = { counts: Record<string, number>; jobs: { id: string; kind: string; state: string; attempts: number; error?: string; output?: string }[] };
async function status(queue: string): Promise<Status> {
  const r = await cli(['--json', 'queue', 'status', '--redis', redis.url, '--queue', queue]);
  expect(r.exitCode, r.stderr).toBe(0);
  return r.result as never;
}

const completed = (w: JsonCli, kind: string) => w.events.filter((e) => e.type === 'queue-job' && e.state === 'completed' && e.kind === kind).length;

/**
 * A detailed 6 s clip named `name`, queued in 2 s chunks with `flags` and run by `workerCount` workers until
 * the flow's 6 jobs (split, audio, 3 chunks, join) complete or one fails (a failure ends the wait at once).
 */
// A joined file holds `frames` frames that decode cleanly, from 0 s, each one frame after the last:
// no gap and no overlap anywhere, a join included. Resolves its video packets.
async function expectEveryFrameInStep(output: string, frames: number): Promise<Awaited<ReturnType<typeof packets>>> {
  expect(await countVideoFrames(output)).toBe(frames);
  expect(await decodeErrors(output)).toEqual({ exitCode: 0, errors: [] });
  const video = await packets(output, 'video');
  expect(video).toHaveLength(frames);
  expect(video[0]!.pts).toBe(0);
  const steps = video.slice(1).map((p, i) => p.pts - video[i]!.pts);
  expect(Math.max(...steps.map((d) => Math.abs(d - 1 / FPS)))).toBeLessThan(0.001);
  return video;
}

async function chunkedSixSeconds(name: string, flags: string[], workerCount: number, timeoutMs: number): Promise<{ queue: string; outDir: string }> {
  const { queue, outDir } = fresh();
  const input = join(work.dir, name);
  await makeDetailedClip(input, { seconds: 6, width: WIDTH, height: HEIGHT, fps: FPS, keyframeEvery: FPS, audio: true });
  const add = await cli(['--json', 'queue', 'add', input, '--output-dir', outDir, '--chunk', '2s', ...flags, '--redis', redis.url, '--queue', queue]);
  expect(add.exitCode, add.stderr).toBe(0);
  for (let i = 0; i < workerCount; i++) worker(queue);
  await waitUntil(`the chunked encode of ${name} to end`, async () => {
    const { counts } = await status(queue);
    return counts.completed === 6 || (counts.failed ?? 0) > 0;
  }, { timeoutMs, intervalMs: 500 });
  return { queue, outDir };
}

describe('queue add --chunk', () => {
  it('a 40 s clip in 4 chunks over 2 workers: the input\'s frames and duration, PSNR within 0.5 dB of a single-pass encode, every join exact frame by frame, continuous timestamps, the audio once', async () => {
    const { queue, outDir } = fresh();
    const flags = ['--preset', 'veryfast'];
    const add = await cli(['--json', 'queue', 'add', clip, '--output-dir', outDir, '--chunk', '10s', ...flags, '--redis', redis.url, '--queue', queue]);
    expect(add.exitCode, add.stderr).toBe(0);
    expect(add.result?.added).toBe(1);
    const pool = [worker(queue), worker(queue)];
    // The join, the split, the audio and 4 chunk encodes.
    await waitUntil('the chunked encode to complete', async () => (await status(queue)).counts.completed === 7, { timeoutMs: 300_000, intervalMs: 500 });
    const s = await status(queue);
    expect(s.jobs.filter((j) => j.kind === 'compress').map((j) => j.id.replace(/^.*-chunk-/, 'chunk-')).sort()).toEqual(['chunk-00000', 'chunk-00001', 'chunk-00002', 'chunk-00003']);
    for (const w of pool) expect(completed(w, 'compress'), 'each worker encoded chunks').toBeGreaterThan(0);
    const output = join(outDir, 'clip.mp4');
    expect(s.jobs.find((j) => j.kind === 'chunk join')?.output).toBe(output);
    expect(readdirSync(outDir)).toEqual(['clip.mp4']); // the hidden work folder is gone

    const video = await expectEveryFrameInStep(output, 1200);
    expect(video.at(-1)!.pts + video.at(-1)!.duration).toBeCloseTo(40, 2);

    // A single-pass encode of the same file with the same flags.
    const single = join(work.dir, 'single.mp4');
    const one = await cli(['compress', clip, single, ...flags, '--overwrite']);
    expect(one.exitCode, one.stderr).toBe(0);
    const [chunkedPsnr, singlePsnr] = [await averagePsnr(output, clip), await averagePsnr(single, clip)];
    expect(Math.abs(chunkedPsnr - singlePsnr), `chunked ${chunkedPsnr} dB, single pass ${singlePsnr} dB`).toBeLessThanOrEqual(0.5);

    // Every join starts a chunk at a keyframe: frames around it are the input's own, in order (a frame
    // dropped or repeated at the join would match the input's neighbour better than its own frame).
    const keyframes = new Set(video.map((p, i) => (p.key ? i : -1)).filter((i) => i >= 0));
    for (const boundary of [300, 600, 900]) {
      expect(keyframes.has(boundary), `a keyframe opens the chunk at frame ${boundary}`).toBe(true);
      const around = [-3, -2, -1, 0, 1, 2].map((d) => boundary + d);
      const ours = await lumaFrames(output, around, WIDTH, HEIGHT);
      const theirs = await lumaFrames(clip, [boundary - 4, ...around, boundary + 3], WIDTH, HEIGHT);
      for (const n of around) {
        const own = psnr(ours.get(n)!, theirs.get(n)!);
        expect(own, `frame ${n}`).toBeGreaterThan(25);
        for (const neighbour of [n - 1, n + 1]) {
          const other = psnr(ours.get(n)!, theirs.get(neighbour)!);
          expect(own - other, `frame ${n}: ${own.toFixed(1)} dB against the input's own, ${other.toFixed(1)} dB against its ${neighbour}`).toBeGreaterThan(2);
        }
      }
    }

    // The audio: encoded once over the whole file (as the single pass has it), with no gap anywhere.
    const audio = await packets(output, 'audio');
    const singleAudio = await packets(single, 'audio');
    expect(audio).toHaveLength(singleAudio.length);
    const audioSteps = audio.slice(1).map((p, i) => p.pts - audio[i]!.pts);
    expect(Math.max(...audioSteps.map((d) => Math.abs(d - 1024 / 48000)))).toBeLessThan(0.0001);
  }, 420_000);

  it('VP9 at the default quality, 3 chunks over 2 workers: exactly the input\'s frames and duration, continuous timestamps, a file name with spaces', async () => {
    // A chunk that fails (one short of frames) ends the wait with its error below.
    const { queue, outDir } = await chunkedSixSeconds('vp9 in.mp4', ['--codec', 'vp9'], 2, 180_000);
    const s = await status(queue);
    expect(s.jobs.filter((j) => j.state === 'failed').map((j) => j.error)).toEqual([]);
    const output = join(outDir, 'vp9 in.webm');
    expect(s.jobs.find((j) => j.kind === 'chunk join')?.output).toBe(output);
    expect(readdirSync(outDir)).toEqual(['vp9 in.webm']);

    // WebM keeps milliseconds: 33 or 34 ms between frames, still within the helper's 1 ms.
    const video = await expectEveryFrameInStep(output, 180);
    expect(Math.abs(video.at(-1)!.pts + video.at(-1)!.duration - 6)).toBeLessThanOrEqual(1 / FPS);
  }, 240_000);

  it('a chunked H.264 MP4 plays in Chromium: a <video> loads it at its size, plays through every join to the end, no media error', async () => {
    const { outDir } = await chunkedSixSeconds("browser 'é', v=1.mp4", ['--preset', 'ultrafast'], 1, 120_000);
    const output = join(outDir, "browser 'é', v=1.mp4");
    expect(await countVideoFrames(output)).toBe(180);

    const played = await playVideoFile(output);
    console.log(`Chromium: ${JSON.stringify({ ...played, times: played.times.map((t) => t.toFixed(2)).join(' ') })}`);
    expect(played.error).toBeNull();
    expect([played.videoWidth, played.videoHeight]).toEqual([WIDTH, HEIGHT]);
    expect(played.duration).toBeCloseTo(6, 1);
    expect(played.ended).toBe(true);
    expect(played.currentTime).toBeCloseTo(played.duration, 2);
    expect(played.decodedFrames, 'every frame through Chromium\'s decoder').toBe(180);
    // Playback passed each join (2 s and 4 s) and went on: a time reported within half a second after it.
    for (const join of [2, 4]) expect(played.times.some((t) => t > join && t < join + 0.5), `a time just after the join at ${join} s`).toBe(true);
  }, 240_000);

  it('a chunk that fails for good leaves the join waiting beside the failed chunk; queue retry reruns the chunk and the join follows', async () => {
    const { queue, outDir } = fresh();
    const input = join(work.dir, 'retry.mp4');
    await makeDetailedClip(input, { seconds: 6, width: WIDTH, height: HEIGHT, fps: FPS, keyframeEvery: FPS, audio: true });
    const args = [input, '--output-dir', outDir, '--chunk', '2s', '--preset', 'ultrafast', '--redis', redis.url, '--queue', queue];
    const dry = await cli(['--json', 'queue', 'add', ...args, '--dry-run']);
    const workDir = (dry.result?.jobs as { workDir: string }[])[0]!.workDir;
    // The split done ahead into the flow's own work folder (the queued split finds it), one chunk broken.
    expect((await cli(['chunk', 'split', input, workDir, '--chunk', '2s'])).exitCode).toBe(0);
    const chunk = join(workDir, 'source-00001.mov');
    const good = readFileSync(chunk);
    writeFileSync(chunk, 'not a video any more');
    expect((await cli(['--json', 'queue', 'add', ...args])).exitCode).toBe(0);
    worker(queue);
    await waitUntil('the chunk to fail and the rest to complete', async () => {
      const s = await status(queue);
      return s.counts.failed === 1 && s.counts.completed === 4 && s.counts['waiting-children'] === 1;
    }, { timeoutMs: 120_000, intervalMs: 300 });
    const s = await status(queue);
    // A bad input fails at once (no retries), with compress's own error.
    expect(s.jobs.find((j) => j.state === 'failed')).toMatchObject({ id: expect.stringMatching(/-chunk-00001$/), attempts: 1, error: expect.stringMatching(/^UsageError: /) });
    expect(s.jobs.find((j) => j.state === 'waiting-children')?.kind).toBe('chunk join');
    expect(existsSync(join(outDir, 'retry.mp4'))).toBe(false);
    writeFileSync(chunk, good); // fixed on the shared storage
    const retry = await cli(['--json', 'queue', 'retry', '--redis', redis.url, '--queue', queue]);
    expect(retry.result?.retried).toEqual([expect.stringMatching(/-chunk-00001$/)]);
    await waitUntil('the join to complete', async () => (await status(queue)).counts.completed === 6, { timeoutMs: 120_000, intervalMs: 300 });
    expect(await countVideoFrames(join(outDir, 'retry.mp4'))).toBe(180);
    expect(readdirSync(outDir)).toEqual(['retry.mp4']);
  }, 300_000);

  it('refuses what it cannot chunk (exit 2, nothing queued): a chunk under 2 s, another job, VP8, --fps, a container that cannot take the codec, a source that is not a file, H.264 without decode times', async () => {
    const { queue, outDir } = fresh();
    const refused = async (args: string[], message: RegExp) => {
      const r = await cli(['--json', 'queue', 'add', ...args, '--output-dir', outDir, '--redis', redis.url, '--queue', queue]);
      expect(r.exitCode, r.stderr).toBe(2);
      const error = r.result?.error as { message: string; fix?: string };
      expect(error.message).toMatch(message);
      return error;
    };
    expect((await refused([clip, '--chunk', '1s'], /--chunk 1s is too short/)).message).toMatch(/at least 2s/);
    expect((await refused([clip, '--chunk', '10s', '--kind', 'thumbnails'], /--chunk splits compress jobs, not thumbnails/)).fix).toMatch(/Drop --chunk/);
    expect((await refused([clip, '--chunk', '10s', '--codec', 'vp8'], /--chunk cannot encode vp8: VP8 chunks cannot be written as MP4/)).fix).toMatch(/--codec h264, h265, vp9, av1/);
    await refused([clip, '--chunk', '10s', '--fps', '25'], /--fps cannot be chunked/);
    expect((await refused([clip, '--chunk', '10s', '--codec', 'h265', '--container', 'webm'], /^h265 cannot go into \.webm\.$/)).fix).toMatch(/\.webm takes vp8, vp9, av1/);
    expect((await refused(['test:ball', '--chunk', '10s'], /--chunk splits a file; "test:ball" is a test input/)).fix).toMatch(/without --chunk/);
    const mkv = join(work.dir, 'clip.mkv');
    await execa('ffmpeg', ['-v', 'error', '-y', '-i', clip, '-c', 'copy', mkv]);
    expect((await refused([mkv, '--chunk', '10s'], /is mkv with h264 video: it keeps no decode times/)).fix).toMatch(/ffmpeg -i ".*clip\.mkv" -c copy out\.mp4/);
    expect((await status(queue)).jobs).toEqual([]);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('each step run twice is harmless: the split and the audio find their files, the join finds its output in place', async () => {
    const dir = join(work.dir, 'steps');
    mkdirSync(dir);
    const input = join(dir, 'in.mp4');
    await makeDetailedClip(input, { seconds: 6, width: WIDTH, height: HEIGHT, fps: FPS, keyframeEvery: FPS, audio: true });
    const workDir = join(dir, '.in.work');
    const output = join(dir, 'out.mkv');
    const split = async () => (await cli(['--json', 'chunk', 'split', input, workDir, '--chunk', '2s'])).result as { reused: boolean; frames: number; chunks: { source: string; encoded: string }[] };
    const first = await split();
    const again = await split();
    expect([first.reused, again.reused]).toEqual([false, true]);
    expect(again.chunks).toEqual(first.chunks);
    expect(first.frames).toBe(180);
    const audio = async () => (await cli(['--json', 'chunk', 'audio', input, workDir, '--container', 'mkv'])).result as { reused: boolean; audio: string };
    expect(await audio()).toMatchObject({ reused: false, audio: 'copy aac' });
    expect(await audio()).toMatchObject({ reused: true });
    for (const c of first.chunks) expect((await cli(['compress', c.source, c.encoded, '--audio', 'none', '--preset', 'ultrafast'])).exitCode).toBe(0);
    const join1 = await cli(['--json', 'chunk', 'join', workDir, output, '--codec', 'h264', '--with-audio']);
    expect(join1.exitCode, join1.stderr).toBe(0);
    expect(join1.result).toMatchObject({ frames: 180, chunks: first.chunks.length, audio: true });
    expect(existsSync(workDir)).toBe(false);
    const written = statSync(output).mtimeMs;
    const join2 = await cli(['--json', 'chunk', 'join', workDir, output, '--codec', 'h264', '--with-audio']);
    expect(join2.result).toMatchObject({ alreadyJoined: true, output });
    expect(statSync(output).mtimeMs).toBe(written);
    expect(await countVideoFrames(output)).toBe(180);
    expect(readdirSync(dir).sort()).toEqual(['in.mp4', 'out.mkv']);
  });

  it('the audio and video must start together: a usual MPEG-TS offset is let through, a capture whose video starts 0.5 s late is refused by the join, which removes the work folder', async () => {
    const dir = join(work.dir, 'offsets');
    mkdirSync(dir);
    const run = async (name: string, videoDelay: number) => {
      const input = join(dir, `${name}.ts`);
      await execa('ffmpeg', ['-v', 'error', '-y', ...(videoDelay ? ['-itsoffset', String(videoDelay)] : []), '-f', 'lavfi', '-i', `mandelbrot=size=${WIDTH}x${HEIGHT}:rate=${FPS}`, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
        '-t', '4', '-c:v', 'libx264', '-preset', 'fast', '-g', String(FPS), '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ac', '2', '-f', 'mpegts', input]);
      const workDir = join(dir, `.${name}.work`);
      const split = (await cli(['--json', 'chunk', 'split', input, workDir, '--chunk', '2s'])).result as { chunks: { source: string; encoded: string }[] };
      expect((await cli(['chunk', 'audio', input, workDir, '--container', 'mp4'])).exitCode).toBe(0);
      for (const c of split.chunks) expect((await cli(['compress', c.source, c.encoded, '--audio', 'none', '--preset', 'ultrafast'])).exitCode).toBe(0);
      return { workDir, output: join(dir, `${name}.mp4`), joined: await cli(['--json', 'chunk', 'join', workDir, join(dir, `${name}.mp4`), '--codec', 'h264', '--with-audio']) };
    };
    const usual = await run('usual', 0);
    expect(usual.joined.exitCode, usual.joined.stderr).toBe(0);
    expect(Math.abs(usual.joined.result?.avStartOffsetSeconds as number)).toBeLessThanOrEqual(0.1);
    expect(await countVideoFrames(usual.output)).toBe(120);
    const late = await run('late', 0.5);
    expect(late.joined.exitCode).toBe(2);
    // 0.5 s less the first frames' decode delay (B-frames), which the usual case shows too.
    expect((late.joined.result?.error as { message: string }).message).toMatch(/^The input's video starts 0\.4\d\d s after its audio; the chunked output would start both at 0/);
    expect(existsSync(late.output)).toBe(false);
    expect(existsSync(late.workDir)).toBe(false);
  });

  it('a join that would not hold every frame of the input writes nothing', async () => {
    const dir = join(work.dir, 'short');
    mkdirSync(dir);
    const input = join(dir, 'in.mp4');
    await makeDetailedClip(input, { seconds: 6, width: WIDTH, height: HEIGHT, fps: FPS, keyframeEvery: FPS });
    const workDir = join(dir, 'work');
    const split = (await cli(['--json', 'chunk', 'split', input, workDir, '--chunk', '2s'])).result as { chunks: { source: string; encoded: string }[] };
    expect(split.chunks).toHaveLength(3);
    // The first chunk's encode made from the whole input: the joined frames no longer add up.
    for (const c of split.chunks) expect((await cli(['compress', c === split.chunks[0] ? input : c.source, c.encoded, '--audio', 'none', '--preset', 'ultrafast'])).exitCode).toBe(0);
    const output = join(dir, 'out.mp4');
    const r = await cli(['--json', 'chunk', 'join', workDir, output, '--codec', 'h264']);
    expect(r.exitCode).toBe(1);
    expect((r.result?.error as { message: string }).message).toMatch(/^The joined video has \d+ frames, the input 180; nothing was written\.$/);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
