// `hls --format fmp4` and `--low-latency` end to end: the built CLI against real GStreamer. Playlists are read
// by hls-parser (strict), segments and parts by ffprobe (each joined to its init segment, as a player does),
// and hls.js in Debian's Chromium plays VOD and LL-HLS live output from the built-in server.
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { execa } from 'execa';
import HLS from 'hls-parser';
import { cli, tempDir } from '../helpers/cli.js';
import { startJsonCli } from '../helpers/ndjson-process.js';
import { waitUntil } from '../helpers/wait.js';

const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'];
HLS.setOptions({ strictMode: true });

let tmp: ReturnType<typeof tempDir>;
let clip: string; // 640x360, 30 fps, 6 s of moving detail + a tone; a name that needs quoting
let browser: Browser | undefined;

beforeAll(async () => {
  tmp = tempDir('lydlr-fmp4-');
  clip = join(tmp.dir, "clip, 'é'! = 1.mp4");
  await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'mandelbrot=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', '6', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', clip]);
});

afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

function parseMedia(text: string): HLS.types.MediaPlaylist {
  let p: ReturnType<typeof HLS.parse>;
  try {
    p = HLS.parse(text);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${text}`);
  }
  if (p.isMasterPlaylist) throw new Error('expected a media playlist');
  return p as HLS.types.MediaPlaylist;
}

// The parts a segment lists (not the preload hint, which names a part still to come).
const listedParts = (s: HLS.types.Segment) => s.parts.filter((part) => !part.hint);

async function probe(args: string[]): Promise<Record<string, Record<string, unknown>[]>> {
  return JSON.parse((await execa('ffprobe', ['-v', 'error', '-of', 'json', ...args])).stdout) as Record<string, Record<string, unknown>[]>;
}

// A segment or part as a player sees it: the init segment followed by the media.
function withInit(dir: string, init: string, media: string): string {
  const joined = join(dir, `.probe-${media}.mp4`);
  writeFileSync(joined, Buffer.concat([readFileSync(join(dir, init)), readFileSync(join(dir, media))]));
  return joined;
}

async function videoFrames(file: string): Promise<{ key: boolean; pts: number }[]> {
  const p = await probe(['-select_streams', 'v:0', '-show_entries', 'frame=key_frame,pts_time', file]);
  return (p.frames ?? []).map((f) => ({ key: f.key_frame === 1, pts: Number(f.pts_time) }));
}

// Whether the first video packet is a keyframe (a part that starts mid-GOP cannot be decoded on its own).
async function firstPacketIsKey(file: string): Promise<boolean> {
  const p = await probe(['-select_streams', 'v:0', '-show_entries', 'packet=flags', file]);
  return String(p.packets![0]!.flags).startsWith('K');
}

async function playInBrowser(page: string, seconds: number): Promise<{ currentTime: number; errors: unknown[]; latencySeconds: number | null }> {
  browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: BROWSER_ARGS });
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(page);
    await tab.waitForFunction((s) => (document.querySelector('video') as HTMLVideoElement).currentTime > s, seconds, { timeout: 60_000, polling: 200 });
    return await tab.evaluate(() => {
      const w = window as unknown as { lydlrPreview: { errors: unknown[] }; hls: { playingDate: Date | null } };
      const date = w.hls.playingDate;
      return { currentTime: (document.querySelector('video') as HTMLVideoElement).currentTime, errors: w.lydlrPreview.errors, latencySeconds: date ? (Date.now() - date.getTime()) / 1000 : null };
    });
  } finally {
    await context.close();
  }
}

describe('hls --format fmp4 (VOD)', () => {
  it('writes init.mp4 and .m4s segments that each start with a keyframe, in a VERSION 7 playlist with EXT-X-MAP; every frame decodes', async () => {
    const out = join(tmp.dir, 'vod h264');
    const r = await cli(['--json', 'hls', clip, '-o', out, '--format', 'fmp4', '--segment-duration', '2']);
    expect(r.exitCode, r.stderr).toBe(0);
    const text = readFileSync(join(out, 'playlist.m3u8'), 'utf8');
    const playlist = parseMedia(text);
    expect(playlist.version).toBe(7);
    expect(playlist.playlistType).toBe('VOD');
    expect(playlist.endlist).toBe(true);
    expect(playlist.segments.map((s) => s.uri)).toEqual(['seg00000.m4s', 'seg00001.m4s', 'seg00002.m4s']);
    expect(playlist.segments.every((s) => s.map?.uri === 'init.mp4')).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['init.mp4', 'playlist.m3u8', 'seg00000.m4s', 'seg00001.m4s', 'seg00002.m4s']);

    // Every segment read with the init segment: a keyframe first, and timestamps continue where the last ended
    // (from the first frame's presentation time, which B-frame reordering puts a little after 0).
    let expectedStart: number | undefined;
    for (const s of playlist.segments) {
      const frames = await videoFrames(withInit(out, 'init.mp4', s.uri));
      expect(frames[0]!.key, `${s.uri} starts with a keyframe`).toBe(true);
      expectedStart ??= frames[0]!.pts;
      expect(frames[0]!.pts).toBeCloseTo(expectedStart, 2);
      expect(frames.length / 30).toBeCloseTo(s.duration, 2);
      expectedStart += s.duration;
    }
    // The whole playlist: all 180 frames, H.264 in avc1 and AAC.
    const whole = await probe(['-count_frames', '-show_entries', 'stream=codec_name,codec_tag_string,nb_read_frames', join(out, 'playlist.m3u8')]);
    expect(whole.streams!.map((s) => s.codec_tag_string).sort()).toEqual(['avc1', 'mp4a']);
    expect(Number(whole.streams!.find((s) => s.codec_name === 'h264')!.nb_read_frames)).toBe(180);
  });

  it('tags H.265 hvc1 (the sample entry Apple players need) and a ladder master lists CODECS read from each init segment', async () => {
    const out = join(tmp.dir, 'vod-h265');
    const r = await cli(['--json', 'hls', clip, '-o', out, '--format', 'fmp4', '--codec', 'h265', '--ladder', '360p,240p', '--preset', 'ultrafast']);
    expect(r.exitCode, r.stderr).toBe(0);
    const master = HLS.parse(readFileSync(join(out, 'master.m3u8'), 'utf8')) as HLS.types.MasterPlaylist;
    expect(master.version).toBe(7);
    expect(master.variants.map((v) => v.uri)).toEqual(['360p/playlist.m3u8', '240p/playlist.m3u8']);
    for (const v of master.variants) {
      const dir = join(out, v.uri.split('/')[0]!);
      const stream = (await probe(['-select_streams', 'v:0', '-show_entries', 'stream=codec_tag_string,profile,level,height', join(dir, 'init.mp4')])).streams![0]!;
      expect(stream.codec_tag_string).toBe('hvc1');
      expect(stream.profile).toBe('Main');
      // hvc1.<profile>.<compatibility>.L<level>: what ffprobe reads from the hvcC, written out by hand here.
      expect(v.codecs).toMatch(new RegExp(`^hvc1\\.1\\.6\\.L${stream.level}(\\.[0-9A-F]+)*,mp4a\\.40\\.2$`));
      expect(v.resolution?.height).toBe(stream.height);
      const frames = await videoFrames(withInit(dir, 'init.mp4', 'seg00001.m4s'));
      expect(frames[0]!.key).toBe(true);
    }
  });

  it('hls.js in Chromium plays the fMP4 VOD from the built-in server', async () => {
    const out = join(tmp.dir, 'vod-play');
    const run = startJsonCli(['hls', clip, '-o', out, '--format', 'fmp4', '--serve', '0']);
    try {
      const ready = await run.waitFor((e) => e.type === 'ready', 60_000, 'ready');
      const played = await playInBrowser(String(ready.page), 4);
      expect(played.currentTime).toBeGreaterThan(4);
      expect(played.errors).toEqual([]);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited, run.stderr()).toBe(0);
  });

  it('refuses --low-latency without fmp4 or for a VOD, before anything runs (exit 2)', async () => {
    const ts = await cli(['hls', 'test', '-o', join(tmp.dir, 'no1'), '--low-latency']);
    expect(ts.exitCode).toBe(2);
    expect(ts.stderr).toMatch(/--low-latency needs --format fmp4/);
    const vod = await cli(['hls', clip, '-o', join(tmp.dir, 'no2'), '--format', 'fmp4', '--low-latency']);
    expect(vod.exitCode).toBe(2);
    expect(vod.stderr).toMatch(/--low-latency is for live output/);
    const tiny = await cli(['hls', 'test', '-o', join(tmp.dir, 'no3'), '--format', 'fmp4', '--low-latency', '--part-duration', '0.1']);
    expect(tiny.exitCode).toBe(2);
    expect(tiny.stderr).toMatch(/--part-duration.*0\.2 s or more/);
  });
});

describe('hls --format fmp4 --codec vp9 | av1', () => {
  // The configuration record's bytes, as the init segment holds them (searched by type, read by hand).
  const configOf = (init: Buffer, type: 'vpcC' | 'av1C'): Buffer => {
    const at = init.indexOf(type);
    expect(at, `init segment has a ${type} box`).toBeGreaterThan(0);
    return init.subarray(at + 4, at - 4 + init.readUInt32BE(at - 4));
  };
  const two = (n: number) => String(n).padStart(2, '0');

  it.each([
    ['vp9', 'vp09'],
    ['av1', 'av01'],
  ])('%s: a ladder whose master CODECS come from each init segment; every segment starts with a keyframe and decodes; hls.js plays it', async (codec, tag) => {
    const out = join(tmp.dir, `vod-${codec}`);
    const run = startJsonCli(['hls', clip, '-o', out, '--format', 'fmp4', '--codec', codec, '--ladder', '360p,240p', '--preset', 'ultrafast', '--serve', '0']);
    try {
      const ready = await run.waitFor((e) => e.type === 'ready', 110_000, 'ready');
      const master = HLS.parse(readFileSync(join(out, 'master.m3u8'), 'utf8')) as HLS.types.MasterPlaylist;
      expect(master.variants.map((v) => v.uri)).toEqual(['360p/playlist.m3u8', '240p/playlist.m3u8']);
      for (const v of master.variants) {
        const dir = join(out, v.uri.split('/')[0]!);
        const init = readFileSync(join(dir, 'init.mp4'));
        const stream = (await probe(['-select_streams', 'v:0', '-show_entries', 'stream=codec_tag_string,profile,level,width,height', join(dir, 'init.mp4')])).streams![0]!;
        expect(stream.codec_tag_string).toBe(tag);
        expect(stream.height).toBe(v.resolution!.height);
        const [video, audio] = v.codecs!.split(',');
        expect(audio).toBe('mp4a.40.2');
        if (codec === 'vp9') {
          // vpcC: version 1, flags, profile, level, bit depth | chroma | range, colour. The level is the VP9
          // level of the picture at 30 fps (2.1 for 640x360, 2.0 for 426x240), not mp4mux's constant 10.
          const vpcC = configOf(init, 'vpcC');
          expect(vpcC[5]).toBe(stream.height === 360 ? 21 : 20);
          expect(video).toMatch(new RegExp(`^vp09\\.${two(vpcC[4]!)}\\.${vpcC[5]}\\.${two(vpcC[6]! >> 4)}(\\.|$)`));
          // The profile as the bitstream says it (ffprobe needs a frame for VP9).
          const first = (await probe(['-select_streams', 'v:0', '-show_entries', 'stream=profile', withInit(dir, 'init.mp4', 'seg00000.m4s')])).streams![0]!;
          expect(first.profile).toBe(`Profile ${vpcC[4]}`);
        } else {
          // av1C: marker and version 0x81 (mp4mux 1.22 alone writes zeros), then profile and level, the
          // sequence header's. ffprobe reads the level from the stream itself.
          const av1C = configOf(init, 'av1C');
          expect(av1C[0]).toBe(0x81);
          expect(av1C[1]! & 0x1f).toBe(stream.level);
          expect(video).toMatch(new RegExp(`^av01\\.${av1C[1]! >> 5}\\.${two(Number(stream.level))}M\\.08(\\.|$)`));
        }
        const media = parseMedia(readFileSync(join(dir, 'playlist.m3u8'), 'utf8'));
        expect(media.segments.map((s) => s.uri)).toEqual(['seg00000.m4s', 'seg00001.m4s', 'seg00002.m4s']);
        for (const s of media.segments) {
          const joined = withInit(dir, 'init.mp4', s.uri);
          const frames = await videoFrames(joined);
          expect(frames[0]!.key, `${v.uri} ${s.uri} starts with a keyframe`).toBe(true);
          expect(frames.length).toBe(Math.round(s.duration * 30));
          expect((await execa('ffmpeg', ['-v', 'error', '-i', joined, '-f', 'null', '-'])).stderr, `${v.uri} ${s.uri}`).toBe('');
        }
      }
      const played = await playInBrowser(String(ready.page), 2);
      expect(played.errors).toEqual([]);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited, run.stderr()).toBe(0);
  });

  it.each(['vp9', 'av1'])('%s live with --low-latency: a keyframe opens every segment, INDEPENDENT=YES exactly on the parts that start with one', async (codec) => {
    const out = join(tmp.dir, `ll-${codec}`);
    const r = await cli(['--json', 'hls', 'test', '-o', out, '--format', 'fmp4', '--codec', codec, '--low-latency', '--duration', '6', '--scale', '320x180', '--no-audio']);
    expect(r.exitCode, r.stderr).toBe(0);
    const media = parseMedia(readFileSync(join(out, 'playlist.m3u8'), 'utf8'));
    expect(media.segments.map((s) => s.uri)).toEqual(['seg00000.m4s', 'seg00001.m4s', 'seg00002.m4s']);
    for (const s of media.segments) expect((await videoFrames(withInit(out, 'init.mp4', s.uri)))[0]!.key, s.uri).toBe(true);
    const parts = media.segments.flatMap(listedParts);
    expect(parts.length).toBeGreaterThan(4);
    for (const part of parts) expect(await firstPacketIsKey(withInit(out, 'init.mp4', part.uri)), part.uri).toBe(part.independent === true);
  });

  it('refuses vp9/av1 in MPEG-TS (exit 2), and av1 where av1enc is not installed (exit 3 naming the package), before writing anything', async () => {
    const ts = await cli(['hls', clip, '-o', join(tmp.dir, 'no-ts'), '--codec', 'av1']);
    expect(ts.exitCode).toBe(2);
    expect(ts.stderr).toMatch(/--codec av1 needs --format fmp4: MPEG-TS segments carry H\.264 or H\.265 here \(add --format fmp4, or use --codec h264\)/);
    expect(existsSync(join(tmp.dir, 'no-ts'))).toBe(false);

    // A GStreamer whose plugins are all there but libaom's (av1enc): a registry of its own.
    const plugins = join(tmp.dir, 'plugins-without-aom');
    mkdirSync(plugins);
    const system = '/usr/lib/x86_64-linux-gnu/gstreamer-1.0';
    for (const name of readdirSync(system)) if (name.endsWith('.so') && name !== 'libgstaom.so') symlinkSync(join(system, name), join(plugins, name));
    const env = { GST_PLUGIN_SYSTEM_PATH: plugins, GST_REGISTRY: join(tmp.dir, 'registry-without-aom.bin') };
    const missing = await cli(['hls', clip, '-o', join(tmp.dir, 'no-aom'), '--format', 'fmp4', '--codec', 'av1'], { env });
    expect(missing.exitCode, missing.stderr).toBe(3);
    expect(missing.stderr).toMatch(/element "av1enc" is not installed/);
    expect(missing.stderr).toMatch(/apt-get install -y gstreamer1\.0-plugins-bad/);
    expect(existsSync(join(tmp.dir, 'no-aom'))).toBe(false);
  });
});

describe('hls --format fmp4 --ladder (live)', () => {
  // avc1.PPCCLL from the init segment's avcC box (profile, constraint flags, level), read here byte by byte.
  const avcCodecOf = (init: Buffer): string => {
    const at = init.indexOf('avcC');
    expect(at, 'init segment has an avcC box').toBeGreaterThan(0);
    return `avc1.${[...init.subarray(at + 5, at + 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  };

  it('master lists both renditions with CODECS from their init segments; every segment decodes with its init and starts with a keyframe; the renditions stay aligned', async () => {
    const out = join(tmp.dir, 'live ladder');
    const r = await cli(['--json', 'hls', 'test', '-o', out, '--format', 'fmp4', '--ladder', '360p,240p', '--duration', '8', '--preset', 'ultrafast']);
    expect(r.exitCode, r.stderr).toBe(0);
    const master = HLS.parse(readFileSync(join(out, 'master.m3u8'), 'utf8')) as HLS.types.MasterPlaylist;
    expect(master.version).toBe(7);
    expect(master.variants.map((v) => [v.uri, v.resolution])).toEqual([['360p/playlist.m3u8', { width: 640, height: 360 }], ['240p/playlist.m3u8', { width: 426, height: 240 }]]);
    const durations: number[][] = [];
    for (const v of master.variants) {
      const dir = join(out, v.uri.split('/')[0]!);
      const init = readFileSync(join(dir, 'init.mp4'));
      // x264's ultrafast preset writes a constrained-baseline SPS whatever the caps said: only the init knows.
      expect(v.codecs).toBe(`${avcCodecOf(init)},mp4a.40.2`);
      const streams = (await probe(['-show_entries', 'stream=codec_type,codec_name,height', join(dir, 'init.mp4')])).streams!;
      expect(streams.map((s) => [s.codec_type, s.codec_name])).toEqual([['video', 'h264'], ['audio', 'aac']]);
      expect(streams[0]!.height).toBe(v.resolution!.height);

      const media = parseMedia(readFileSync(join(dir, 'playlist.m3u8'), 'utf8'));
      // Live (no PLAYLIST-TYPE, dated segments), finished with ENDLIST: 8 s of 2 s segments.
      expect(media.playlistType).toBeUndefined();
      expect(media.endlist).toBe(true);
      expect(media.segments.map((s) => s.uri)).toEqual(['seg00000.m4s', 'seg00001.m4s', 'seg00002.m4s', 'seg00003.m4s']);
      for (const s of media.segments) {
        expect(s.map?.uri).toBe('init.mp4');
        expect(s.programDateTime).toBeInstanceOf(Date);
        const joined = withInit(dir, 'init.mp4', s.uri);
        const frames = await videoFrames(joined);
        expect(frames[0]!.key, `${v.uri} ${s.uri} starts with a keyframe`).toBe(true);
        expect(frames.length, `${v.uri} ${s.uri} frames`).toBe(Math.round(s.duration * 30));
        // Video and audio decode to the end without a complaint.
        const decoded = await execa('ffmpeg', ['-v', 'error', '-i', joined, '-f', 'null', '-']);
        expect(decoded.stderr, `${v.uri} ${s.uri}`).toBe('');
      }
      durations.push(media.segments.map((s) => s.duration));
    }
    expect(durations[1]).toEqual(durations[0]);
  });
});

describe('hls --format fmp4 --low-latency (live)', () => {
  it('LL-HLS playlists: constant PART-TARGET over 10 reloads, parts within it, INDEPENDENT exactly on keyframe parts, continuous numbering; blocking reloads; hls.js plays it', async () => {
    const out = join(tmp.dir, 'll');
    const run = startJsonCli(['hls', 'test', '-o', out, '--format', 'fmp4', '--low-latency', '--part-duration', '0.5', '--serve', '0']);
    try {
      const ready = await run.waitFor((e) => e.type === 'ready', 60_000, 'ready');
      const url = String(ready.url);
      const fetchPlaylist = async (query = '') => {
        const res = await fetch(url + query);
        return { status: res.status, text: await res.text() };
      };

      // 10 blocking reloads, each asking for the part after the last one listed.
      let lastPart: { msn: number; part: number } | undefined;
      const targets = new Set<number | undefined>();
      for (let reload = 0; reload < 10; reload += 1) {
        const query = lastPart ? `?_HLS_msn=${lastPart.msn}&_HLS_part=${lastPart.part + 1}` : '';
        const { status, text } = await fetchPlaylist(query);
        expect(status, text).toBe(200);
        const p = parseMedia(text);
        targets.add(p.partTargetDuration);
        expect(p.version).toBe(7);
        expect(p.lowLatencyCompatibility).toMatchObject({ canBlockReload: true });
        expect(p.lowLatencyCompatibility!.partHoldBack).toBeGreaterThanOrEqual(2 * p.partTargetDuration!);
        // hls-parser lists EXT-X-PRELOAD-HINT as a part with hint=true: exactly one, in the open segment.
        expect(p.segments.flatMap((s) => s.parts).filter((part) => part.hint)).toHaveLength(1);
        expect(p.segments.every((s) => s.programDateTime instanceof Date || s.parts.length > 0)).toBe(true);
        // Media sequence numbers follow on; parts are never longer than PART-TARGET.
        p.segments.forEach((s, i) => expect(s.mediaSequenceNumber).toBe(p.mediaSequenceBase! + i));
        for (const s of p.segments) for (const part of listedParts(s)) expect(part.duration).toBeLessThanOrEqual(p.partTargetDuration!);
        // The playlist answers the request: the asked-for part is there (in the trailing open segment or a whole one).
        const last = p.segments.at(-1)!;
        const msn = last.mediaSequenceNumber;
        if (lastPart) {
          const listed = msn > lastPart.msn || listedParts(last).length > lastPart.part + 1;
          expect(listed, `part ${lastPart.msn}.${lastPart.part + 1} listed`).toBe(true);
        }
        lastPart = { msn, part: listedParts(last).length - 1 };
      }
      expect([...targets]).toEqual([0.534]); // 15 frames of 30 fps, one frame of headroom (part-timing.ts)

      // INDEPENDENT=YES exactly on parts whose first video frame is a keyframe (read with the init segment).
      const p = parseMedia((await fetchPlaylist()).text);
      const parts = p.segments.flatMap(listedParts);
      expect(parts.length).toBeGreaterThan(4);
      for (const part of parts) {
        const key = await firstPacketIsKey(withInit(out, 'init.mp4', part.uri));
        expect(key, `${part.uri} INDEPENDENT=${part.independent === true}`).toBe(part.independent === true);
      }

      // A reload for a part two parts ahead is held until it exists, then answered with it.
      const ahead = parseMedia((await fetchPlaylist()).text);
      const edge = ahead.segments.at(-1)!;
      const asked = { msn: edge.mediaSequenceNumber, part: listedParts(edge).length + 1 };
      const held = await fetchPlaylist(`?_HLS_msn=${asked.msn}&_HLS_part=${asked.part}`);
      const answered = parseMedia(held.text);
      const seg = answered.segments.find((s) => s.mediaSequenceNumber === asked.msn)!;
      expect(listedParts(seg).length > asked.part || answered.segments.at(-1)!.mediaSequenceNumber > asked.msn).toBe(true);
      // Malformed requests are refused, not held.
      expect((await fetchPlaylist('?_HLS_part=1')).status).toBe(400);
      expect((await fetchPlaylist(`?_HLS_msn=${asked.msn + 50}`)).status).toBe(400);

      const played = await playInBrowser(String(ready.page), 3);
      expect(played.errors).toEqual([]);
      expect(played.latencySeconds).not.toBeNull();
      console.log(`LL-HLS latency behind the wall clock (hls.js playingDate): ${played.latencySeconds!.toFixed(2)} s`);
      // A functional bound, not a speed requirement: hls.js without the parts would hold back three target
      // durations (6 s) behind the live edge; with them it aims at PART-HOLD-BACK (1.6 s). Measured here
      // 2.2–3.2 s on a loaded 2-core machine (bench/hls-latency.mjs).
      expect(played.latencySeconds!).toBeLessThan(6);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited, run.stderr()).toBe(0);
    const final = parseMedia(readFileSync(join(out, 'playlist.m3u8'), 'utf8'));
    expect(final.endlist).toBe(true);
  });
});

describe('hls --format fmp4 --low-latency: delta updates (_HLS_skip=YES)', () => {
  // The whole segments as a player lists them: sequence number, URI, duration, date, init segment (hls-parser
  // also lists the open segment, parts only, without a URI).
  const listing = (p: HLS.types.MediaPlaylist) => p.segments.filter((s) => s.uri).map((s) => [s.mediaSequenceNumber, s.uri, s.duration, s.programDateTime?.toISOString(), s.map?.uri]);
  // RFC 8216bis §6.2.5.1, counted here from a finished full playlist: the oldest segments that end at least
  // CAN-SKIP-UNTIL before its end.
  const expectedSkip = (full: HLS.types.MediaPlaylist): number => {
    const boundary = full.lowLatencyCompatibility!.canSkipUntil!;
    const total = full.segments.reduce((sum, s) => sum + s.duration, 0);
    let end = 0;
    let n = 0;
    for (const s of full.segments) {
      end += s.duration;
      if (total - end < boundary - 1e-6) break;
      n += 1;
    }
    return n;
  };

  it('CAN-SKIP-UNTIL is 6 target durations; a delta update skips the segments beyond it and lists the rest exactly as the full playlist; hls.js merges them while playing', async () => {
    const out = join(tmp.dir, 'delta');
    // 1 s segments in an EVENT playlist (--playlist-length 0): after 7 s there is something to skip.
    const run = startJsonCli(['hls', 'test', '-o', out, '--format', 'fmp4', '--low-latency', '--part-duration', '0.5', '--segment-duration', '1', '--playlist-length', '0',
      '--duration', '20', '--scale', '320x180', '--preset', 'ultrafast', '--no-audio', '--serve', '0']);
    try {
      const ready = await run.waitFor((e) => e.type === 'ready', 60_000, 'ready');
      const url = String(ready.url);
      const get = async (query = '') => {
        const res = await fetch(url + query);
        const text = await res.text();
        expect(res.status, text).toBe(200);
        return parseMedia(text);
      };
      const first = await get();
      expect(first.targetDuration).toBe(1);
      expect(first.lowLatencyCompatibility!.canSkipUntil).toBe(6);
      // Nothing to skip yet: the answer is the full playlist.
      const early = await get('?_HLS_skip=YES');
      expect([early.skip, early.version]).toEqual([0, 7]);

      // Live: once 8 segments are listed, a blocking reload for the next part asks for a delta update.
      const full = await waitUntil('8 segments listed', async () => {
        const p = await get();
        return p.segments.length >= 8 ? p : undefined;
      }, { timeoutMs: 30_000, intervalMs: 500 });
      const edge = full.segments.at(-1)!;
      const next = { msn: edge.mediaSequenceNumber + 1, part: 0 };
      const delta = await get(`?_HLS_msn=${next.msn}&_HLS_part=${next.part}&_HLS_skip=YES`);
      expect(delta.version).toBe(9);
      expect(delta.mediaSequenceBase).toBe(full.mediaSequenceBase);
      expect(delta.skip).toBeGreaterThanOrEqual(1);
      expect(delta.segments[0]!.mediaSequenceNumber).toBe(delta.mediaSequenceBase! + delta.skip!);
      // Every segment both list is listed alike; the delta goes on to the part asked for.
      const known = new Map(listing(full).map((s) => [s[0], JSON.stringify(s)]));
      for (const s of listing(delta)) if (known.has(s[0])) expect(JSON.stringify(s)).toBe(known.get(s[0]));
      expect(delta.segments.at(-1)!.mediaSequenceNumber).toBeGreaterThanOrEqual(next.msn);

      // hls.js (lowLatencyMode) asks for delta updates itself; it must merge them and keep playing.
      browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: BROWSER_ARGS });
      const context = await browser.newContext();
      try {
        const tab = await context.newPage();
        let skipRequests = 0;
        tab.on('request', (r) => void (r.url().includes('_HLS_skip=YES') && (skipRequests += 1)));
        await tab.goto(String(ready.page));
        type Details = { skippedSegments: number; deltaUpdateFailed?: boolean };
        const merged = () => (window as unknown as { hls: { levels: { details?: Details }[] } }).hls.levels[0]?.details;
        // A reload answered by a delta update that hls.js filled in from its copy (deltaUpdateFailed otherwise).
        await tab.waitForFunction(`(() => { const d = (${merged.toString()})(); return d?.skippedSegments > 0 && !d.deltaUpdateFailed; })()`, undefined, { timeout: 30_000, polling: 100 });
        const t0 = await tab.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime);
        await tab.waitForFunction((t) => (document.querySelector('video') as HTMLVideoElement).currentTime > t + 1, t0, { timeout: 30_000, polling: 200 });
        expect(skipRequests).toBeGreaterThan(0);
        expect(await tab.evaluate(() => (window as unknown as { lydlrPreview: { errors: unknown[] } }).lydlrPreview.errors)).toEqual([]);
      } finally {
        await context.close();
      }

      // The stream over (#EXT-X-ENDLIST), the server still answers: the delta is exactly the full playlist's tail.
      await waitUntil('the final playlist', () => readFileSync(join(out, 'playlist.m3u8'), 'utf8').includes('#EXT-X-ENDLIST'), { timeoutMs: 60_000, intervalMs: 250 });
      const final = await get();
      const finalDelta = await get('?_HLS_skip=YES');
      expect(final.endlist && finalDelta.endlist).toBe(true);
      expect(final.segments.length).toBeGreaterThanOrEqual(18);
      expect(finalDelta.skip).toBe(expectedSkip(final));
      expect(listing(finalDelta)).toEqual(listing(final).slice(finalDelta.skip));
      console.log(`delta update of the final playlist: ${final.segments.length} segments, SKIPPED-SEGMENTS=${finalDelta.skip}, CAN-SKIP-UNTIL=${final.lowLatencyCompatibility!.canSkipUntil}`);
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited, run.stderr()).toBe(0);
  });
});

