// readMkv on files ffmpeg and GStreamer write, against ffprobe's packet flags (an independent
// demuxer): Cues written for every key frame (ffmpeg, matroskamux by default), Cues every 2 s
// (matroskamux min-index-interval), no Cues and Clusters of unknown size (matroskamux streamable),
// open GOPs (x265) and B-frames (x264 medium). Also what it reads of a longer file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { readMkv } from '../../../../src/media/mkv/read-mkv.js';
import { tempDir } from '../../../helpers/cli.js';

const { dir, cleanup } = tempDir('lydlr-mkv-');
const path = (name: string) => join(dir, name);

const LAVFI = (seconds: number, size = '160x120') => ['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(seconds)];
const X264 = (gop: number, preset = 'ultrafast') => ['-c:v', 'libx264', '-preset', preset, '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0', '-pix_fmt', 'yuv420p'];
const GST_VIDEO = ['videotestsrc', 'num-buffers=250', 'pattern=ball', '!', 'video/x-raw,width=160,height=120,framerate=25/1,format=I420', '!', 'x264enc', 'speed-preset=ultrafast', 'key-int-max=15', '!', 'h264parse', '!', 'queue', '!', 'mux.'];
const GST_AUDIO = ['audiotestsrc', 'num-buffers=480', 'samplesperbuffer=1024', '!', 'audio/x-raw,rate=48000', '!', 'audioconvert', '!', 'opusenc', '!', 'queue', '!', 'mux.'];

const FILES: Record<string, () => Promise<unknown>> = {
  'gop15.mkv': () => execa('ffmpeg', ['-v', 'error', '-y', ...LAVFI(10), ...X264(15), '-c:a', 'aac', path('gop15.mkv')]),
  'gop48 bframes.mkv': () => execa('ffmpeg', ['-v', 'error', '-y', ...LAVFI(10), ...X264(48, 'medium'), '-c:a', 'aac', path('gop48 bframes.mkv')]),
  'hevc open gop.mkv': () => execa('ffmpeg', ['-v', 'error', '-y', ...LAVFI(6), '-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-x265-params', 'keyint=10:min-keyint=10:scenecut=0:open-gop=1:log-level=none', '-c:a', 'aac', path('hevc open gop.mkv')]),
  'sparse cues.mkv': () => execa('gst-launch-1.0', ['-q', '-e', ...GST_VIDEO, ...GST_AUDIO, 'matroskamux', 'name=mux', 'min-index-interval=2000000000', '!', 'filesink', `location=${path('sparse cues.mkv')}`]),
  'streamable.mkv': () => execa('gst-launch-1.0', ['-q', '-e', ...GST_VIDEO, ...GST_AUDIO, 'matroskamux', 'name=mux', 'streamable=true', '!', 'filesink', `location=${path('streamable.mkv')}`]),
  'long.mkv': () => execa('ffmpeg', ['-v', 'error', '-y', ...LAVFI(60, '320x240'), ...X264(50), '-b:v', '1M', '-c:a', 'aac', path('long.mkv')]),
};

// ffprobe's key-frame gaps in decode order (its packets' K flags), to the end of the track.
async function ffprobeGaps(file: string): Promise<number[]> {
  const r = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=flags', '-of', 'csv=p=0', file]);
  const flags = r.stdout.trim().split('\n');
  const keys = flags.flatMap((f, i) => (f.includes('K') ? [i] : []));
  return keys.map((k, i) => (keys[i + 1] ?? flags.length) - k);
}

const summary = (gaps: number[]) => ({ max: Math.max(...gaps), mean: Math.round((gaps.reduce((a, b) => a + b, 0) / gaps.length) * 100) / 100, keyframes: gaps.length });

beforeAll(async () => {
  const names = Object.keys(FILES);
  for (let i = 0; i < names.length; i += 2) await Promise.all(names.slice(i, i + 2).map((n) => FILES[n]!()));
}, 240_000);
afterAll(cleanup);

describe('readMkv', () => {
  it('ffmpeg, H.264 GOP 15: key frames from the Cues equal ffprobe\'s; codec strings from CodecPrivate; Constrained Baseline never reorders', async () => {
    const mkv = (await readMkv(path('gop15.mkv')))!;
    expect(mkv).toMatchObject({ docType: 'matroska', timestampScaleNs: 1_000_000 });
    const [video, audio] = mkv.tracks;
    const stream = JSON.parse((await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_streams', '-of', 'json', path('gop15.mkv')])).stdout).streams[0];
    expect(stream).toMatchObject({ profile: 'Constrained Baseline' });
    const level = (stream.level as number).toString(16).toUpperCase().padStart(2, '0');
    // profile_idc 66 (42), constraint_set0 and set1 (C0: Constrained Baseline), ffprobe's level.
    expect(video).toMatchObject({ kind: 'video', codecId: 'V_MPEG4/ISO/AVC', codecString: `avc1.42C0${level}`, levelIdc: stream.level, width: 160, height: 120, defaultDurationNs: 40_000_000, reordered: false });
    expect(audio).toMatchObject({ kind: 'audio', codecId: 'A_AAC', codecString: 'mp4a.40.2' });
    expect(video!.keyframeInterval).toMatchObject({ ...summary(await ffprobeGaps(path('gop15.mkv'))), from: 'cues', complete: true });
    expect(mkv.cuePoints).toBe(video!.keyframeInterval!.keyframes);
  });

  it('ffmpeg, H.264 GOP 48 with B-frames: from the Cues, and reordered', async () => {
    const video = (await readMkv(path('gop48 bframes.mkv')))!.tracks[0]!;
    expect(video.keyframeInterval).toMatchObject({ ...summary(await ffprobeGaps(path('gop48 bframes.mkv'))), max: 48, from: 'cues', complete: true });
    expect(video.reordered).toBe(true);
  });

  it('x265 open GOPs (leading B-frames sent after each key frame): decode-order gaps still equal ffprobe\'s', async () => {
    const gaps = await ffprobeGaps(path('hevc open gop.mkv'));
    expect(new Set(gaps).size).toBeGreaterThan(1); // the first and last gaps differ from the rest
    const video = (await readMkv(path('hevc open gop.mkv')))!.tracks[0]!;
    expect(video).toMatchObject({ codecId: 'V_MPEGH/ISO/HEVC', codecString: expect.stringMatching(/^hvc1\.1\.6\.L\d+\./), reordered: true });
    expect(video.keyframeInterval).toMatchObject({ ...summary(gaps), from: 'cues', complete: true });
  });

  it('GStreamer, Cues every 2 s: not believed; the whole file counted in block headers, or the first Clusters when the budget is small', async () => {
    const gaps = await ffprobeGaps(path('sparse cues.mkv'));
    const mkv = (await readMkv(path('sparse cues.mkv')))!;
    expect(mkv.cuePoints).toBeLessThan(gaps.length);
    expect(mkv.tracks[0]!.keyframeInterval).toMatchObject({ ...summary(gaps), from: 'blocks', complete: true });
    const sampled = (await readMkv(path('sparse cues.mkv'), { headBlocks: 200 }))!.tracks[0]!.keyframeInterval;
    expect(sampled).toMatchObject({ max: 15, mean: 15, from: 'blocks', complete: false });
    expect(sampled!.spanSeconds).toBeGreaterThan(0);
    expect(sampled!.spanSeconds).toBeLessThan(10);
  });

  it('GStreamer streamable (no Cues, Clusters of unknown size): block headers, to the end', async () => {
    const mkv = (await readMkv(path('streamable.mkv')))!;
    expect(mkv.cuePoints).toBe(0);
    expect(mkv.tracks.map((t) => t.codecId)).toEqual(['V_MPEG4/ISO/AVC', 'A_OPUS']);
    expect(mkv.tracks[0]!.keyframeInterval).toMatchObject({ ...summary(await ffprobeGaps(path('streamable.mkv'))), from: 'blocks', complete: true });
  });

  it('a 60 s file: the index answers, and a small part of the file is read', async () => {
    const mkv = (await readMkv(path('long.mkv')))!;
    expect(mkv.tracks[0]!.keyframeInterval).toMatchObject({ ...summary(await ffprobeGaps(path('long.mkv'))), from: 'cues', complete: true });
    expect(mkv.cost.bytesRead).toBeLessThan(statSync(path('long.mkv')).size / 5);
  });

  it('not Matroska: undefined', async () => {
    await execa('ffmpeg', ['-v', 'error', '-y', ...LAVFI(1), ...X264(10), '-an', path('clip.mp4')]);
    expect(await readMkv(path('clip.mp4'))).toBeUndefined();
  });
});
