// Valid but unusual inputs (variable frame rate, a phone's rotated clip) come out right; inputs with no
// video to encode (audio only, a still picture) are refused from the probe, the same way by every command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers/cli.js';
import { countVideoFrames, ffprobe } from '../helpers/media.js';

const tmp = tempDir('lydlr-odd-inputs-');
const at = (name: string) => join(tmp.dir, name);
const ffmpeg = (args: string[]) => execa('ffmpeg', ['-v', 'error', '-y', ...args]);

beforeAll(async () => {
  await Promise.all([
    // 60 frames over 2.9 s: 30 at 30 fps, then 30 at about 15 fps. The container declares 30 fps.
    ffmpeg(['-f', 'lavfi', '-i', 'mandelbrot=size=320x240:rate=30', '-frames:v', '60', '-vf', "setpts='if(lt(N,30),N/30,1+(N-30)/15.3)/TB'",
      '-fps_mode', 'vfr', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', at('vfr.mp4')]),
    // A phone-like clip: 320x240 frames with a display matrix saying "turn 90°" (shown 240x320).
    ffmpeg(['-f', 'lavfi', '-i', 'mandelbrot=size=320x240:rate=30', '-t', '2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', at('stored.mp4')])
      .then(() => ffmpeg(['-i', at('stored.mp4'), '-c', 'copy', '-metadata:s:v:0', 'rotate=90', at('phone clip.mp4')])),
    ffmpeg(['-f', 'lavfi', '-i', 'sine=f=440', '-t', '2', '-c:a', 'aac', at('song.m4a')]),
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', at('picture.png')]),
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=320x240', '-frames:v', '1', at('picture.jpg')]),
  ]);
}, 120_000);

afterAll(() => tmp.cleanup());

async function countVideoPackets(path: string): Promise<number> {
  const r = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', path]);
  return Number(r.stdout.trim());
}

// PSNR (dB) of `output` against the input as ffmpeg displays it (ffmpeg applies the display matrix).
async function psnrAgainstDisplayed(input: string, output: string): Promise<number> {
  const r = await execa('ffmpeg', ['-i', input, '-i', output, '-lavfi', '[0:v][1:v]psnr', '-f', 'null', '-'], { reject: false });
  return Number(/PSNR .*average:([\d.]+)/.exec(r.stderr)?.[1]);
}

describe('variable frame rate', () => {
  it('compress keeps every frame of a file with far fewer frames than declared rate × duration', async () => {
    const frames = await countVideoFrames(at('vfr.mp4'));
    const declared = (await execa('gst-discoverer-1.0', ['-v', at('vfr.mp4')])).stdout;
    expect(declared).toContain('framerate=(fraction)30/1');
    expect(declared).toContain('Duration: 0:00:02.9');
    expect(frames).toBeLessThan(30 * 2.9 * 0.8);
    const r = await cli(['--json', 'compress', at('vfr.mp4'), at('vfr out.mp4')]);
    expect(r.exitCode, r.stderr).toBe(0);
    // Packets, not decoded frames: ffmpeg skips the last frame of this output (mp4mux gives it no duration).
    expect(await countVideoPackets(at('vfr out.mp4'))).toBe(frames);
    expect(r.result).toMatchObject({ durationSeconds: 2.9 });
  });
});

describe('rotated input (display matrix)', () => {
  it('the test clip is stored 320x240 and displayed turned (ffprobe: rotation side data)', async () => {
    const r = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:stream_side_data=rotation', '-of', 'json', at('phone clip.mp4')]);
    expect(JSON.parse(r.stdout).streams[0]).toMatchObject({ width: 320, height: 240, side_data_list: [{ rotation: 90 }] });
  });

  it('compress writes upright 240x320 frames that match the input as displayed', async () => {
    const output = at('phone out.mp4');
    const r = await cli(['--json', 'compress', at('phone clip.mp4'), output]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ width: 240, height: 320 });
    const video = (await ffprobe(output)).streams.find((s) => s.codec_type === 'video')!;
    expect(video).toMatchObject({ width: 240, height: 320 });
    expect(await psnrAgainstDisplayed(at('phone clip.mp4'), output)).toBeGreaterThan(30);
  });

  it('hls writes upright 240x320 segments that match the input as displayed', async () => {
    const out = at('phone hls');
    const r = await cli(['--json', 'hls', at('phone clip.mp4'), '-o', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    const video = (await ffprobe(join(out, 'seg00000.ts'))).streams.find((s) => s.codec_type === 'video')!;
    expect(video).toMatchObject({ width: 240, height: 320 });
    expect(await psnrAgainstDisplayed(at('phone clip.mp4'), join(out, 'playlist.m3u8'))).toBeGreaterThan(30);
  });
});

describe('inputs with no video to encode', () => {
  it.each([
    ['compress', (i: string) => ['compress', i, at('from song.mp4')]],
    ['hls', (i: string) => ['hls', i, '-o', at('song hls')]],
  ])('%s of an audio-only file: exit 2 "no video stream", nothing written', async (_command, args) => {
    const r = await cli(['--json', ...args(at('song.m4a'))]);
    expect(r.exitCode).toBe(2);
    expect(r.json).toHaveLength(1);
    expect((r.result!.error as { message: string }).message).toMatch(/has no video stream \(it holds only audio\)/);
    expect(existsSync(at('from song.mp4')) || existsSync(at('song hls'))).toBe(false);
  });

  it.each(['picture.png', 'picture.jpg'])('compress and hls of a still picture (%s): exit 2 with how to make a video of it', async (name) => {
    for (const args of [['compress', at(name), at('still.mp4')], ['hls', at(name), '-o', at('still hls')]]) {
      const r = await cli(['--json', ...args]);
      expect(r.exitCode).toBe(2);
      const error = r.result!.error as { message: string; fix: string };
      expect(error.message).toMatch(/is a still image \(image\/(png|jpeg)\), not a video/);
      expect(error.fix).toContain('ffmpeg -loop 1');
    }
    expect(existsSync(at('still.mp4'))).toBe(false);
  });

  it.each([
    ['rtsp', ['--port', '0']],
    ['webrtc', ['--port', '0']],
  ])('%s refuses an audio-only file and a still picture the same way, before its server starts (exit 2, no ready event)', async (command, flags) => {
    const song = await cli(['--json', command, at('song.m4a'), ...flags]);
    expect(song.exitCode).toBe(2);
    expect((song.result!.error as { message: string }).message).toMatch(/has no video stream \(it holds only audio\)/);
    const still = await cli(['--json', command, at('picture.png'), ...flags]);
    expect(still.exitCode).toBe(2);
    expect((still.result!.error as { fix: string }).fix).toContain('ffmpeg -loop 1');
    expect([...song.json, ...still.json].filter((e) => e.type === 'ready')).toEqual([]);
  });
});
