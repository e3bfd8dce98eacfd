// `hls` outputs beyond the everyday case: H.265 segments, fractional segment durations across a ladder, and
// a `%` in the output folder name. The built CLI against real GStreamer; the playlists are read by hls-parser
// (strict mode, an independent reader) and the media by ffprobe/ffmpeg.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import HLS from 'hls-parser';
import { cli, tempDir } from '../helpers/cli.js';

let tmp: ReturnType<typeof tempDir>;
let clip: string; // 1280x720, 30 fps, 6 s (180 frames), H.264 + AAC

beforeAll(async () => {
  tmp = tempDir('lydlr-hls-outputs-');
  clip = join(tmp.dir, 'clip.mp4');
  await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=6', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=6',
    '-c:a', 'aac', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', clip]);
  HLS.setOptions({ strictMode: true });
});

afterAll(() => tmp?.cleanup());

function readMedia(path: string): HLS.types.MediaPlaylist {
  const p = HLS.parse(readFileSync(path, 'utf8'));
  if (p.isMasterPlaylist) throw new Error(`${path} is a master playlist`);
  return p as HLS.types.MediaPlaylist;
}

function readMaster(path: string): HLS.types.MasterPlaylist {
  const p = HLS.parse(readFileSync(path, 'utf8'));
  if (!p.isMasterPlaylist) throw new Error(`${path} is a media playlist`);
  return p as HLS.types.MasterPlaylist;
}

async function probe(args: string[]): Promise<{ streams?: Record<string, unknown>[]; frames?: Record<string, unknown>[]; format?: Record<string, unknown> }> {
  const r = await execa('ffprobe', ['-v', 'error', '-of', 'json', ...args]);
  return JSON.parse(r.stdout);
}

// The first video frame of a segment: a keyframe, and when.
async function firstFrame(segment: string): Promise<{ key: boolean; pts: number }> {
  const p = await probe(['-select_streams', 'v:0', '-read_intervals', '%+#1', '-show_entries', 'frame=key_frame,pts_time', segment]);
  const f = p.frames![0] as { key_frame: number; pts_time: string };
  return { key: f.key_frame === 1, pts: Number(f.pts_time) };
}

// Video frames ffmpeg decodes through a playlist, every segment in order.
async function decodedFrames(playlist: string): Promise<number> {
  const p = await probe(['-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=nb_read_frames', playlist]);
  return Number(p.streams![0]!.nb_read_frames);
}

describe('hls --codec h265', () => {
  it('writes HEVC Main + AAC segments that start with keyframes; the result\'s CODECS carries the level ffprobe reads', async () => {
    const out = join(tmp.dir, 'h265');
    const r = await cli(['--json', 'hls', clip, '-o', out, '--codec', 'h265', '--preset', 'ultrafast']);
    expect(r.exitCode, r.stderr).toBe(0);
    const playlist = readMedia(join(out, 'playlist.m3u8'));
    expect(playlist).toMatchObject({ playlistType: 'VOD', endlist: true, targetDuration: 2 });
    expect(playlist.segments.map((s) => s.uri)).toEqual(['seg00000.ts', 'seg00001.ts', 'seg00002.ts']);
    for (const s of playlist.segments) {
      const streams = (await probe(['-show_entries', 'stream=codec_name,profile,level,width,height', join(out, s.uri)])).streams!;
      expect(streams.find((x) => x.codec_name === 'hevc'), s.uri).toMatchObject({ profile: 'Main', width: 1280, height: 720 });
      expect(streams.map((x) => x.codec_name).sort(), s.uri).toEqual(['aac', 'hevc']);
      expect((await firstFrame(join(out, s.uri))).key, `${s.uri} starts with a keyframe`).toBe(true);
    }
    expect(await decodedFrames(join(out, 'playlist.m3u8'))).toBe(180);
    const level = (await probe(['-select_streams', 'v:0', '-show_entries', 'stream=level', join(out, 'seg00000.ts')])).streams![0]!.level;
    const codecs = String((r.result!.renditions as { codecs: string }[])[0]!.codecs);
    expect(codecs).toMatch(new RegExp(`^hev1\\.1\\.6\\.L${level}(\\.[0-9A-F]{1,2})*,mp4a\\.40\\.2$`));
  });
});

describe('hls --segment-duration 1.5 --ladder 720p,360p', () => {
  it('every rendition: 1.5 s EXTINF values, target duration 2, keyframes at 0, 1.5, 3 and 4.5 s, all 180 frames', async () => {
    const out = join(tmp.dir, 'fractional-ladder');
    const r = await cli(['hls', clip, '-o', out, '--segment-duration', '1.5', '--ladder', '720p,360p', '--preset', 'ultrafast']);
    expect(r.exitCode, r.stderr).toBe(0);
    const master = readMaster(join(out, 'master.m3u8'));
    expect(master.variants.map((v) => [v.uri, v.resolution])).toEqual([
      ['720p/playlist.m3u8', { width: 1280, height: 720 }],
      ['360p/playlist.m3u8', { width: 640, height: 360 }],
    ]);
    for (const variant of master.variants) {
      const path = join(out, variant.uri);
      const playlist = readMedia(path);
      // RFC 8216: each EXTINF rounded to the nearest integer is at most the target duration (1.5 → 2).
      expect(playlist.targetDuration, variant.uri).toBe(2);
      const durations = playlist.segments.map((s) => s.duration);
      expect(durations, variant.uri).toHaveLength(4);
      // 45 frames at 30 fps each; the last one is short by the length of its final frame.
      for (const d of durations.slice(0, -1)) expect(d, variant.uri).toBeCloseTo(1.5, 3);
      expect(durations.at(-1)!, variant.uri).toBeCloseTo(1.5 - 1 / 30, 3);
      const starts: number[] = [];
      for (const s of playlist.segments) {
        const first = await firstFrame(join(dirname(path), s.uri));
        expect(first.key, `${variant.uri} ${s.uri} starts with a keyframe`).toBe(true);
        starts.push(first.pts);
      }
      const t0 = starts[0]!;
      expect(starts.map((t) => Number((t - t0).toFixed(3)))).toEqual([0, 1.5, 3, 4.5]);
      expect(await decodedFrames(path), variant.uri).toBe(180);
    }
  });
});

describe('hls into a folder named with %', () => {
  it('"out 100%25 %d": master, rendition playlists and segments land in that folder and ffprobe plays the master', async () => {
    const name = 'out 100%25 %d';
    const parent = join(tmp.dir, 'percent');
    const out = join(parent, name);
    const r = await cli(['hls', clip, '-o', out, '--ladder', '720p,360p', '--preset', 'ultrafast']);
    expect(r.exitCode, r.stderr).toBe(0);
    // Nothing went to a folder with the % expanded (printf-style) instead.
    expect(readdirSync(parent)).toEqual([name]);
    expect(readdirSync(out).sort()).toEqual(['360p', '720p', 'master.m3u8']);
    for (const rendition of ['720p', '360p']) {
      const playlist = readMedia(join(out, rendition, 'playlist.m3u8'));
      expect(readdirSync(join(out, rendition)).sort()).toEqual(['playlist.m3u8', ...playlist.segments.map((s) => s.uri)].sort());
    }
    const probed = await probe(['-show_entries', 'stream=codec_name,width,height:format=duration', join(out, 'master.m3u8')]);
    const videos = probed.streams!.filter((s) => s.codec_name === 'h264').map((s) => `${s.width}x${s.height}`);
    expect(videos.sort()).toEqual(['1280x720', '640x360']);
    expect(probed.streams!.some((s) => s.codec_name === 'aac')).toBe(true);
    expect(Number(probed.format!.duration)).toBeCloseTo(6, 0);
    expect(await decodedFrames(join(out, '360p', 'playlist.m3u8'))).toBe(180);
  });
});
