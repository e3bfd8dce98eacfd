// probe on real files made with ffmpeg: facts against ffprobe and mp4box.js (an independent MP4
// parser), each verdict rule in both directions, and every suggested fix run and probed again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { execa } from 'execa';
import { createFile, MP4BoxBuffer, type Movie } from 'mp4box';
import { cli, tempDir } from '../helpers/cli.js';
import { call, startServe, stopAllServes } from '../helpers/serve.js';
import { chromium } from 'playwright-core';

type Verdict = 'plays' | 'remux' | 'transcode';
type Targets = { browser: Verdict; safari: Verdict; webrtc: Verdict; chromecast: Verdict };

const SOURCE = ['-f', 'lavfi', '-i', 'mandelbrot=size=160x120:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '1.2'];
// A key frame every 10 frames exactly (no scene-cut key frames), so the index's spacing is known.
const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-keyint_min', '10', '-sc_threshold', '0'];
const X265 = ['-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-x265-params', 'keyint=10:min-keyint=10:scenecut=0:log-level=none'];
const VP9 = ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-pix_fmt', 'yuv420p', '-g', '10'];
const FAST = ['-movflags', '+faststart'];

// What each file should get, worked out by hand from the rules' sources (not from the product).
const FILES: Array<{ name: string; args: string[]; expect: Targets }> = [
  { name: 'h264 high aac.mp4', args: [...X264, '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-c:a', 'aac', ...FAST], expect: { browser: 'plays', safari: 'plays', webrtc: 'transcode', chromecast: 'plays' } },
  { name: 'h264 moov at end.mp4', args: [...X264, '-pix_fmt', 'yuv420p', '-c:a', 'aac'], expect: { browser: 'plays', safari: 'plays', webrtc: 'transcode', chromecast: 'plays' } },
  { name: 'h264 baseline opus.mp4', args: [...X264, '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-c:a', 'libopus', ...FAST], expect: { browser: 'plays', safari: 'transcode', webrtc: 'plays', chromecast: 'plays' } },
  { name: 'h264 444.mp4', args: [...X264, '-pix_fmt', 'yuv444p', '-c:a', 'aac', ...FAST], expect: { browser: 'transcode', safari: 'transcode', webrtc: 'transcode', chromecast: 'transcode' } },
  { name: 'h264 10-bit.mp4', args: [...X264, '-pix_fmt', 'yuv420p10le', '-c:a', 'aac', ...FAST], expect: { browser: 'transcode', safari: 'transcode', webrtc: 'transcode', chromecast: 'transcode' } },
  { name: 'h264 mp3.mp4', args: [...X264, '-pix_fmt', 'yuv420p', '-c:a', 'libmp3lame', ...FAST], expect: { browser: 'transcode', safari: 'plays', webrtc: 'transcode', chromecast: 'plays' } },
  { name: 'h264 ac3.mp4', args: [...X264, '-pix_fmt', 'yuv420p', '-c:a', 'ac3', ...FAST], expect: { browser: 'transcode', safari: 'plays', webrtc: 'transcode', chromecast: 'transcode' } },
  { name: "h264 aac 'n' ü!,=.mkv", args: [...X264, '-pix_fmt', 'yuv420p', '-c:a', 'aac'], expect: { browser: 'remux', safari: 'remux', webrtc: 'transcode', chromecast: 'remux' } },
  { name: 'hevc hvc1.mp4', args: [...X265, '-tag:v', 'hvc1', '-c:a', 'aac', ...FAST], expect: { browser: 'transcode', safari: 'plays', webrtc: 'transcode', chromecast: 'transcode' } },
  { name: 'hevc hev1.mp4', args: [...X265, '-tag:v', 'hev1', '-c:a', 'aac', ...FAST], expect: { browser: 'transcode', safari: 'remux', webrtc: 'transcode', chromecast: 'transcode' } },
  { name: 'vp9 opus.webm', args: [...VP9, '-c:a', 'libopus'], expect: { browser: 'plays', safari: 'transcode', webrtc: 'plays', chromecast: 'transcode' } },
  { name: 'vp9 opus.mkv', args: [...VP9, '-c:a', 'libopus'], expect: { browser: 'remux', safari: 'transcode', webrtc: 'plays', chromecast: 'transcode' } },
  { name: 'vp9 opus.mp4', args: [...VP9, '-c:a', 'libopus', ...FAST], expect: { browser: 'plays', safari: 'transcode', webrtc: 'plays', chromecast: 'transcode' } },
  { name: 'av1 aac.mp4', args: ['-c:v', 'libsvtav1', '-preset', '12', '-pix_fmt', 'yuv420p', '-g', '10', '-svtav1-params', 'log-level=0', '-c:a', 'aac', ...FAST], expect: { browser: 'plays', safari: 'transcode', webrtc: 'transcode', chromecast: 'transcode' } },
];

// Matroska/WebM files long enough (10 s) that the reader answers from the Cues rather than by
// reading every block: H.264 at GOP 15 and at GOP 48 with B-frames, HEVC with open GOPs, VP9
// profile 0 and 10-bit profile 2, AV1 (SVT-AV1) in WebM and in Matroska.
const INDEXED_SOURCE = ['-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '10'];
const fixedGop = (gop: number) => ['-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0'];
const SVTAV1 = ['-c:v', 'libsvtav1', '-preset', '12', '-g', '20', '-svtav1-params', 'log-level=0'];
const INDEXED: Array<{ name: string; args: string[] }> = [
  { name: 'h264 gop15.mkv', args: ['-c:v', 'libx264', '-preset', 'ultrafast', ...fixedGop(15), '-pix_fmt', 'yuv420p', '-c:a', 'aac'] },
  { name: 'h264 gop48 bframes.mkv', args: ['-c:v', 'libx264', '-preset', 'medium', ...fixedGop(48), '-pix_fmt', 'yuv420p', '-c:a', 'aac'] },
  { name: 'hevc open gop.mkv', args: [...X265, '-c:a', 'aac'] },
  { name: 'vp9 profile 0.webm', args: [...VP9.slice(0, -2), '-g', '20', '-c:a', 'libopus'] },
  { name: 'vp9 profile 2 10-bit.webm', args: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-profile:v', '2', '-pix_fmt', 'yuv420p10le', '-g', '20', '-c:a', 'libopus'] },
  { name: 'av1.webm', args: [...SVTAV1, '-pix_fmt', 'yuv420p', '-c:a', 'libopus'] },
  { name: 'av1.mkv', args: [...SVTAV1, '-pix_fmt', 'yuv420p', '-c:a', 'aac'] },
];

interface StreamFacts { codec: string; codecString?: string; profile?: string; width?: number; height?: number; chromaFormat?: string; bitDepth?: number; sampleEntry?: string; codecId?: string; bFrames?: boolean; variableFrameRate?: boolean; keyframeInterval?: { maxFrames: number; meanFrames: number; from: 'index' | 'blocks'; sampledSeconds?: number } }
interface ProbeResult { container: string; fastStart?: boolean; video: StreamFacts[]; audio: StreamFacts[]; verdicts: Array<{ target: keyof Targets; verdict: Verdict; fix?: { argv: string[]; output: string; command: string } }> }

let dir: string;
let cleanup: () => void;
const path = (name: string) => join(dir, name);

async function probe(file: string, targets?: string): Promise<ProbeResult> {
  const r = await cli(['--json', 'probe', file, ...(targets ? ['--for', targets] : [])]);
  if (r.exitCode !== 0) throw new Error(`probe ${file} exited ${r.exitCode}: ${r.stderr}`);
  return r.result as unknown as ProbeResult;
}

// mp4box.js's codec strings for each track (video first, as the file lists them).
function mp4boxCodecs(file: string): string[] {
  const bytes = readFileSync(file);
  const mp4 = createFile();
  let info: Movie | undefined;
  mp4.onReady = (i) => (info = i);
  mp4.appendBuffer(MP4BoxBuffer.fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer, 0));
  mp4.flush();
  return info!.tracks.map((t) => t.codec);
}

async function ffprobeStreams(file: string): Promise<Array<Record<string, string | number>>> {
  const r = await execa('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', file]);
  return (JSON.parse(r.stdout) as { streams: Array<Record<string, string | number>> }).streams;
}

// Key-frame spacing from ffprobe's packets (decode order, the K flag): the gaps between key
// frames and from the last one to the end, as frame counts.
async function ffprobeKeyframeGaps(file: string): Promise<number[]> {
  const r = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=flags', '-of', 'csv=p=0', file]);
  const flags = r.stdout.trim().split('\n');
  const keys = flags.flatMap((f, i) => (f.includes('K') ? [i] : []));
  return keys.map((k, i) => (keys[i + 1] ?? flags.length) - k);
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('lydlr-probe-'));
  // Two at a time: the machine is shared.
  for (let i = 0; i < FILES.length; i += 2) {
    await Promise.all(FILES.slice(i, i + 2).map((f) => execa('ffmpeg', ['-v', 'error', '-y', ...SOURCE, ...f.args, path(f.name)])));
  }
  for (let i = 0; i < INDEXED.length; i += 2) {
    await Promise.all(INDEXED.slice(i, i + 2).map((f) => execa('ffmpeg', ['-v', 'error', '-y', ...INDEXED_SOURCE, ...f.args, path(f.name)])));
  }
}, 400_000);
afterAll(async () => {
  await stopAllServes();
  cleanup();
});

describe('probe facts', () => {
  it.each(FILES.filter((f) => f.name.endsWith('.mp4')).map((f) => f.name))('%s: codec strings equal mp4box.js, sample entry equals ffprobe codec_tag_string', async (name) => {
    const facts = await probe(path(name));
    const ours = [...facts.video, ...facts.audio].map((s) => s.codecString?.toLowerCase());
    expect(ours).toEqual(mp4boxCodecs(path(name)).map((c) => c.toLowerCase()));
    const streams = await ffprobeStreams(path(name));
    expect(facts.video[0]!.sampleEntry).toBe(streams.find((s) => s.codec_type === 'video')!.codec_tag_string);
  });

  it.each(FILES.map((f) => f.name))('%s: codec, size, profile, chroma and depth agree with ffprobe', async (name) => {
    const [facts, streams] = await Promise.all([probe(path(name)), ffprobeStreams(path(name))]);
    const v = streams.find((s) => s.codec_type === 'video')!;
    const video = facts.video[0]!;
    expect({ width: video.width, height: video.height }).toEqual({ width: v.width, height: v.height });
    const codecNames: Record<string, string> = { h264: 'h264', hevc: 'h265', vp9: 'vp9', av1: 'av1' };
    expect(video.codec).toBe(codecNames[String(v.codec_name)]);
    // ffprobe's pix_fmt: yuv420p / yuv444p / yuv420p10le.
    const pix = /^yuv(\d)(\d)(\d)p(\d+)?/.exec(String(v.pix_fmt))!;
    expect(video.chromaFormat).toBe(`${pix[1]}:${pix[2]}:${pix[3]}`);
    expect(video.bitDepth).toBe(pix[4] ? Number(pix[4]) : 8);
    const audioNames: Record<string, string> = { aac: 'aac', opus: 'opus', mp3: 'mp3', ac3: 'ac3' };
    expect(facts.audio.map((a) => a.codec)).toEqual(streams.filter((s) => s.codec_type === 'audio').map((s) => audioNames[String(s.codec_name)]));
    if (v.codec_name === 'h264') {
      const profiles: Record<string, string> = { High: 'high', 'Constrained Baseline': 'constrained-baseline', 'High 4:4:4 Predictive': 'high-4:4:4', 'High 10': 'high-10' };
      expect(video.profile).toBe(profiles[String(v.profile)]);
    }
  });

  // The MP4s from their sample tables; the 1.2 s Matroska/WebM files by every block header.
  it.each(FILES.map((f) => f.name))('%s: key-frame spacing matches ffprobe\'s key-frame count, B-frames match has_b_frames', async (name) => {
    const facts = await probe(path(name));
    const video = facts.video[0]!;
    const gaps = await ffprobeKeyframeGaps(path(name));
    expect(gaps.length).toBeGreaterThan(1); // the encoders were asked for a key frame every 10 frames
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(video.keyframeInterval).toMatchObject({ maxFrames: Math.max(...gaps), meanFrames: Math.round(mean * 100) / 100 });
    const v = (await ffprobeStreams(path(name))).find((s) => s.codec_type === 'video')!;
    expect(video.bFrames).toBe(Number(v.has_b_frames) > 0);
  });

  it.each(INDEXED.map((f) => f.name))('%s: key frames from the Cues equal ffprobe\'s packet flags, B-frames equal has_b_frames, codec strings equal mp4box.js\'s on the same streams remuxed to MP4', async (name) => {
    const facts = await probe(path(name));
    const video = facts.video[0]!;
    const gaps = await ffprobeKeyframeGaps(path(name));
    expect(gaps.length).toBeGreaterThan(4);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(video.keyframeInterval).toEqual({ maxFrames: Math.max(...gaps), meanFrames: Math.round(mean * 100) / 100, maxSeconds: expect.any(Number), meanSeconds: expect.any(Number), from: 'index' });
    const v = (await ffprobeStreams(path(name))).find((s) => s.codec_type === 'video')!;
    expect(video.bFrames).toBe(Number(v.has_b_frames) > 0);
    expect(video.codecId).toMatch(/^V_(MPEG4\/ISO\/AVC|MPEGH\/ISO\/HEVC|VP9|AV1)$/);
    // ffmpeg writes the MP4 configuration boxes itself (for VP9 the level from its own table).
    const remuxed = path(`${name}.remux.mp4`);
    await execa('ffmpeg', ['-v', 'error', '-y', '-i', path(name), '-c', 'copy', ...(name.startsWith('hevc') ? ['-tag:v', 'hvc1'] : []), remuxed]);
    expect([...facts.video, ...facts.audio].map((s) => s.codecString?.toLowerCase())).toEqual(mp4boxCodecs(remuxed).map((c) => c.toLowerCase()));
  });

  it('moov position: +faststart files are fast start, a default ffmpeg MP4 is not', async () => {
    expect((await probe(path('h264 high aac.mp4'))).fastStart).toBe(true);
    expect((await probe(path('h264 moov at end.mp4'))).fastStart).toBe(false);
  });

  it('a variable frame rate is reported (frames timed 1/25 s, then 1/10 s apart)', async () => {
    const vfr = path('vfr.mp4');
    await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'mandelbrot=size=160x120:rate=25', '-t', '2', '-vf', "setpts='if(lt(N,25),N/25,1+(N-25)/10)/TB'", '-fps_mode', 'vfr', ...X264, '-pix_fmt', 'yuv420p', vfr]);
    const v = (await ffprobeStreams(vfr))[0]!;
    expect(v.r_frame_rate).not.toBe(v.avg_frame_rate); // ffprobe agrees the rate varies
    expect((await probe(vfr)).video[0]!.variableFrameRate).toBe(true);
    expect((await probe(path('h264 high aac.mp4'))).video[0]!.variableFrameRate).toBe(false);
  });
});

describe('probe verdicts', () => {
  it.each(FILES.map((f) => [f.name, f.expect] as const))('%s: verdicts per target', async (name, expected) => {
    const facts = await probe(path(name));
    expect(Object.fromEntries(facts.verdicts.map((v) => [v.target, v.verdict]))).toEqual(expected);
  });

  it.each(FILES.map((f) => [f.name, f.expect] as const))('%s: every suggested fix runs and the result then plays on its target', async (name, expected) => {
    const facts = await probe(path(name));
    for (const v of facts.verdicts.filter((x) => x.verdict !== 'plays')) {
      expect(v.fix, `${v.target} has a fix`).toBeDefined();
      const run = await cli(v.fix!.argv);
      expect(run.exitCode, `${v.fix!.command}\n${run.stderr}`).toBe(0);
      const after = await probe(v.fix!.output, v.target);
      expect(after.verdicts[0], `${v.target} after ${v.fix!.command}`).toMatchObject({ target: v.target, verdict: 'plays' });
    }
    expect(facts.verdicts.filter((x) => x.verdict === 'plays').map((x) => x.target).sort()).toEqual(Object.keys(expected).filter((t) => expected[t as keyof Targets] === 'plays').sort());
  }, 600_000);

  it('--for limits the verdicts to the targets named; an unknown target is exit 2 naming the choices', async () => {
    const facts = await probe(path('vp9 opus.webm'), 'webrtc,browser');
    expect(facts.verdicts.map((v) => v.target)).toEqual(['webrtc', 'browser']);
    const bad = await cli(['probe', path('vp9 opus.webm'), '--for', 'tv']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('browser, safari, webrtc, chromecast');
  });

  it('a missing file is exit 2 before anything runs', async () => {
    const r = await cli(['--json', 'probe', path('nope.mp4')]);
    expect(r.exitCode).toBe(2);
    expect(r.result).toMatchObject({ ok: false, exitCode: 2 });
  });
});

describe('probe over REST', () => {
  it('GET /api/gstreamer/probe/?source= answers the verdicts inside --root; a path outside it is 403, a missing file 400', async () => {
    const serve = await startServe(['--root', dir], { cwd: dir });
    const ok = await call(serve.url, `probe/?source=${encodeURIComponent('hevc hev1.mp4')}&for=safari`);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, command: 'probe', container: 'mp4', verdicts: [{ target: 'safari', verdict: 'remux' }] });
    const outside = await call(serve.url, `probe/?source=${encodeURIComponent('/etc/hostname')}`);
    expect(outside.status).toBe(403);
    const missing = await call(serve.url, 'probe/?source=nope.mp4');
    expect(missing.status).toBe(400);
    const badTarget = await call(serve.url, `probe/?source=${encodeURIComponent('vp9 opus.webm')}&for=tv`);
    expect(badTarget.status).toBe(400);
  });
});

// The browser rules against headless Chromium: its MediaSource.isTypeSupported (what hls.js and
// every MSE player ask before playing) with the file's own codec strings, and a real <video> play.
describe('browser verdicts in headless Chromium', () => {
  // Where Chromium's software decoder accepts what the rule refuses: High 4:4:4 and High 10 decode
  // in desktop Chromium, but not in Safari, Firefox on most platforms, Android or hardware decoders.
  const CHROMIUM_DISAGREES = new Set(['h264 444.mp4', 'h264 10-bit.mp4']);

  it('every file the verdict calls plays for browsers is MSE-supported and plays; every transcode one is refused by MSE (except where noted)', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'] });
    try {
      const page = await browser.newPage();
      writeFileSync(path('player.html'), '<video muted></video>');
      await page.goto(pathToFileURL(path('player.html')).href);
      for (const file of FILES.filter((f) => f.expect.browser !== 'remux')) {
        const facts = await probe(path(file.name), 'browser');
        const codecs = [...facts.video, ...facts.audio].map((s) => s.codecString).join(',');
        const mime = `${file.name.endsWith('.webm') ? 'video/webm' : 'video/mp4'}; codecs="${codecs}"`;
        const supported = await page.evaluate((m) => MediaSource.isTypeSupported(m), mime);
        const verdict = facts.verdicts[0]!.verdict;
        if (verdict === 'plays') {
          expect(supported, `${file.name}: ${mime}`).toBe(true);
          const played = await page.evaluate(async (src) => {
            const v = document.querySelector('video')!;
            v.src = src;
            void v.play().catch(() => undefined);
            // A hang bound only: a 1.2 s clip passes 0.3 s at once when it decodes.
            for (let i = 0; i < 200 && v.currentTime <= 0.3 && !v.error; i++) await new Promise((r) => setTimeout(r, 50));
            return v.currentTime > 0.3 && !v.error;
          }, pathToFileURL(path(file.name)).href);
          expect(played, `${file.name} plays in <video>`).toBe(true);
        } else {
          expect(supported, `${file.name}: ${mime}`).toBe(CHROMIUM_DISAGREES.has(file.name));
        }
      }
    } finally {
      await browser.close();
    }
  });
});
