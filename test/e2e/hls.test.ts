// `hls` end to end: the built CLI against real GStreamer; the output read back by ffprobe/ffmpeg and played
// by hls.js in a real browser (Debian's Chromium through playwright-core, no browser download).
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { execa } from 'execa';
import HLS from 'hls-parser';
import { cli, tempDir } from '../helpers/cli.js';
import { startJsonCli, type CliEvent } from '../helpers/ndjson-process.js';
import { waitUntil } from '../helpers/wait.js';

const CHROMIUM = '/usr/bin/chromium';
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];

let tmp: ReturnType<typeof tempDir>;
let clip: string; // 1280x720, 30 fps, 6 s, H.264 + AAC, a name that needs quoting
let clip444: string; // 640x360 H.264 High 4:4:4 (what some cameras and screen recorders make)
let short: string; // 640x360, 25 fps, 4 s, for looping
let browser: Browser | undefined;

beforeAll(async () => {
  tmp = tempDir('lydlr-hls-');
  clip = join(tmp.dir, "my clip, v1! = 'x'.mp4");
  clip444 = join(tmp.dir, 'odd444.mp4');
  short = join(tmp.dir, 'short.mp4');
  const lavfi = (size: string, rate: number, seconds: number, extra: string[], out: string, audio = true) =>
    execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${rate}:duration=${seconds}`,
      ...(audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`, '-c:a', 'aac'] : []),
      '-c:v', 'libx264', '-preset', 'veryfast', ...extra, out]);
  await Promise.all([
    lavfi('1280x720', 30, 6, ['-pix_fmt', 'yuv420p'], clip),
    lavfi('640x360', 30, 3, ['-pix_fmt', 'yuv444p'], clip444, false),
    lavfi('640x360', 25, 4, ['-pix_fmt', 'yuv420p'], short),
  ]);
});

afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

// --- helpers -------------------------------------------------------------------------------------------

// Media playlists are read by hls-parser in strict mode (an independent reader that also rejects what breaks
// the spec), not by the product's own parser.
HLS.setOptions({ strictMode: true });

function parseMedia(text: string) {
  const p = HLS.parse(text);
  if (p.isMasterPlaylist) throw new Error('expected a media playlist, got a master playlist');
  const media = p as HLS.types.MediaPlaylist;
  return {
    targetDuration: media.targetDuration,
    mediaSequence: media.mediaSequenceBase ?? 0,
    endList: media.endlist,
    segments: media.segments.map((s) => ({ uri: s.uri, durationSeconds: s.duration, discontinuity: s.discontinuity === true })),
  };
}

const readPlaylist = (path: string) => {
  const text = readFileSync(path, 'utf8');
  return { text, ...parseMedia(text) };
};

async function probeJson(args: string[]): Promise<Record<string, unknown[]>> {
  const r = await execa('ffprobe', ['-v', 'error', '-of', 'json', ...args]);
  return JSON.parse(r.stdout) as Record<string, unknown[]>;
}

// Frames ffprobe decodes through the playlist (all segments, in order).
async function decodedFrames(playlist: string): Promise<number> {
  const p = await probeJson(['-select_streams', 'v:0', '-count_frames', '-show_entries', 'stream=nb_read_frames', playlist]);
  return Number((p.streams?.[0] as { nb_read_frames: string }).nb_read_frames);
}

// The first video frame of a segment: is it a keyframe, and when is it.
async function firstVideoFrame(segment: string): Promise<{ key: boolean; pts: number }> {
  const p = await probeJson(['-select_streams', 'v:0', '-read_intervals', '%+#1', '-show_entries', 'frame=key_frame,pts_time', segment]);
  const f = p.frames?.[0] as { key_frame: number; pts_time: string };
  return { key: f.key_frame === 1, pts: Number(f.pts_time) };
}

type SegmentVideo = { profile: string; level: number; pix_fmt: string; width: number; height: number; color_space?: string };
async function videoStream(segment: string): Promise<SegmentVideo> {
  const p = await probeJson(['-select_streams', 'v:0', '-show_entries', 'stream=profile,level,pix_fmt,width,height,color_space', segment]);
  return p.streams?.[0] as SegmentVideo;
}

// Checks the segments of one media playlist: durations within ±10 % of the target (but the last), a keyframe first.
async function checkSegments(dir: string, playlist: ReturnType<typeof readPlaylist>, target: number): Promise<number[]> {
  const durations = playlist.segments.map((s) => s.durationSeconds);
  for (const d of durations.slice(0, -1)) expect(Math.abs(d - target) / target).toBeLessThanOrEqual(0.1);
  for (const d of durations) expect(Math.round(d)).toBeLessThanOrEqual(playlist.targetDuration!);
  const starts: number[] = [];
  for (const s of playlist.segments) {
    const first = await firstVideoFrame(join(dir, s.uri));
    expect(first.key, `${s.uri} starts with a keyframe`).toBe(true);
    starts.push(first.pts);
  }
  return starts;
}

function noLeftovers(dir: string): void {
  const hidden = readdirSync(dir, { recursive: true }).map(String).filter((f) => /(^|\/)\.|\.working$|\.tmp$/.test(f));
  expect(hidden).toEqual([]);
}

const startCli = (args: string[]) => startJsonCli(['hls', ...args]);

async function openBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  return browser;
}

// Opens the preview page; resolves hls.js's view once the video has played past `seconds`.
async function playInBrowser(page: string, seconds: number, ms = 45_000): Promise<{ currentTime: number; status: Record<string, unknown> }> {
  const context = await (await openBrowser()).newContext();
  try {
    const tab = await context.newPage();
    const requests: string[] = [];
    tab.on('request', (r) => requests.push(r.url()));
    await tab.goto(page);
    await tab.waitForFunction((s) => (document.querySelector('video') as HTMLVideoElement).currentTime > s, seconds, { timeout: ms, polling: 200 });
    const currentTime = await tab.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
    const status = await tab.evaluate(() => (window as unknown as { lydlrPreview: Record<string, unknown> }).lydlrPreview);
    // Everything came from our server (hls.js too, no CDN); blob: is hls.js's own worker.
    expect(requests.filter((u) => /^https?:/.test(u) && !u.startsWith(new URL(page).origin))).toEqual([]);
    return { currentTime, status };
  } finally {
    await context.close();
  }
}

// --- VOD -----------------------------------------------------------------------------------------------

describe('hls VOD', () => {
  it('packages a file: a standard VOD playlist, 2 s segments starting with keyframes, full playback', async () => {
    const out = join(tmp.dir, "out dir, 'quoted' = yes!");
    const r = await cli(['--json', 'hls', clip, '--output-dir', out, '--segment-duration', '2']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ ok: true, command: 'hls', mode: 'vod', segments: 3, playlist: join(out, 'playlist.m3u8') });
    expect(r.json.some((e) => e.type === 'progress' && typeof e.percent === 'number')).toBe(true);
    expect(r.json.filter((e) => e.type === 'segment')).toHaveLength(3);

    const playlist = readPlaylist(join(out, 'playlist.m3u8'));
    expect(playlist.text).toMatch(/^#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n/);
    expect(playlist.text.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
    expect(playlist.segments).toHaveLength(3);
    await checkSegments(out, playlist, 2);

    // ffmpeg plays the whole duration; the video is what every player decodes.
    expect(await decodedFrames(join(out, 'playlist.m3u8'))).toBe(180);
    const probe = await probeJson(['-show_entries', 'format=duration', join(out, 'playlist.m3u8')]);
    expect(Number((probe.format as unknown as { duration: string }).duration)).toBeCloseTo(6, 0);
    const video = await videoStream(join(out, playlist.segments[0]!.uri));
    expect(video).toMatchObject({ profile: 'High', pix_fmt: 'yuv420p', width: 1280, height: 720 });
    const streams = await probeJson(['-show_entries', 'stream=codec_name', join(out, playlist.segments[0]!.uri)]);
    expect((streams.streams as { codec_name: string }[]).map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    noLeftovers(out);
  });

  it('fractional segment durations (1.5 s) stay within ±10 % with a keyframe first', async () => {
    const out = join(tmp.dir, 'frac');
    const r = await cli(['hls', clip, '-o', out, '-t', '1.5', '--no-audio', '--preset', 'ultrafast']);
    expect(r.exitCode, r.stderr).toBe(0);
    const playlist = readPlaylist(join(out, 'playlist.m3u8'));
    expect(playlist.segments).toHaveLength(4);
    expect(playlist.targetDuration).toBe(2);
    await checkSegments(out, playlist, 1.5);
    expect(await decodedFrames(join(out, 'playlist.m3u8'))).toBe(180);
  });

  it('ABR ladder: one decode, renditions aligned, a master playlist with real CODECS; too-large renditions skipped', async () => {
    const out = join(tmp.dir, 'abr');
    const r = await cli(['--json', 'hls', clip, '-o', out, '--ladder', '1080p,720p,360p@600']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ ok: true, master: join(out, 'master.m3u8'), skipped: [{ text: '1080p' }] });
    expect(existsSync(join(out, '1080p'))).toBe(false);

    const master = readFileSync(join(out, 'master.m3u8'), 'utf8');
    const variants = [...master.matchAll(/#EXT-X-STREAM-INF:(.*)\n(.*)\n/g)].map((m) => ({ attrs: m[1]!, uri: m[2]! }));
    expect(variants.map((v) => v.uri)).toEqual(['720p/playlist.m3u8', '360p/playlist.m3u8']);

    const starts: number[][] = [];
    for (const [i, v] of variants.entries()) {
      const attrs = Object.fromEntries([...v.attrs.matchAll(/([A-Z-]+)=("[^"]*"|[^,]*)/g)].map((m) => [m[1], m[2]!.replace(/"/g, '')]));
      const dir = join(out, v.uri.split('/')[0]!);
      const playlist = readPlaylist(join(out, v.uri));
      // CODECS say what the segments hold: profile and level from ffprobe.
      const video = await videoStream(join(dir, playlist.segments[0]!.uri));
      expect(video.profile).toBe('High');
      expect(video.pix_fmt).toBe('yuv420p');
      // The 720p input's BT.709, kept through the scale to 360p (not converted to BT.601: pipeline/colorimetry.ts).
      expect(video.color_space).toBe('bt709');
      expect(attrs.CODECS).toBe(`avc1.6400${video.level.toString(16).padStart(2, '0')},mp4a.40.2`);
      expect(attrs.RESOLUTION).toBe(`${video.width}x${video.height}`);
      expect(attrs.RESOLUTION).toBe(i === 0 ? '1280x720' : '640x360');
      expect(attrs['FRAME-RATE']).toBe('30.000');
      // BANDWIDTH is the peak, AVERAGE-BANDWIDTH the mean of what is on disk.
      const bytes = playlist.segments.reduce((sum, s) => sum + statSync(join(dir, s.uri)).size, 0);
      const seconds = playlist.segments.reduce((sum, s) => sum + s.durationSeconds, 0);
      expect(Number(attrs['AVERAGE-BANDWIDTH'])).toBeCloseTo((bytes * 8) / seconds, -3);
      expect(Number(attrs.BANDWIDTH)).toBeGreaterThanOrEqual(Number(attrs['AVERAGE-BANDWIDTH']));
      expect(playlist.text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      starts.push(await checkSegments(dir, playlist, 2));
      expect(await decodedFrames(join(out, v.uri))).toBe(180);
    }
    // Aligned: the same segment boundaries at the same times in every rendition.
    expect(starts[0]).toEqual(starts[1]);
    expect(readPlaylist(join(out, variants[0]!.uri)).segments.map((s) => s.durationSeconds)).toEqual(readPlaylist(join(out, variants[1]!.uri)).segments.map((s) => s.durationSeconds));
    noLeftovers(out);
  });

  it('a 4:4:4 source still gives 4:2:0 High profile segments, and CODECS says so', async () => {
    const out = join(tmp.dir, 'from444');
    const r = await cli(['--json', 'hls', clip444, '-o', out, '--ladder', '360p']);
    expect(r.exitCode, r.stderr).toBe(0);
    const video = await videoStream(join(out, '360p', 'seg00000.ts'));
    expect(video).toMatchObject({ profile: 'High', pix_fmt: 'yuv420p' });
    const master = readFileSync(join(out, 'master.m3u8'), 'utf8');
    expect(master).toContain('CODECS="avc1.6400');
    expect(master).not.toContain('avc1.f4');
    expect(master).not.toContain('mp4a');
  });

  it('Ctrl-C on a VOD exits 130 and leaves no playlist that looks complete', async () => {
    const out = join(tmp.dir, 'interrupted');
    const run = startCli(['test', '-o', out, '--no-live', '--duration', '120', '--preset', 'slow']);
    await run.waitFor((e) => e.type === 'segment', 60_000, 'a first segment');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.events.at(-1)).toMatchObject({ type: 'result', ok: false, exitCode: 130 });
    expect(readdirSync(out).filter((f) => f.includes('.m3u8'))).toEqual([]);
    expect(readdirSync(out).some((f) => f.endsWith('.ts'))).toBe(true);
  });
  // GStreamer 1.22's hlssink2 pipelines now and then lose their final EOS: the sinks are done (#EXT-X-ENDLIST)
  // but gst-launch-1.0 never exits, even on SIGINT. A fake gst-launch-1.0 that does exactly that.
  it('a gst-launch-1.0 that hangs after its sinks finished is stopped, and the VOD is still written', async () => {
    const bin = join(tmp.dir, 'fake-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'gst-launch-1.0'), [
      '#!/bin/bash',
      "trap '' INT TERM",
      'for a in "$@"; do case "$a" in playlist-location=*) pl="${a#playlist-location=}";; esac; done',
      'head -c 1000 /dev/zero > "$(dirname "$pl")/seg00000.ts"',
      String.raw`printf '#EXTM3U
#EXT-X-VERSION:3
#EXT-X-MEDIA-SEQUENCE:0
#EXT-X-TARGETDURATION:2

#EXTINF:2,
seg00000.ts
#EXT-X-ENDLIST' > "$pl"`,
      'while true; do sleep 1; done',
    ].join('\n'));
    chmodSync(join(bin, 'gst-launch-1.0'), 0o755);
    const out = join(tmp.dir, 'stalled');
    // The fake never exits by itself, so a CLI that does not stop it would be killed by this bound (exit ≠ 0).
    const r = await cli(['--json', 'hls', 'test', '--no-live', '--duration', '2', '-o', out], { env: { PATH: `${bin}:${process.env.PATH}` }, timeout: 60_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ ok: true, mode: 'vod', segments: 1, stoppedBy: 'end' });
    expect(readPlaylist(join(out, 'playlist.m3u8'))).toMatchObject({ endList: true, segments: [{ uri: 'seg00000.ts', durationSeconds: 2 }] });
  });
});

// --- refusals --------------------------------------------------------------------------------------------

describe('hls refusals (exit 2, nothing written)', () => {
  it.each([
    [['--segment-duration', '0'], /--segment-duration/],
    [['--segment-duration', '-1'], /--segment-duration/],
    [['--ladder', '720p,banana'], /"banana"/],
    [['--codec', 'vp8'], /cannot go into HLS/],
    [['--codec', 'vp9'], /--codec vp9 needs --format fmp4/],
    [['--max-files', '2', '--playlist-length', '5', '--live'], /--max-files 2/],
  ])('%j', async (args, message) => {
    const out = join(tmp.dir, `refused-${Math.random().toString(36).slice(2)}`);
    const r = await cli(['hls', clip, '-o', out, ...args]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('the output dir is a file', async () => {
    const file = join(tmp.dir, 'a-file');
    writeFileSync(file, 'x');
    const r = await cli(['--json', 'hls', clip, '-o', file]);
    expect(r.exitCode).toBe(2);
    expect(r.result).toMatchObject({ ok: false, exitCode: 2, error: { message: expect.stringMatching(/is a file/) } });
  });

  it('the output dir is not empty without --overwrite; with it, the old output is replaced', async () => {
    const out = join(tmp.dir, 'full');
    mkdirSync(out);
    writeFileSync(join(out, 'playlist.m3u8'), 'old');
    writeFileSync(join(out, 'seg00099.ts'), 'old');
    const refused = await cli(['hls', short, '-o', out]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/not empty.*--overwrite/s);
    const r = await cli(['hls', short, '-o', out, '--overwrite', '--preset', 'ultrafast']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['playlist.m3u8', 'seg00000.ts', 'seg00001.ts']);
  });

  it('a missing input', async () => {
    const r = await cli(['hls', join(tmp.dir, 'nope.mp4'), '-o', join(tmp.dir, 'x')]);
    expect(r.exitCode).toBe(2);
  });
});

// --- live ------------------------------------------------------------------------------------------------

describe('hls live', () => {
  it('serves a live test source: hls.js plays it in Chromium; SIGINT ends it with ENDLIST and only the window left', async () => {
    const out = join(tmp.dir, 'live');
    const run = startCli(['test', '-o', out, '--serve', '0', '--playlist-length', '3', '--max-files', '3']);
    try {
      const ready = await run.waitFor((e) => e.type === 'ready', 30_000, 'ready');
      expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/playlist\.m3u8$/);
      expect(ready.page).toBe(String(ready.url).replace('playlist.m3u8', ''));
      // The playlist is there and playable the moment "ready" is printed.
      const playlistResponse = await fetch(String(ready.url));
      expect(playlistResponse.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
      expect(playlistResponse.headers.get('cache-control')).toMatch(/no-cache/);
      expect(playlistResponse.headers.get('access-control-allow-origin')).toBe('*');
      const first = parseMedia(await playlistResponse.text());
      expect(first.segments.length).toBeGreaterThan(0);
      expect(first.endList).toBe(false);
      const segment = await fetch(new URL(first.segments[0]!.uri, String(ready.url)));
      expect(segment.headers.get('content-type')).toBe('video/mp2t');

      const played = await playInBrowser(String(ready.page), 3);
      expect(played.currentTime).toBeGreaterThan(3);
      expect(played.status.errors).toEqual([]);
      expect(String(played.status.player)).toMatch(/^hls\.js/);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited, run.stderr()).toBe(0);
    expect(run.events.at(-1)).toMatchObject({ type: 'result', ok: true, mode: 'live', stoppedBy: 'signal' });

    const playlist = readPlaylist(join(out, 'playlist.m3u8'));
    expect(playlist.endList).toBe(true);
    expect(playlist.segments.length).toBeLessThanOrEqual(3);
    expect(playlist.mediaSequence).toBeGreaterThan(0);
    const onDisk = readdirSync(out).filter((f) => f.endsWith('.ts')).sort();
    expect(onDisk).toEqual(playlist.segments.map((s) => s.uri).sort());
    await checkSegments(out, playlist, 2);
    noLeftovers(out);
  });

  it('a live ladder: master playlist first, every rendition playable, hls.js sees both levels', async () => {
    const out = join(tmp.dir, 'live-abr');
    const run = startCli(['test:ball', '-o', out, '--serve', '0', '--ladder', '720p@1500,360p@500']);
    try {
      const ready = await run.waitFor((e) => e.type === 'ready', 30_000, 'ready');
      expect(ready.url).toMatch(/\/master\.m3u8$/);
      const master = await (await fetch(String(ready.url))).text();
      expect(master.match(/#EXT-X-STREAM-INF:BANDWIDTH=\d+,AVERAGE-BANDWIDTH=\d+,RESOLUTION=\d+x\d+,FRAME-RATE=30\.000,CODECS="avc1\.6400[0-9a-f]{2},mp4a\.40\.2"/g)).toHaveLength(2);
      for (const rendition of ['720p', '360p']) {
        const media = await fetch(new URL(`${rendition}/playlist.m3u8`, String(ready.url)));
        expect(media.status).toBe(200);
      }
      const played = await playInBrowser(String(ready.page), 3);
      expect((played.status.levels as unknown[]).length).toBe(2);
      expect(played.status.errors).toEqual([]);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited, run.stderr()).toBe(0);
    for (const rendition of ['720p', '360p']) expect(readPlaylist(join(out, rendition, 'playlist.m3u8')).endList).toBe(true);
  });

  it('a file looped live: discontinuities between runs, stopped by --duration, ffmpeg plays the window', async () => {
    const out = join(tmp.dir, 'loop');
    const r = await cli(['--json', 'hls', short, '-o', out, '--loop', '--duration', '10', '--playlist-length', '6']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ ok: true, mode: 'live', stoppedBy: 'duration' });
    const playlist = readPlaylist(join(out, 'playlist.m3u8'));
    expect(playlist.endList).toBe(true);
    expect(playlist.segments.some((s) => s.discontinuity)).toBe(true);
    expect(playlist.text).not.toContain('PLAYLIST-TYPE');
    await checkSegments(out, playlist, 2);
    const played = await execa('ffmpeg', ['-v', 'error', '-i', join(out, 'playlist.m3u8'), '-f', 'null', '-'], { reject: false });
    expect(played.exitCode, played.stderr).toBe(0);
  });
});

// --- library -----------------------------------------------------------------------------------------------

describe('HLSPipeline (library, built)', () => {
  it('packages a VOD, then runs a live stream until stop()', async () => {
    const { HLSPipeline } = await import('../../dist/index.js');
    const vodDir = join(tmp.dir, 'lib-vod');
    const vod = new HLSPipeline({ inputSource: short, outputDir: vodDir, segmentDuration: 2, preset: 'ultrafast' });
    // The description start() then runs: a keyframe every 2 s of the 25 fps input, video and audio into one
    // hlssink2 that writes the segments in the output folder.
    const description = (await vod.createPipeline()).build();
    expect(description).toMatch(/ x264enc [^!]*key-int-max=50 /);
    expect(description).toMatch(/ ! hls0\.video .* ! hls0\.audio /);
    expect(description).toContain(` hlssink2 name=hls0 location=${join(vodDir, 'seg%05d.ts')} `);
    const events: CliEvent[] = [];
    vod.on((e: CliEvent) => events.push(e));
    const result = await vod.start();
    expect(result).toMatchObject({ mode: 'vod', segments: 2, stoppedBy: 'end' });
    expect(vod.getStats()).toMatchObject({ state: 'finished', segments: 2, errors: 0 });
    expect(vod.getStats().bytes).toBeGreaterThan(10_000);
    expect(events.filter((e) => e.type === 'segment')).toHaveLength(2);
    expect(readPlaylist(join(tmp.dir, 'lib-vod', 'playlist.m3u8')).endList).toBe(true);

    const live = new HLSPipeline({ inputSource: 'test', outputDir: join(tmp.dir, 'lib-live'), playlistLength: 3 });
    const done = live.start();
    await waitUntil('2 segments from the live HLSPipeline', () => live.getStats().segments >= 2, { timeoutMs: 30_000 });
    expect(live.getStats().state).toBe('running');
    await live.stop();
    expect(live.getStats().state).toBe('stopped');
    expect(await done).toMatchObject({ mode: 'live', stoppedBy: 'signal' });
    expect(readPlaylist(join(tmp.dir, 'lib-live', 'playlist.m3u8')).endList).toBe(true);
  });

  it('refuses bad options at construction (exit 2)', async () => {
    const { HLSPipeline } = await import('../../dist/index.js');
    expect(() => new HLSPipeline({ inputSource: short, outputDir: join(tmp.dir, 'x'), segmentDuration: 0 })).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});
