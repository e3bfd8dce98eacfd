// Odd but valid media, bad inputs and abuse through the built CLI (cases listed in test/ADVERSARIAL.md).
// Every output is checked with ffprobe/ffmpeg or the file system, never with the product's own code.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, gstProcessesWith, spawnCli, tempDir, toCliResult, type CliResult } from '../helpers/cli.js';
import { countVideoFrames, ffprobe, toneOf } from '../helpers/media.js';
import { waitUntil } from '../helpers/wait.js';

const tmp = tempDir('lydlr-adversarial-');
const at = (name: string) => join(tmp.dir, name);
const ffmpeg = (args: string[]) => execa('ffmpeg', ['-v', 'error', '-y', ...args]);
const mandelbrot = (seconds: number, size = '320x240') => ['-f', 'lavfi', '-i', `mandelbrot=size=${size}:rate=30`, '-t', String(seconds)];
const hidden = (dir: string) => readdirSync(dir).filter((n) => n.includes('.partial-'));

beforeAll(async () => {
  // A 4 s clip with its index at the front (faststart), cut in half: the header declares 4 s.
  await ffmpeg([...mandelbrot(4), '-f', 'lavfi', '-i', 'sine', '-t', '4', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-movflags', '+faststart', at('full.mp4')]);
  const size = statSync(at('full.mp4')).size;
  await execa('head', ['-c', String(Math.floor(size / 2)), at('full.mp4')], { stdout: { file: at('cut "half", v=1!.mp4') } });
  await ffmpeg([...mandelbrot(2), '-f', 'lavfi', '-i', 'sine=f=440', '-f', 'lavfi', '-i', 'sine=f=880', '-t', '2', '-map', '0', '-map', '1', '-map', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', at('two audio.mkv')]);
  await ffmpeg([...mandelbrot(2), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p10le', at('ten-bit.mkv')]);
  // Three audio tracks told apart by their tone: 440, 1500 and 3000 Hz.
  await ffmpeg([...mandelbrot(2), ...[440, 1500, 3000].flatMap((f) => ['-f', 'lavfi', '-i', `sine=f=${f}`]), '-t', '2', '-map', '0', '-map', '1', '-map', '2', '-map', '3',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', at('three tones.mkv')]);
  await ffmpeg(['-i', at('three tones.mkv'), '-map', '0', '-c', 'copy', at('three tones.mp4')]);
  await ffmpeg([...mandelbrot(2, '321x241'), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv444p', at('odd 444.mkv')]);
  await ffmpeg([...mandelbrot(20, '640x360'), '-c:v', 'libx264', '-preset', 'ultrafast', at('long.mp4')]);
  // Two SRT tracks (English, French) and one ASS track, each cue's text naming its track.
  const srt = (a: string, b: string) => `1\n00:00:00,500 --> 00:00:01,000\n${a}\n\n2\n00:00:01,200 --> 00:00:01,800\n${b}\n`;
  writeFileSync(at('en.srt'), srt('Hello', 'World'));
  writeFileSync(at('fr.srt'), srt('Bonjour', 'Monde'));
  await ffmpeg(['-i', at('en.srt'), at('de.ass')]);
  await ffmpeg([...mandelbrot(2), '-f', 'lavfi', '-i', 'sine', '-i', at('en.srt'), '-i', at('fr.srt'), '-t', '2', '-map', '0', '-map', '1', '-map', '2', '-map', '3',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-c:s', 'srt', '-metadata:s:s:0', 'language=eng', '-metadata:s:s:1', 'language=fre', at('two subs, "srt".mkv')]);
  await ffmpeg([...mandelbrot(2), '-f', 'lavfi', '-i', 'sine', '-i', at('de.ass'), '-t', '2', '-map', '0', '-map', '1', '-map', '2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-c:s', 'ass', at('ass sub.mkv')]);
}, 180_000);
afterAll(() => tmp.cleanup());

describe('a truncated input (its header declares 4 s, its data holds about 2 s)', () => {
  it('compress: exit 1 "the input is truncated" with both durations; no output, no partial file', async () => {
    const out = at('trunc-out.mp4');
    const r = await cli(['--json', 'compress', at('cut "half", v=1!.mp4'), out]);
    expect(r.exitCode).toBe(1);
    expect(r.result?.error).toMatchObject({ message: expect.stringMatching(/^The input is truncated: only \d\.\d s of the 4\.0 s/) });
    expect(existsSync(out)).toBe(false);
    expect(hidden(tmp.dir)).toEqual([]);
  });

  it('hls: the same answer (exit 1, same message), no playlist and no segment left', async () => {
    const dir = at('trunc-hls');
    const r = await cli(['--json', 'hls', at('cut "half", v=1!.mp4'), '-o', dir]);
    expect(r.exitCode).toBe(1);
    expect(r.result?.error).toMatchObject({ message: expect.stringMatching(/^The input is truncated: only \d\.\d s of the 4\.0 s/) });
    expect(readdirSync(dir).filter((n) => n.endsWith('.m3u8') || n.endsWith('.ts'))).toEqual([]);
  });

  it('the untruncated original converts with both commands (no false alarm)', async () => {
    expect((await cli(['compress', at('full.mp4'), at('full-out.mp4')])).exitCode).toBe(0);
    expect((await cli(['hls', at('full.mp4'), '-o', at('full-hls')])).exitCode).toBe(0);
  });
});

describe('sizes, rates and bit rates outside the encoder\'s limits: exit 2 before anything runs', () => {
  it.each([
    [['--scale', '99999x99999'], /^--scale 99999x99999 asks for 100000x100000/, 'Widths 1–32767 and heights 1–32767'],
    [['--scale', '32768x'], /^--scale 32768x asks for 32768x/, 'Widths 1–32767'],
    [['--codec', 'vp8', '--scale', '20000x100'], /^--scale 20000x100 asks for 20000x100 \(even sides\), which vp8enc cannot encode/, 'Widths 1–16383'],
    [['--bitrate', '3000000'], /^--bitrate 3000000 kbit\/s is outside what x264enc takes/, 'Give 1–2048000 kbit/s.'],
  ])('compress %j → exit 2, the allowed range in the fix, no output', async (flags, message, fix) => {
    const out = at(flags.includes('vp8') ? 'limits.webm' : 'limits.mp4');
    const r = await cli(['--json', 'compress', 'test:ball', out, '--duration', '0.2', ...flags]);
    expect(r.exitCode).toBe(2);
    expect(String(r.result?.error && (r.result.error as { message: string }).message)).toMatch(message);
    expect((r.result?.error as { fix: string }).fix).toContain(fix);
    expect(r.json.filter((e) => e.type === 'state-changed')).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['hls', 'test', '-o', at('limits hls'), '--duration', '1', '--scale', '99999x99999'], /^--scale 99999x99999 asks for 100000x100000/, 'Widths 1–32767'],
    [['hls', 'test', '-o', at('limits hls'), '--duration', '1', '--bitrate', '3000000'], /^--bitrate 3000000 kbit\/s is outside what x264enc takes/, 'Give 1–2048000 kbit/s.'],
    [['hls', 'test', '-o', at('limits hls'), '--duration', '1', '--codec', 'h265', '--ladder', '640x360@150000'], /^--ladder rendition 360p: 150000 kbit\/s is outside what x265enc takes/, 'Give 1–102400 kbit/s.'],
    [['rtsp', 'test', '--port', '0', '--scale', '99999x99999'], /^--scale 99999x99999 asks for 100000x100000/, 'Widths 1–32767'],
    [['rtsp', 'test', '--port', '0', '--codec', 'h265', '--bitrate', '500000'], /^--bitrate 500000 kbit\/s is outside what x265enc takes/, 'kbit/s.'],
    [['webrtc', 'test', '--port', '0', '--scale', '20000x100'], /^--scale 20000x100 asks for 20000x100 \(even sides\), which vp8enc cannot encode/, 'Widths 1–16383'],
  ])('%j → exit 2 naming the flag and the range, no server and no pipeline started', async (args, message, fix) => {
    const r = await cli(['--json', ...args]);
    expect(r.exitCode, r.stderr).toBe(2);
    const error = r.result?.error as { message: string; fix: string };
    expect(error.message).toMatch(message);
    expect(error.fix).toContain(fix);
    expect(r.json.filter((e) => e.type === 'ready' || e.type === 'state-changed')).toEqual([]);
    expect(existsSync(at('limits hls'))).toBe(false);
  });

  // The limits are read while the probe runs; the probe's refusal still comes first.
  it.each([
    [['compress', at('not media.mp4'), at('order.mp4'), '--bitrate', '3000000']],
    [['hls', at('not media.mp4'), '-o', at('order hls'), '--ladder', '640x360@3000000']],
  ])('%j: an input that is not media is refused as such before the bit rate is', async (args) => {
    writeFileSync(at('not media.mp4'), 'plain text, not a video\n');
    const r = await cli(['--json', ...args]);
    expect(r.exitCode, r.stderr).toBe(2);
    expect((r.result?.error as { message: string }).message).toMatch(/Could not determine type of stream/);
    expect(existsSync(at('order.mp4')) || existsSync(at('order hls'))).toBe(false);
  });

  it('--fps 0.5 on a test source: a 2 s file at 1/2 fps (a fractional rate used to fail to link)', async () => {
    const out = at('half-fps.mp4');
    const r = await cli(['compress', 'test:ball', out, '--duration', '2', '--fps', '0.5', '--scale', '160x120']);
    expect(r.exitCode, r.stderr).toBe(0);
    const video = (await ffprobe(out)).streams.find((s) => s.codec_type === 'video')!;
    expect(video.r_frame_rate).toBe('1/2');
    expect(await countVideoFrames(out)).toBe(1);
  });
});

describe('extra tracks are never dropped silently', () => {
  it('compress of two audio tracks: a warning event names them; the output has one audio track', async () => {
    const out = at('two-audio-out.mkv');
    const r = await cli(['--json', 'compress', at('two audio.mkv'), out]);
    expect(r.exitCode).toBe(0);
    expect(r.json).toContainEqual(expect.objectContaining({ type: 'warning', message: 'the input has 2 audio tracks: only the first is kept (choose one with --audio-track N, or --audio-track all)' }));
    expect((await ffprobe(out)).streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
  });

  it('hls of two audio tracks: the same note on stderr', async () => {
    const r = await cli(['hls', at('two audio.mkv'), '-o', at('two-audio-hls')]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('note: the input has 2 audio tracks: only the first is kept (choose one with --audio-track N, or --audio-track all)');
  });
});

// Every cue of one subtitle track as text, read back by ffmpeg.
const cues = async (file: string, track: number) =>
  (await execa('ffmpeg', ['-v', 'error', '-i', file, '-map', `0:s:${track}`, '-f', 'srt', '-'])).stdout.split('\n').filter((l) => /^[A-Z][a-z]+$/.test(l));
const subtitleStreams = async (file: string) => (await ffprobe(file)).streams.filter((s) => s.codec_type === 'subtitle');

describe('subtitles: kept in .mkv, said out loud elsewhere', () => {
  it('compress into .mkv (audio copied): both SRT tracks, in order, with their text; no warning', async () => {
    const out = at('subs out.mkv');
    const r = await cli(['--json', 'compress', at('two subs, "srt".mkv'), out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.filter((e) => e.type === 'warning')).toEqual([]);
    expect((await subtitleStreams(out)).map((s) => s.codec_name)).toEqual(['subrip', 'subrip']);
    expect([await cues(out, 0), await cues(out, 1)]).toEqual([['Hello', 'World'], ['Bonjour', 'Monde']]);
  });

  it('an ASS track: decoded (--audio opus) it is kept as text; with the audio copied it is not, and a warning says why', async () => {
    const decoded = at('ass decoded.mkv');
    expect((await cli(['compress', at('ass sub.mkv'), decoded, '--audio', 'opus'])).exitCode).toBe(0);
    expect(await cues(decoded, 0)).toEqual(['Hello', 'World']);
    const copied = at('ass copied.mkv');
    const r = await cli(['--json', 'compress', at('ass sub.mkv'), copied]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json).toContainEqual(expect.objectContaining({ type: 'warning', message: expect.stringMatching(/^1 of the input's 1 subtitle track not kept: only plain text subtitles are kept when the audio is copied/) }));
    expect(await subtitleStreams(copied)).toEqual([]);
  });

  it('into .mp4: a warning names the container and the way to keep them; batch runs warn per file', async () => {
    const r = await cli(['--json', 'compress', at('two subs, "srt".mkv'), at('subs out.mp4')]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json).toContainEqual(expect.objectContaining({ type: 'warning', message: 'the input has 2 subtitle tracks: .mp4 output cannot keep them (write .mkv to keep text subtitles)' }));
    const batch = await cli(['--json', 'compress', at('two subs, "srt".mkv'), at('two audio.mkv'), '--output-dir', at('subs batch')]);
    expect(batch.exitCode, batch.stderr).toBe(0);
    const warnings = batch.json.filter((e) => e.type === 'warning').map((e) => e.message);
    expect(warnings).toEqual(expect.arrayContaining([
      `${at('two subs, "srt".mkv')}: the input has 2 subtitle tracks: .mp4 output cannot keep them (write .mkv to keep text subtitles)`,
      `${at('two audio.mkv')}: the input has 2 audio tracks: only the first is kept (choose one with --audio-track N, or --audio-track all)`,
    ]));
  });
});

const near = (hz: number) => expect.closeTo(hz, -2.5); // within about ±150 Hz: the tones are far apart

describe('--audio-track N|all', () => {
  it.each(['mkv', 'mp4'])('compress --audio-track all (.%s): the three tracks, in order, each with its own tone', async (ext) => {
    const out = at(`all tracks.${ext}`);
    const r = await cli(['--json', 'compress', at(`three tones.${ext}`), out, '--audio-track', 'all']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json.filter((e) => e.type === 'warning' && String(e.message).includes('audio tracks'))).toEqual([]);
    expect((await ffprobe(out)).streams.filter((s) => s.codec_type === 'audio')).toHaveLength(3);
    expect([await toneOf(out, 0), await toneOf(out, 1), await toneOf(out, 2)]).toEqual([near(440), near(1500), near(3000)]);
  });

  it('compress --audio-track 2: one audio track, the 1500 Hz one', async () => {
    const out = at('second track.mp4');
    const r = await cli(['compress', at('three tones.mp4'), out, '--audio-track', '2']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await ffprobe(out)).streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
    expect(await toneOf(out, 0)).toEqual(near(1500));
  });

  it('hls --audio-track 3: the segments carry the 3000 Hz track', async () => {
    const dir = at('third track hls');
    const r = await cli(['hls', at('three tones.mkv'), '-o', dir, '--audio-track', '3']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await toneOf(join(dir, 'playlist.m3u8'), 0)).toEqual(near(3000));
  });

  it('into .flv (one audio track) --audio-track all keeps the first and warns; track 4 of 3 is exit 2', async () => {
    const flv = await cli(['--json', 'compress', at('three tones.mkv'), at('all.flv'), '--audio-track', 'all']);
    expect(flv.exitCode, flv.stderr).toBe(0);
    expect(flv.json).toContainEqual(expect.objectContaining({ type: 'warning', message: 'the input has 3 audio tracks: only the first is kept (.flv holds one audio track)' }));
    expect(await toneOf(at('all.flv'), 0)).toEqual(near(440));
    const past = await cli(['--json', 'compress', at('three tones.mkv'), at('fourth.mkv'), '--audio-track', '4']);
    expect(past.exitCode).toBe(2);
    expect(past.result?.error).toMatchObject({ message: '--audio-track 4: the input has 3 audio tracks.', fix: 'Give a number from 1 to 3, or all.' });
    expect(existsSync(at('fourth.mkv'))).toBe(false);
  });
});

describe('odd but valid video', () => {
  it.each([
    ['ten-bit.mkv', 320, 240],
    ['odd 444.mkv', 322, 242],
  ])('%s → H.264 4:2:0 8-bit at %ix%i (even sides), every frame decodes', async (name, width, height) => {
    const out = at(`${name}.mp4`);
    const r = await cli(['compress', at(name), out]);
    expect(r.exitCode, r.stderr).toBe(0);
    const video = (await ffprobe(out)).streams.find((s) => s.codec_type === 'video')! as { width?: number; height?: number; pix_fmt?: string };
    expect([video.width, video.height, video.pix_fmt]).toEqual([width, height, 'yuv420p']);
    expect(await countVideoFrames(out)).toBe(60);
  });
});

describe('a SIGKILLed run leaves its hidden partial file; the next run to the same output removes it', () => {
  it('kill -9 mid-encode → .out.partial-<pid>-*.mp4 stays; the next run succeeds and no partial remains', async () => {
    const dir = tempDir('lydlr-sigkill-');
    try {
      const out = join(dir.dir, 'out.mp4');
      const run = spawnCli(['--json', 'compress', at('long.mp4'), out, '--preset', 'veryslow']);
      await waitUntil('a partial file being written', () => hidden(dir.dir).length === 1 && statSync(join(dir.dir, hidden(dir.dir)[0]!)).size > 0, { timeoutMs: 60_000 });
      run.kill('SIGKILL');
      await run;
      // setpriv --pdeathsig takes gst-launch down with its parent.
      await waitUntil('gst-launch-1.0 to be gone', async () => (await gstProcessesWith(dir.dir)).length === 0, { timeoutMs: 20_000 });
      const [left] = hidden(dir.dir);
      expect(left).toMatch(/^\.out\.partial-\d+-[0-9a-f]{6}\.mp4$/);
      const next = await cli(['compress', at('full.mp4'), out]);
      expect(next.exitCode, next.stderr).toBe(0);
      expect(next.stderr).toContain(`removed ${join(dir.dir, left!)}, left behind by a run that did not finish`);
      expect(readdirSync(dir.dir)).toEqual(['out.mp4']);
    } finally {
      dir.cleanup();
    }
  });
});

// Runs the CLI with `true |` in front: its standard input is a pipe that ends at once.
async function viaEmptyPipe(args: string[]): Promise<CliResult> {
  const r = await execa('sh', ['-c', 'true | exec "$@"', 'sh', process.execPath, BIN, ...args], { reject: false, env: { ...process.env, NO_COLOR: '1' }, timeout: 110_000 });
  return toCliResult(r.exitCode ?? -1, String(r.stdout), String(r.stderr));
}

describe('standard input (-) as the input', () => {
  it.each([
    ['/dev/null', () => ({ stdin: 'ignore' as const })],
    ['an empty file', () => ({ inputFile: at('empty.ts') })],
    ['an empty pipe', () => ({ shell: true })],
  ])('compress - from %s: exit 2 "standard input … is empty", no output, no partial', async (_what, stdin) => {
    writeFileSync(at('empty.ts'), '');
    const out = at('from empty stdin.mp4');
    const how = stdin() as Parameters<typeof cli>[1] & { shell?: boolean };
    // `true | …`: a pipe whose writer closes without a byte (no pipe of the test harness left open).
    const r = how.shell ? await viaEmptyPipe(['--json', 'compress', '-', out]) : await cli(['--json', 'compress', '-', out], how);
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.result?.error).toMatchObject({ message: 'The input is standard input (-), and it is empty.' });
    expect(existsSync(out)).toBe(false);
    expect(hidden(tmp.dir)).toEqual([]);
  });

  it('compress - with an MPEG-TS piped in: every frame of it in the output', async () => {
    await ffmpeg([...mandelbrot(2), '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mpegts', at('piped.ts')]);
    const out = at('from stdin.mp4');
    const r = await cli(['compress', '-', out], { inputFile: at('piped.ts') });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await countVideoFrames(out)).toBe(60);
  });
});

describe('batch compress and --output-dir', () => {
  it('a missing --output-dir is created and every file lands there', async () => {
    const outDir = at('made/for "batch"');
    const r = await cli(['compress', at('full.mp4'), at('ten-bit.mkv'), '--output-dir', outDir]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['full.mp4', 'ten-bit.mp4']);
  });

  it('an --output-dir that cannot be made (a file in the way) is refused once: exit 2 naming the folder', async () => {
    writeFileSync(at('a file'), 'x');
    const r = await cli(['--json', 'compress', at('full.mp4'), at('ten-bit.mkv'), '--output-dir', join(at('a file'), 'sub')]);
    expect(r.exitCode).toBe(2);
    expect(r.result?.error).toMatchObject({ message: `Cannot create --output-dir "${join(at('a file'), 'sub')}": a file is in the way.` });
    expect(r.json.filter((e) => e.type === 'item-done')).toEqual([]);
  });
});
