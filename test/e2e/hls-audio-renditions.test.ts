// `hls --audio-track all` of a file with three audio tracks: one audio-only rendition per track in an
// #EXT-X-MEDIA group, video renditions without audio. The built CLI against real GStreamer; playlists read by
// hls-parser (strict), media by ffprobe/ffmpeg (which read a media playlist directly), each track told apart
// by its tone; and hls.js in Debian's Chromium lists the tracks and plays the one chosen.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { execa } from 'execa';
import HLS from 'hls-parser';
import { cli, tempDir } from '../helpers/cli.js';
import { ffprobe, toneOf } from '../helpers/media.js';
import { startJsonCli } from '../helpers/ndjson-process.js';

HLS.setOptions({ strictMode: true });
const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'];
const SECONDS = 6;

const TRACKS = [
  { tone: 440, tag: 'eng', language: 'en', name: 'English', channels: '1' },
  { tone: 1500, tag: 'fre', language: 'fr', name: 'French', channels: '1' },
  { tone: 3000, tag: 'ger', language: 'de', name: 'German', channels: '2' },
];

let tmp: ReturnType<typeof tempDir>;
let movie: string; // 320x240, 30 fps, SECONDS long; three AAC tracks (the third stereo), tagged eng/fre/ger
let single: string; // the same with one audio track
let browser: Browser | undefined;

beforeAll(async () => {
  tmp = tempDir('lydlr-hls-audio-');
  movie = join(tmp.dir, 'three languages.mkv');
  single = join(tmp.dir, 'one track.mkv');
  await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'mandelbrot=size=320x240:rate=30', ...TRACKS.flatMap((t) => ['-f', 'lavfi', '-i', `sine=f=${t.tone}`]), '-t', String(SECONDS),
    '-map', '0', '-map', '1', '-map', '2', '-map', '3', '-ac:a:2', '2', ...TRACKS.flatMap((t, i) => [`-metadata:s:a:${i}`, `language=${t.tag}`]),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', movie]);
  await execa('ffmpeg', ['-v', 'error', '-y', '-i', movie, '-map', '0:v', '-map', '0:a:1', '-c', 'copy', single]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  tmp?.cleanup();
});

const near = (hz: number) => expect.closeTo(hz, -2.5); // within about ±150 Hz: the tones are far apart

function readMaster(path: string): HLS.types.MasterPlaylist {
  const p = HLS.parse(readFileSync(path, 'utf8'));
  if (!p.isMasterPlaylist) throw new Error(`${path} is not a master playlist`);
  return p as HLS.types.MasterPlaylist;
}

function readMedia(path: string): HLS.types.MediaPlaylist {
  const p = HLS.parse(readFileSync(path, 'utf8'));
  if (p.isMasterPlaylist) throw new Error(`${path} is a master playlist`);
  return p as HLS.types.MediaPlaylist;
}

const streamTypes = async (path: string) => (await ffprobe(path)).streams.map((s) => `${s.codec_type}:${s.codec_name}`);

// One TS segment read as MPEG-TS, which is what a player takes a segment of a TS playlist for: an audio
// rendition's last segment can be a few packets long (the audio outlasting the video by 50 ms), too little
// for ffprobe's own guess of the format (it takes 9 packets for MPEG-PS).
async function segmentTypes(path: string): Promise<string[]> {
  const r = await execa('ffprobe', ['-v', 'error', '-f', 'mpegts', '-show_entries', 'stream=codec_type,codec_name', '-of', 'json', path]);
  return (JSON.parse(r.stdout) as { streams: { codec_type: string; codec_name: string }[] }).streams.map((s) => `${s.codec_type}:${s.codec_name}`);
}

// Average bit/s of a media playlist, from its segment files and EXTINF durations (RFC 8216 §4.3.4.2).
function averageBitrate(dir: string, playlist: HLS.types.MediaPlaylist): number {
  const bits = playlist.segments.reduce((sum, s) => sum + readFileSync(join(dir, s.uri)).length * 8, 0);
  return bits / playlist.segments.reduce((sum, s) => sum + s.duration, 0);
}

// The audio group every variant names: three renditions in track order, each with its language, one default.
function expectAudioGroup(master: HLS.types.MasterPlaylist): void {
  for (const variant of master.variants) {
    expect(variant.audio.map((a) => ({ group: a.groupId, name: a.name, language: a.language, channels: a.channels, uri: a.uri, autoselect: a.autoselect }))).toEqual(
      TRACKS.map((t, i) => ({ group: 'aud', name: t.name, language: t.language, channels: t.channels, uri: `audio_${i + 1}/playlist.m3u8`, autoselect: true })),
    );
    expect(variant.audio.map((a) => a.isDefault)).toEqual([true, false, false]);
    expect(variant.codecs!.split(',')).toEqual([expect.stringMatching(/^avc1\./), 'mp4a.40.2']);
  }
}

// Each audio rendition plays its own track (ffmpeg reads the media playlist) and holds audio only.
async function expectAudioRenditions(out: string): Promise<void> {
  for (const [i, t] of TRACKS.entries()) {
    const playlist = join(out, `audio_${i + 1}`, 'playlist.m3u8');
    expect(readMedia(playlist).endlist).toBe(true);
    expect(await streamTypes(playlist)).toEqual(['audio:aac']);
    expect(await toneOf(playlist, 0), `audio_${i + 1}`).toEqual(near(t.tone));
  }
}

describe('hls --audio-track all (MPEG-TS, VOD)', () => {
  it('writes a master with one EXT-X-MEDIA audio group (languages, one DEFAULT), a video-only variant that names it, and an audio-only rendition per track', async () => {
    const out = join(tmp.dir, 'vod');
    const r = await cli(['--json', 'hls', movie, '-o', out, '--audio-track', 'all']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.filter((e) => e.type === 'warning' && String(e.message).includes('audio track'))).toEqual([]);
    expect(r.result?.playlist).toBe(join(out, 'master.m3u8'));
    expect(r.result?.audioRenditions).toEqual(TRACKS.map((t, i) => expect.objectContaining({
      name: `audio_${i + 1}`, title: t.name, language: t.language, track: i + 1, default: i === 0, channels: Number(t.channels), codecs: 'mp4a.40.2', segments: expect.any(Number),
    })));

    const master = readMaster(join(out, 'master.m3u8'));
    expect(master.variants.map((v) => v.uri)).toEqual(['playlist.m3u8']);
    expectAudioGroup(master);

    // The video playlist is a complete VOD with no audio in it; every segment of every rendition reads.
    const video = readMedia(join(out, 'playlist.m3u8'));
    expect(video).toMatchObject({ playlistType: 'VOD', endlist: true });
    expect(await streamTypes(join(out, 'playlist.m3u8'))).toEqual(['video:h264']);
    for (const s of video.segments) expect(await segmentTypes(join(out, s.uri))).toEqual(['video:h264']);
    for (const [i] of TRACKS.entries()) {
      const dir = join(out, `audio_${i + 1}`);
      const audio = readMedia(join(dir, 'playlist.m3u8'));
      expect(audio).toMatchObject({ playlistType: 'VOD', endlist: true });
      expect(audio.segments.reduce((sum, s) => sum + s.duration, 0)).toBeCloseTo(SECONDS, 0);
      for (const s of audio.segments) expect(await segmentTypes(join(dir, s.uri)), s.uri).toEqual(['audio:aac']);
    }
    await expectAudioRenditions(out);

    // AVERAGE-BANDWIDTH: the video's own rate plus the costliest audio rendition's, measured from the files.
    const audioRates = TRACKS.map((_, i) => averageBitrate(join(out, `audio_${i + 1}`), readMedia(join(out, `audio_${i + 1}`, 'playlist.m3u8'))));
    const expected = averageBitrate(out, video) + Math.max(...audioRates);
    expect(master.variants[0]!.averageBandwidth! / expected).toBeCloseTo(1, 2);
    expect(master.variants[0]!.bandwidth).toBeGreaterThanOrEqual(master.variants[0]!.averageBandwidth!);
  });

  it('a one-track input, and --audio-track N, stay one playlist with the audio muxed in (no master)', async () => {
    const one = join(tmp.dir, 'single');
    const r = await cli(['hls', single, '-o', one, '--audio-track', 'all']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(one).filter((n) => !n.endsWith('.ts')).sort()).toEqual(['playlist.m3u8']);
    expect(await streamTypes(join(one, 'playlist.m3u8'))).toEqual(['video:h264', 'audio:aac']);
    expect(await toneOf(join(one, 'playlist.m3u8'), 0)).toEqual(near(1500));

    const second = join(tmp.dir, 'second');
    const n = await cli(['hls', movie, '-o', second, '--audio-track', '2']);
    expect(n.exitCode, n.stderr).toBe(0);
    expect(existsSync(join(second, 'master.m3u8'))).toBe(false);
    expect(await streamTypes(join(second, 'playlist.m3u8'))).toEqual(['video:h264', 'audio:aac']);
    expect(await toneOf(join(second, 'playlist.m3u8'), 0)).toEqual(near(1500));
  });

  it('refuses --playlist-name master.m3u8 (the master takes that name) before anything runs (exit 2)', async () => {
    const out = join(tmp.dir, 'clash');
    const r = await cli(['--json', 'hls', movie, '-o', out, '--audio-track', 'all', '--playlist-name', 'master.m3u8']);
    expect(r.exitCode).toBe(2);
    expect(r.result?.error).toMatchObject({ message: expect.stringContaining('--playlist-name master.m3u8'), fix: expect.stringContaining('--playlist-name') });
    expect(existsSync(out)).toBe(false);
  });
});

describe('hls --audio-track all, live and with a ladder', () => {
  it('--live --ladder 240p,144p: both variants name the group; audio renditions (hlssink2) beside hlssink video renditions; #EXT-X-ENDLIST at the end', async () => {
    const out = join(tmp.dir, 'live ladder');
    const r = await cli(['--json', 'hls', movie, '-o', out, '--audio-track', 'all', '--live', '--ladder', '240p,144p']);
    expect(r.exitCode, r.stderr).toBe(0);
    const master = readMaster(join(out, 'master.m3u8'));
    expect(master.variants.map((v) => v.uri)).toEqual(['240p/playlist.m3u8', '144p/playlist.m3u8']);
    expectAudioGroup(master);
    for (const v of master.variants) {
      const video = readMedia(join(out, v.uri));
      expect(video.playlistType).toBeUndefined();
      expect(video.endlist).toBe(true);
      expect(await streamTypes(join(out, v.uri))).toEqual(['video:h264']);
    }
    await expectAudioRenditions(out);
  });
});

describe('hls --audio-track all --format fmp4', () => {
  it('VOD: audio renditions of init.mp4 + .m4s in a VERSION 7 master; each plays its own track', async () => {
    const out = join(tmp.dir, 'fmp4');
    const r = await cli(['hls', movie, '-o', out, '--audio-track', 'all', '--format', 'fmp4']);
    expect(r.exitCode, r.stderr).toBe(0);
    const master = readMaster(join(out, 'master.m3u8'));
    expect(master.version).toBe(7);
    expectAudioGroup(master);
    expect(await streamTypes(join(out, 'playlist.m3u8'))).toEqual(['video:h264']);
    for (const [i] of TRACKS.entries()) {
      const audio = readMedia(join(out, `audio_${i + 1}`, 'playlist.m3u8'));
      expect(audio.segments[0]!.map?.uri).toBe('init.mp4');
      expect(audio.segments.every((s) => s.uri.endsWith('.m4s'))).toBe(true);
    }
    await expectAudioRenditions(out);
  });

  it('LL-HLS (--live --low-latency): audio parts within PART-TARGET, every one INDEPENDENT, segments cut near the segment duration', async () => {
    const out = join(tmp.dir, 'fmp4 ll');
    const r = await cli(['hls', movie, '-o', out, '--audio-track', 'all', '--format', 'fmp4', '--live', '--low-latency']);
    expect(r.exitCode, r.stderr).toBe(0);
    expectAudioGroup(readMaster(join(out, 'master.m3u8')));
    for (const [i] of TRACKS.entries()) {
      const audio = readMedia(join(out, `audio_${i + 1}`, 'playlist.m3u8'));
      const parts = audio.segments.flatMap((s) => s.parts);
      expect(parts.length).toBeGreaterThan(4);
      for (const part of parts) {
        expect(part.independent).toBe(true);
        expect(part.duration).toBeLessThanOrEqual(audio.partTargetDuration!);
      }
      // Whole segments of about 2 s (the last one may hold only what is left).
      for (const s of audio.segments.slice(0, -1)) expect(s.duration).toBeGreaterThan(1.7);
    }
    await expectAudioRenditions(out);
  });
});

// The strongest tone the page plays now, in Hz: the video element (unmuted) through a Web Audio analyser.
async function toneInPage(tab: Page): Promise<number> {
  return tab.evaluate(async () => {
    const w = window as unknown as { analyser?: AnalyserNode; audioContext?: AudioContext };
    if (!w.analyser) {
      const video = document.querySelector('video') as HTMLVideoElement;
      video.muted = false; // the page starts muted (autoplay); a muted element feeds the graph silence
      const context = new AudioContext();
      const analyser = context.createAnalyser();
      analyser.fftSize = 8192;
      context.createMediaElementSource(video).connect(analyser);
      analyser.connect(context.destination);
      await context.resume();
      Object.assign(w, { analyser, audioContext: context });
    }
    await new Promise((r) => setTimeout(r, 300));
    const bins = new Float32Array(w.analyser!.frequencyBinCount);
    w.analyser!.getFloatFrequencyData(bins);
    let best = 1;
    for (let i = 1; i < bins.length; i++) if (bins[i]! > bins[best]!) best = i;
    return (best * w.audioContext!.sampleRate) / w.analyser!.fftSize;
  });
}

describe('hls --audio-track all in a player', () => {
  it('hls.js lists the three tracks with their names and languages, plays the default, and switches to the German one (3000 Hz)', async () => {
    const out = join(tmp.dir, 'served');
    const run = startJsonCli(['hls', movie, '-o', out, '--audio-track', 'all', '--serve', '0']);
    try {
      const ready = await run.waitFor((e) => e.type === 'ready', 60_000, 'ready');
      expect(String(ready.url)).toMatch(/\/master\.m3u8$/);
      browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: BROWSER_ARGS });
      const tab = await (await browser.newContext()).newPage();
      const requests: string[] = [];
      tab.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await tab.goto(String(ready.page));
      await tab.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime > 0.3, null, { timeout: 30_000, polling: 100 });
      const tracks = await tab.evaluate(() => (window as unknown as { hls: { audioTracks: { name: string; lang?: string; default: boolean }[] } }).hls.audioTracks.map((t) => [t.name, t.lang, t.default]));
      expect(tracks).toEqual(TRACKS.map((t, i) => [t.name, t.language, i === 0]));
      expect(await toneInPage(tab)).toEqual(near(440));

      await tab.evaluate(() => ((window as unknown as { hls: { audioTrack: number } }).hls.audioTrack = 2));
      // The switch flushes the buffered English audio and loads audio_3 from the playing position.
      let heard = 0;
      for (let i = 0; i < 12 && Math.abs(heard - 3000) > 150; i++) heard = await toneInPage(tab);
      expect(heard).toEqual(near(3000));
      expect(requests).toContain('/audio_3/playlist.m3u8');
      expect(await tab.evaluate(() => (window as unknown as { lydlrPreview: { errors: unknown[] } }).lydlrPreview.errors)).toEqual([]);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited, run.stderr()).toBe(0);
  });
});
