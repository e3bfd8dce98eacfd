// `rtsp` codecs and inputs through the built CLI, each received by a real rtspsrc client that names the
// depayloader and decoder (a stream in another codec would not link, so no frames would arrive).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { makeClip } from '../helpers/media.js';
import { probeStream, receive, startCli, type RunningCli } from '../helpers/rtsp.js';

const SMALL = ['--scale', '320x240', '--bitrate', '500', '--stats-interval', '0'];
let dir: string;
let cleanup: () => void;
const running = new Set<RunningCli>();
// Starts `rtsp …args` on a free port; resolves with the server and its ready URL.
async function serve(args: string[]): Promise<{ server: RunningCli; url: string }> {
  const server = startCli(['rtsp', ...args, '--port', '0']);
  running.add(server);
  const ready = await server.waitFor((e) => e.type === 'ready', 20_000, 'the ready event');
  return { server, url: String(ready.url) };
}
async function stop(server: RunningCli): Promise<number> {
  running.delete(server);
  return (await server.stop('SIGINT')).exitCode;
}
// Frames per second of stream time (timestamps), not of the wall clock. buffer-mode=none: timestamps
// straight from the RTP timestamps, without the jitter buffer's clock-skew correction.
const RTP_TIME = ['buffer-mode=none'];
const rate = (r: { frames: number; firstPts: number | undefined; lastPts: number | undefined }) => (r.frames - 1) / ((r.lastPts ?? 0) - (r.firstPts ?? 0));

beforeAll(() => ({ dir, cleanup } = tempDir('lydlr-rtsp-codecs-')));
afterAll(() => {
  for (const server of running) server.child.kill('SIGKILL');
  cleanup();
});

describe('rtsp --codec', () => {
  it.each([
    { codec: 'h265', payloader: 'rtph265pay', chain: ['rtph265depay', '!', 'h265parse', '!', 'avdec_h265'], probed: 'hevc' },
    { codec: 'vp8', payloader: 'rtpvp8pay', chain: ['rtpvp8depay', '!', 'vp8dec'], probed: 'vp8' },
    { codec: 'vp9', payloader: 'rtpvp9pay', chain: ['rtpvp9depay', '!', 'vp9dec'], probed: 'vp9' },
  ])('$codec: the mount pays with $payloader; rtspsrc decodes 30 frames of 320x240 with that codec\'s depayloader and decoder; ffprobe names $probed', async ({ codec, payloader, chain, probed }) => {
    const dry = await cli(['rtsp', 'test', '--codec', codec, ...SMALL, '--dry-run']);
    expect(dry.stdout).toContain(`${payloader} name=pay0`);
    const { server, url } = await serve(['test', '--codec', codec, ...SMALL]);
    const got = await receive(url, { video: chain, frames: 30 });
    expect(got.video.frames, got.output).toBe(30);
    expect(got.video.caps).toMatch(/^video\/x-raw, .*width=\(int\)320, height=\(int\)240/);
    expect((await probeStream(url)).codecs).toEqual([probed]);
    expect(await stop(server)).toBe(0);
  });
});

describe('rtsp --fps', () => {
  it('test source with --fps 12: 36 frames 1/12 s apart in stream time', async () => {
    const { server, url } = await serve(['test', '--fps', '12', ...SMALL]);
    const got = await receive(url, { frames: 36, props: RTP_TIME });
    expect(got.video.frames, got.output).toBe(36);
    expect(rate(got.video)).toBeCloseTo(12, 1);
    expect(await stop(server)).toBe(0);
  });

  it('a 30 fps file with --fps 10 (videorate): 20 frames 1/10 s apart in stream time', async () => {
    const file = join(dir, 'thirty.mp4');
    await makeClip(file, { seconds: 4, fps: 30, audio: false });
    const { server, url } = await serve([file, '--fps', '10', ...SMALL]);
    const got = await receive(url, { frames: 20, props: RTP_TIME });
    expect(got.video.frames, got.output).toBe(20);
    expect(rate(got.video)).toBeCloseTo(10, 1);
    expect(await stop(server)).toBe(0);
  });
});

describe('rtsp inputs', () => {
  it('a 321x241 file is served as H.264 at the nearest even size, 322x242', async () => {
    const file = join(dir, 'odd.webm');
    await makeClip(file, { seconds: 2, width: 321, height: 241, audio: false, container: 'webm' });
    const { server, url } = await serve([file, '--bitrate', '500', '--stats-interval', '0']);
    const got = await receive(url, { video: ['rtph264depay', '!', 'h264parse', '!', 'avdec_h264'], frames: 20 });
    expect(got.video.frames, got.output).toBe(20);
    expect(got.video.caps).toMatch(/width=\(int\)322, height=\(int\)242/);
    expect(await stop(server)).toBe(0);
  });

  it('test source with --audio opus: the client decodes H.264 video and the Opus tone', async () => {
    const { server, url } = await serve(['test', '--audio', 'opus', ...SMALL]);
    expect((await probeStream(url)).codecs).toEqual(['h264', 'opus']);
    const got = await receive(url, { audio: ['rtpopusdepay', '!', 'opusdec'], frames: 10, audioFrames: 25 });
    expect(got.video.frames, got.output).toBeGreaterThanOrEqual(10);
    expect(got.audio.frames, got.output).toBeGreaterThanOrEqual(25);
    expect(got.audio.caps).toMatch(/^audio\/x-raw, .*rate=\(int\)48000, channels=\(int\)2/);
    expect(await stop(server)).toBe(0);
  });

  // No camera and no v4l2loopback here: the camera mount's launch line is parsed and its static links
  // made by the helper (a bad line is refused before ready), and a viewer makes v4l2src open the device.
  it('/dev/videoN that does not exist: the server starts, and a viewer gets v4l2src\'s device error (not a parse or link error)', async () => {
    const device = Array.from({ length: 64 }, (_, i) => `/dev/video${i + 10}`).find((d) => !existsSync(d))!;
    const { server, url } = await serve([device, ...SMALL]);
    // The viewer's request makes the server build the media; wait for the error while it is connected.
    const probing = probeStream(url, 90_000);
    const error = await server.waitFor((e) => e.type === 'media-error', 90_000, 'the media error');
    expect((await probing).exitCode).not.toBe(0);
    expect(error).toMatchObject({ element: 'in_src', message: expect.stringContaining(`Cannot identify device '${device}'`) });
    expect(await stop(server)).toBe(0);
  });
});
