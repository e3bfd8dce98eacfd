// `record` through the built CLI: segments from a live test source, a file (H.264 kept) and an RTSP stream
// served by our own `rtsp` command (restarted mid-way), checked with ffprobe/ffmpeg; kill -9 mid-recording;
// retention by age and count; refusals before anything runs.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { countVideoFrames, decodeErrors, ffprobe, firstVideoPackets, makeDetailedClip, packetHashes, streamDuration, streamSpan } from '../helpers/media.js';
import { freePort, startCli, waitGone, type RunningCli } from '../helpers/rtsp.js';
import { waitUntil } from '../helpers/wait.js';
import { call, startServe, stopAllServes } from '../helpers/serve.js';

let dir: string;
let cleanup: () => void;
const running = new Set<RunningCli>();
const start = (args: string[]): RunningCli => {
  const r = startCli(args);
  running.add(r);
  return r;
};
const visible = (d: string, ext: string) => readdirSync(d).filter((f) => !f.startsWith('.') && f.endsWith(`.${ext}`)).sort();
const startTime = async (path: string): Promise<number> => {
  const r = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', path]);
  return Math.min(...r.stdout.split('\n').filter((l) => /^\d/.test(l)).map((l) => Number(l.split(',')[0])));
};

// A 4 s clip with a keyframe every second (something to split at) and a 440 Hz tone.
async function clipWithAudio(path: string, video: string[], audio: string[]): Promise<string> {
  await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'mandelbrot=size=320x240:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', '4', ...video, '-g', '30', ...audio, '-ac', '2', '-shortest', path]);
  return path;
}
const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];

// Every closed segment has an AAC track beside its H.264, spanning the same time within 0.1 s: splitmuxsink
// cuts the audio at the video's keyframe (an AAC frame is 21.3 ms at 48 kHz); the last segment, closed by the
// stop, may end a few frames apart.
// Copied, not encoded: the segments' packets, joined, are one run of the source's. qtdemux leaves out
// what the file's edit list cuts (the encoder's priming packet before 0, and the last past 4 s).
async function expectCopiedAudio(clip: string, out: string, files: string[]): Promise<void> {
  const source = await packetHashes(clip, 'audio');
  const recorded = (await Promise.all(files.map((f) => packetHashes(join(out, f), 'audio')))).flat();
  expect(recorded.length).toBeGreaterThanOrEqual(source.length - 2);
  const from = source.indexOf(recorded[0]!);
  expect(source.slice(from, from + recorded.length)).toEqual(recorded);
}

async function expectAlignedAudio(path: string): Promise<void> {
  const probe = await ffprobe(path);
  expect(probe.streams.map((s) => [s.codec_type, s.codec_name]).sort(), path).toEqual([['audio', 'aac'], ['video', 'h264']]);
  const [v, a] = [await streamSpan(path, 'video'), await streamSpan(path, 'audio')];
  expect(Math.abs(a.start - v.start), `${path} starts`).toBeLessThan(0.1);
  expect(Math.abs(a.end - v.end), `${path} ends`).toBeLessThan(0.1);
  expect((await decodeErrors(path)).errors, path).toEqual([]);
}

beforeAll(() => ({ dir, cleanup } = tempDir('lydlr-record-e2e-')));
afterAll(() => {
  for (const r of running) r.child.kill('SIGKILL');
  cleanup();
});

describe('record: segments', () => {
  it('a 7 s test recording in 2 s MPEG-TS segments: 4 files of 2, 2, 2 and ~1 s, timestamps continuing from one to the next', async () => {
    const out = join(dir, 'ts segments');
    const r = await cli(['--json', 'record', 'test', '-o', out, '--segment', '2s', '--duration', '7', '--format', 'ts']);
    expect(r.exitCode, r.stderr).toBe(0);
    const files = visible(out, 'ts');
    expect(files).toHaveLength(4);
    expect(files.every((f) => /^\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d_\d{4}\.ts$/.test(f))).toBe(true);
    // The video's own span (the file's duration also covers the audio, which may run a frame of AAC past it).
    const durations = await Promise.all(files.map((f) => streamDuration(join(out, f), 'video')));
    for (const d of durations.slice(0, 3)) expect(Math.abs(d - 2)).toBeLessThanOrEqual(1 / 30 + 0.01); // the encoder's GOP is 1 s, 2 s fall on a keyframe
    expect(durations[3]).toBeGreaterThan(0.3);
    // MPEG-TS keeps the stream clock: each segment starts where the previous one ended.
    const starts = await Promise.all(files.map((f) => startTime(join(out, f))));
    for (let i = 1; i < files.length; i++) expect(Math.abs(starts[i]! - (starts[i - 1]! + durations[i - 1]!))).toBeLessThan(0.05);
    const closed = r.json.filter((e) => e.type === 'segment-closed');
    expect(closed.map((e) => e.path)).toEqual(files.map((f) => join(out, f)));
    expect(r.result).toMatchObject({ ok: true, format: 'ts', codec: 'h264', reencoded: true, stoppedBy: 'duration', audio: { codec: 'aac', copied: false, sourceCodec: 'pcm' } });
    // The test tone, encoded to AAC, in every segment beside the video.
    for (const f of files) await expectAlignedAudio(join(out, f));
  }, 60_000);

  it('an H.264 file is recorded without re-encoding: every frame of the source is in the mp4 segments, exactly once', async () => {
    const clip = join(dir, "clip 'é!,=.mp4");
    // A keyframe every second (x264's default GOP of 250 frames would leave nothing to split at).
    await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'mandelbrot=size=320x240:rate=30', '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-pix_fmt', 'yuv420p', clip]);
    const out = join(dir, 'from file');
    const r = await cli(['--json', 'record', clip, '-o', out, '--segment', '1s']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ reencoded: false, codec: 'h264', stoppedBy: 'end' });
    const files = visible(out, 'mp4');
    expect(files.length).toBeGreaterThanOrEqual(2);
    const frames = await Promise.all(files.map((f) => countVideoFrames(join(out, f))));
    expect(frames.reduce((a, b) => a + b, 0)).toBe(await countVideoFrames(clip));
    for (const f of files) expect((await decodeErrors(join(out, f))).errors).toEqual([]);
  }, 60_000);

  it('a second recording into the same folder within the same second never overwrites: new names get a suffix', async () => {
    const out = join(dir, 'same names');
    const args = ['--json', 'record', 'test', '-o', out, '--segment', '5', '--duration', '1', '--name', 'fixed'];
    expect((await cli(args)).exitCode).toBe(0);
    expect((await cli(args)).exitCode).toBe(0);
    expect(visible(out, 'mp4')).toEqual(['fixed-1.mp4', 'fixed.mp4']);
  }, 60_000);
});

describe('record: audio', () => {
  it('H.264 + AAC mp4 → mp4 segments: the AAC is copied (the recorded packets are the source\'s, in order) and each segment\'s audio spans its video', async () => {
    const clip = await clipWithAudio(join(dir, 'h264 aac.mp4'), H264, ['-c:a', 'aac']);
    const out = join(dir, 'audio copied');
    const r = await cli(['--json', 'record', clip, '-o', out, '--segment', '1s']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ reencoded: false, audio: { codec: 'aac', copied: true, sourceCodec: 'aac' } });
    const files = visible(out, 'mp4');
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) await expectAlignedAudio(join(out, f));
    await expectCopiedAudio(clip, out, files);
  }, 60_000);

  it('H.264 + Opus mkv → mkv: the Opus is decoded and encoded to AAC; 4 s of audio in aligned segments', async () => {
    const clip = await clipWithAudio(join(dir, 'h264 opus.mkv'), H264, ['-c:a', 'libopus']);
    const out = join(dir, 'audio encoded');
    const r = await cli(['--json', 'record', clip, '-o', out, '--segment', '1s', '--format', 'mkv']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ reencoded: false, audio: { codec: 'aac', copied: false, sourceCodec: 'opus' } });
    const files = visible(out, 'mkv');
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) await expectAlignedAudio(join(out, f));
    const seconds = await Promise.all(files.map((f) => streamDuration(join(out, f), 'audio')));
    expect(Math.abs(seconds.reduce((a, b) => a + b, 0) - 4)).toBeLessThan(0.15);
  }, 60_000);

  it('VP8 + AAC mkv → mkv: the video is encoded to H.264, the AAC beside it copied (the source\'s packets)', async () => {
    const clip = await clipWithAudio(join(dir, 'vp8 aac.mkv'), ['-c:v', 'libvpx', '-deadline', 'realtime'], ['-c:a', 'aac']);
    const out = join(dir, 'video encoded audio copied');
    const r = await cli(['--json', 'record', clip, '-o', out, '--segment', '1s', '--format', 'mkv']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ reencoded: true, codec: 'h264', audio: { codec: 'aac', copied: true, sourceCodec: 'aac' } });
    const files = visible(out, 'mkv');
    for (const f of files) await expectAlignedAudio(join(out, f));
    await expectCopiedAudio(clip, out, files);
  }, 60_000);

  it('--no-audio records the video only', async () => {
    const out = join(dir, 'no audio');
    const r = await cli(['--json', 'record', 'test', '-o', out, '--segment', '5', '--duration', '1', '--no-audio']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ audio: null });
    const [file] = visible(out, 'mp4');
    expect((await ffprobe(join(out, file!))).streams.map((s) => s.codec_type)).toEqual(['video']);
  }, 60_000);
});

describe('record: kill -9', () => {
  it('every closed segment decodes; the open one is hidden, readable up to its last fragment, and the next start gives it its final name', async () => {
    const out = join(dir, 'crash');
    const rec = start(['record', 'test', '-o', out, '--segment', '2s']);
    await waitUntil('two closed segments', () => rec.events.filter((e) => e.type === 'segment-closed').length >= 2, { timeoutMs: 40_000 });
    // The open segment has had fragments written (each ~1 s) when the crash comes.
    const partSize = () => readdirSync(out).filter((f) => f.endsWith('.part')).map((f) => statSync(join(out, f)).size)[0] ?? 0;
    await waitUntil('the open segment to hold fragments', () => partSize() > 100_000, { timeoutMs: 20_000 });
    const gst = await rec.childPids();
    rec.child.kill('SIGKILL');
    await rec.exited;
    expect(await waitGone(gst, 5000)).toEqual([]); // gst-launch dies with us: nothing keeps writing
    for (const f of visible(out, 'mp4')) {
      expect((await decodeErrors(join(out, f))).errors, f).toEqual([]);
      expect(await countVideoFrames(join(out, f))).toBeGreaterThanOrEqual(59);
    }
    const parts = readdirSync(out).filter((f) => f.endsWith('.mp4.part'));
    expect(parts).toHaveLength(1);
    const before = visible(out, 'mp4').length;
    const again = await cli(['--json', 'record', 'test', '-o', out, '--segment', '2s', '--duration', '1']);
    expect(again.exitCode, again.stderr).toBe(0);
    const recovered = again.json.find((e) => e.type === 'segment-recovered');
    expect(recovered, JSON.stringify(again.json.filter((e) => e.type === 'segment-recovered'))).toMatchObject({ action: 'recovered', path: join(out, parts[0]!.slice(1, -'.part'.length)) });
    expect(await countVideoFrames(String(recovered!.path))).toBeGreaterThan(0);
    expect(visible(out, 'mp4')).toHaveLength(before + 2);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 90_000);
});

describe('record: retention', () => {
  it('--keep deletes closed segments older than the limit (file times set back) and nothing newer', async () => {
    const out = join(dir, 'keep');
    expect((await cli(['record', 'test', '-o', out, '--segment', '5', '--duration', '1', '--name', 'old'])).exitCode).toBe(0);
    const old = join(out, 'old.mp4');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    const r = await cli(['--json', 'record', 'test', '-o', out, '--segment', '1s', '--duration', '3', '--keep', '1h']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.filter((e) => e.type === 'segment-deleted')).toEqual([expect.objectContaining({ path: old, reason: 'age' })]);
    expect(existsSync(old)).toBe(false);
    expect(visible(out, 'mp4').length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('--max-files 2 keeps the two newest closed segments and empty date folders are removed', async () => {
    const out = join(dir, 'count');
    const r = await cli(['--json', 'record', 'test', '-o', out, '--segment', '1s', '--duration', '5', '--max-files', '2', '--name', '%Y/%i']);
    expect(r.exitCode, r.stderr).toBe(0);
    const closed = r.json.filter((e) => e.type === 'segment-closed').map((e) => String(e.path));
    const deleted = r.json.filter((e) => e.type === 'segment-deleted');
    expect(closed.length).toBeGreaterThanOrEqual(4);
    expect(deleted.every((e) => e.reason === 'count')).toBe(true);
    const year = String(new Date().getUTCFullYear());
    // The last segment closed at the stop; retention ran at every close, the last one included.
    expect(visible(join(out, year), 'mp4').map((f) => join(out, year, f))).toEqual(closed.slice(-2));
  }, 60_000);

  it('--max-total-size deletes the oldest until the closed segments fit', async () => {
    const out = join(dir, 'size');
    const big = join(out, 'big.mp4');
    await makeDetailedClip(join(dir, 'big-src.mp4'), { seconds: 2, width: 640, height: 360 }); // about 2 MB
    expect((await cli(['record', 'test', '-o', out, '--segment', '5', '--duration', '1', '--name', 'first'])).exitCode).toBe(0);
    copyFileSync(join(dir, 'big-src.mp4'), big);
    writeFileSync(join(out, 'notes.txt'), 'not a segment');
    const past = new Date(Date.now() - 60_000);
    utimesSync(big, past, past);
    const r = await cli(['--json', 'record', 'test', '-o', out, '--segment', '1s', '--duration', '2', '--max-total-size', '2M']);
    expect(r.exitCode, r.stderr).toBe(0);
    const deleted = r.json.filter((e) => e.type === 'segment-deleted');
    expect(deleted[0]).toMatchObject({ path: big, reason: 'size' });
    const left = visible(out, 'mp4').map((f) => statSync(join(out, f)).size);
    expect(left.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(existsSync(join(out, 'notes.txt'))).toBe(true);
  }, 60_000);
});

describe('record: an RTSP stream served by `lydlr-gst rtsp`, restarted mid-way', () => {
  it('keeps the H.264 and AAC as served, reports the gap (source-lost, source-back) and goes on in new segments', async () => {
    const port = await freePort();
    const serve = () => start(['rtsp', 'test', '--port', String(port), '--scale', '640x360', '--bitrate', '800', '--audio', 'aac']);
    let server = serve();
    const url = String((await server.waitFor((e) => e.type === 'ready', 30_000)).url);
    const out = join(dir, 'rtsp');
    const rec = start(['record', url, '-o', out, '--segment', '1s', '--format', 'mkv']);
    await rec.waitFor((e) => e.type === 'segment-closed', 40_000, 'a first segment');
    expect((await server.stop('SIGINT')).exitCode).toBe(0);
    await rec.waitFor((e) => e.type === 'source-lost', 30_000, 'source-lost');
    server = serve();
    await server.waitFor((e) => e.type === 'ready', 30_000);
    await rec.waitFor((e) => e.type === 'source-back', 60_000, 'source-back');
    const back = rec.events.findIndex((e) => e.type === 'source-back');
    await waitUntil('a segment closed after the gap', () => rec.events.slice(back).some((e) => e.type === 'segment-closed'), { timeoutMs: 30_000 });
    const r = await rec.stop('SIGINT');
    expect(r.exitCode).toBe(130);
    expect(r.result?.error, JSON.stringify(r.result)).toMatchObject({ name: 'InterruptedError', reencoded: false, codec: 'h264', gaps: 1, stoppedBy: 'signal' });
    const files = visible(out, 'mkv');
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const probe = await ffprobe(join(out, f));
      expect(probe.streams[0]).toMatchObject({ codec_name: 'h264', width: 640, height: 360 });
      expect(probe.streams.map((x) => x.codec_name), `${f}: the served AAC kept beside the video`).toEqual(['h264', 'aac']);
      const { errors } = await decodeErrors(join(out, f));
      expect(errors, `${f}, first video packets: ${(await firstVideoPackets(join(out, f))).join(' | ')}`).toEqual([]);
    }
    await server.stop('SIGINT');
  }, 150_000);
});

describe('record: refusals before anything runs', () => {
  it.each([
    [['record', 'test', '-o', 'x', '--segment', 'soon'], /--segment must be a duration/],
    [['record', '-', '-o', 'x'], /standard input/],
    [['record', 'test', '-o', 'x', '--format', 'avi'], /avi/],
    [['record', 'test', '-o', 'x', '--name', '../escape'], /must stay inside --output-dir/],
    [['record', 'test', '-o', 'x', '--max-segment-size', '100M', '--max-total-size', '10M'], /smaller than --max-segment-size/],
  ])('%j exits 2 with the reason', async (args, reason) => {
    const r = await cli(args, { cwd: dir });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(reason);
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('an output folder that is a file exits 2', async () => {
    const file = join(dir, 'a file');
    writeFileSync(file, '');
    const r = await cli(['record', 'test', '-o', file]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/is a file, not a folder/);
  });
});


describe('record: REST', () => {
  it('POST /pipeline/record/ takes the source as `source`: a dry run answers the pipeline; a source outside --root is 403', async () => {
    const root = join(dir, 'served root');
    mkdirSync(root);
    const serve = await startServe(['--root', root], { cwd: dir });
    try {
      const dry = await call(serve.url, 'pipeline/record/', { method: 'POST', json: { source: 'test', outputDir: 'rec', dryRun: true } });
      expect(dry.status, dry.text).toBe(200);
      expect(dry.body).toMatchObject({ ok: true, command: 'record', dryRun: true });
      expect(String(dry.body.pipeline)).toContain('splitmuxsink');
      const outside = await call(serve.url, 'pipeline/record/', { method: 'POST', json: { source: join(dir, 'elsewhere.mp4'), outputDir: 'rec', dryRun: true } });
      expect(outside.status, outside.text).toBe(403);
    } finally {
      await stopAllServes();
    }
  }, 120_000);
});
