// `thumbnails` through the built CLI on a real 20 s clip: separate files and sprite sheets checked with
// ffprobe, the WebVTT index parsed and compared with hand-written cues, a tile compared with ffmpeg's frame.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { ffprobe } from '../helpers/media.js';

let dir: string;
let cleanup: () => void;
let clip: string;

interface Cue { start: number; end: number; target: string }

// A small WebVTT reader, independent of the product: "HH:MM:SS.mmm --> HH:MM:SS.mmm" then one text line.
function parseVtt(text: string): Cue[] {
  expect(text.startsWith('WEBVTT')).toBe(true);
  const secs = (t: string) => t.split(':').reduce((s, part) => s * 60 + Number(part), 0);
  return text.split(/\n\n+/).slice(1).filter((b) => b.trim()).map((block) => {
    const [timing, target] = block.trim().split('\n') as [string, string];
    const m = /^([\d:.]+) --> ([\d:.]+)$/.exec(timing);
    if (!m) throw new Error(`not a cue timing: ${timing}`);
    return { start: secs(m[1]!), end: secs(m[2]!), target };
  });
}

// PSNR of two pictures in YUV 4:4:4 (RGB conversion matrices differ between tools).
async function psnr(a: string, b: string): Promise<number> {
  const r = await execa('ffmpeg', ['-i', a, '-i', b, '-lavfi', '[0]format=yuv444p[a];[1]format=yuv444p[b];[a][b]psnr', '-f', 'null', '-']);
  return Number(/average:([\d.]+)/.exec(r.stderr)![1]);
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('lydlr-thumbnails-e2e-'));
  clip = join(dir, "talk 'é!,=.mp4");
  await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'mandelbrot=size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine', '-t', '20',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-g', '50', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', clip]);
}, 60_000);
afterAll(() => cleanup());

describe('thumbnails: separate files', () => {
  it('--every 3s on a 20 s clip: ceil(20/3) = 7 JPEGs of 160×90 and a VTT of 7 contiguous cues 0–3, 3–6 … 18–20', async () => {
    const out = join(dir, 'every 3');
    const r = await cli(['--json', 'thumbnails', clip, '-o', out, '--every', '3s']);
    expect(r.exitCode, r.stderr).toBe(0);
    const names = ['thumb-0001.jpg', 'thumb-0002.jpg', 'thumb-0003.jpg', 'thumb-0004.jpg', 'thumb-0005.jpg', 'thumb-0006.jpg', 'thumb-0007.jpg'];
    expect(readdirSync(out).sort()).toEqual([...names, 'thumbnails.vtt']);
    for (const n of names) expect((await ffprobe(join(out, n))).streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 160, height: 90 });
    expect(parseVtt(readFileSync(join(out, 'thumbnails.vtt'), 'utf8'))).toEqual([
      { start: 0, end: 3, target: 'thumb-0001.jpg' }, { start: 3, end: 6, target: 'thumb-0002.jpg' }, { start: 6, end: 9, target: 'thumb-0003.jpg' },
      { start: 9, end: 12, target: 'thumb-0004.jpg' }, { start: 12, end: 15, target: 'thumb-0005.jpg' }, { start: 15, end: 18, target: 'thumb-0006.jpg' },
      { start: 18, end: 20, target: 'thumb-0007.jpg' },
    ]);
    expect(r.result).toMatchObject({ ok: true, count: 7, everySeconds: 3, width: 160, height: 90 });
  }, 60_000);

  it('--format png --width 320: the thumbnail for 9 s is the frame at 9 s: PSNR above 30 dB against ffmpeg\'s frame at 9 s scaled to 320×180, lower against 12 s', async () => {
    const out = join(dir, 'png 320');
    const r = await cli(['thumbnails', clip, '-o', out, '--every', '3s', '--format', 'png', '--width', '320']);
    expect(r.exitCode, r.stderr).toBe(0);
    const thumb = join(out, 'thumb-0004.png');
    expect((await ffprobe(thumb)).streams[0]).toMatchObject({ codec_name: 'png', width: 320, height: 180 });
    const ref = async (t: string) => {
      const p = join(dir, `ref ${t}.png`);
      await execa('ffmpeg', ['-v', 'error', '-y', '-ss', t, '-i', clip, '-frames:v', '1', '-vf', 'scale=320:180', p]);
      return p;
    };
    const same = await psnr(thumb, await ref('9'));
    expect(same).toBeGreaterThan(30);
    expect(await psnr(thumb, await ref('12'))).toBeLessThan(same - 5);
  }, 60_000);

  it('refuses (exit 2) when any of its names exists, keeping the file; --overwrite replaces them', async () => {
    const out = join(dir, 'taken');
    mkdirSync(out);
    writeFileSync(join(out, 'thumbnails.vtt'), 'mine');
    const r = await cli(['--json', 'thumbnails', clip, '-o', out, '--count', '4']);
    expect(r.exitCode).toBe(2);
    expect(readdirSync(out)).toEqual(['thumbnails.vtt']);
    expect(readFileSync(join(out, 'thumbnails.vtt'), 'utf8')).toBe('mine');
    expect((await cli(['thumbnails', clip, '-o', out, '--count', '4', '--overwrite'])).exitCode).toBe(0);
    expect(parseVtt(readFileSync(join(out, 'thumbnails.vtt'), 'utf8')).map((c) => c.start)).toEqual([0, 5, 10, 15]);
  }, 60_000);
});

describe('thumbnails: sprite sheets', () => {
  it('--every 1s --sprite 4x3: 20 tiles on 2 sheets (640×270 full, 640×180 for the last 8), cues contiguous 0–20 with hand-computed #xywh=', async () => {
    const out = join(dir, 'sprite');
    const r = await cli(['--json', 'thumbnails', clip, '-o', out, '--every', '1s', '--sprite', '4x3']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['sprite-01.jpg', 'sprite-02.jpg', 'thumbnails.vtt']);
    expect((await ffprobe(join(out, 'sprite-01.jpg'))).streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 640, height: 270 });
    expect((await ffprobe(join(out, 'sprite-02.jpg'))).streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 640, height: 180 });
    const cues = parseVtt(readFileSync(join(out, 'thumbnails.vtt'), 'utf8'));
    expect(cues).toHaveLength(20);
    for (let i = 0; i < cues.length; i++) expect([cues[i]!.start, cues[i]!.end]).toEqual([i, i + 1]);
    expect(cues[0]!.target).toBe('sprite-01.jpg#xywh=0,0,160,90');
    expect(cues[3]!.target).toBe('sprite-01.jpg#xywh=480,0,160,90');
    expect(cues[5]!.target).toBe('sprite-01.jpg#xywh=160,90,160,90');
    expect(cues[11]!.target).toBe('sprite-01.jpg#xywh=480,180,160,90');
    expect(cues[12]!.target).toBe('sprite-02.jpg#xywh=0,0,160,90');
    expect(cues[19]!.target).toBe('sprite-02.jpg#xywh=480,90,160,90');
  }, 60_000);

  it('--sprite --columns 6 --every 1s: one sheet of 20 tiles, 6 wide and 4 rows high (960×360), #xywh= inside it; tile 15 (15 s) is ffmpeg\'s frame at 15 s', async () => {
    const out = join(dir, 'columns');
    const r = await cli(['--json', 'thumbnails', clip, '-o', out, '--every', '1s', '--sprite', '--columns', '6']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['sprite.jpg', 'thumbnails.vtt']);
    expect((await ffprobe(join(out, 'sprite.jpg'))).streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 960, height: 360 });
    const cues = parseVtt(readFileSync(join(out, 'thumbnails.vtt'), 'utf8'));
    expect(cues).toHaveLength(20);
    // Row-major, 6 a row: tile i at x = (i mod 6)·160, y = floor(i / 6)·90; the last row holds 18 and 19.
    cues.forEach((c, i) => {
      expect([c.start, c.end]).toEqual([i, i + 1]);
      expect(c.target).toBe(`sprite.jpg#xywh=${(i % 6) * 160},${Math.floor(i / 6) * 90},160,90`);
    });
    expect(r.result).toMatchObject({ ok: true, count: 20, sprite: { columns: 6, rows: 4 } });
    const tile = join(dir, 'columns tile 15.png');
    await execa('ffmpeg', ['-v', 'error', '-y', '-i', join(out, 'sprite.jpg'), '-vf', 'crop=160:90:480:180', tile]);
    const ref = async (t: string) => {
      const p = join(dir, `columns ref ${t}.png`);
      await execa('ffmpeg', ['-v', 'error', '-y', '-ss', t, '-i', clip, '-frames:v', '1', '-vf', 'scale=160:90', p]);
      return p;
    };
    const same = await psnr(tile, await ref('15'));
    expect(same).toBeGreaterThan(28);
    expect(await psnr(tile, await ref('16'))).toBeLessThan(same - 3);
  }, 60_000);

  it('--sprite 4x3 --columns 6 is refused (exit 2) before anything is written; --sprite before the input says where the input goes', async () => {
    const out = join(dir, 'both grids');
    const r = await cli(['--json', 'thumbnails', clip, '-o', out, '--sprite', '4x3', '--columns', '6']);
    expect(r.exitCode).toBe(2);
    expect(r.result?.error).toMatchObject({ message: expect.stringMatching(/--columns: cannot be combined with --sprite COLSxROWS/) });
    const swapped = await cli(['--json', 'thumbnails', '-o', out, '--sprite', clip]);
    expect(swapped.exitCode).toBe(2);
    expect(swapped.stderr + JSON.stringify(swapped.result)).toMatch(/put the input before --sprite/);
    expect(() => readdirSync(out)).toThrow();
  }, 60_000);

  it('a tile cut from the sheet is the frame at its cue start: tile 6 (6 s) against ffmpeg\'s frame at 6 s above 28 dB, against 7 s lower', async () => {
    const sheet = join(dir, 'sprite', 'sprite-01.jpg');
    const tile = join(dir, 'tile 6.png');
    // Tile 6 of a 4-column sheet: column 2, row 1 → x 320, y 90.
    await execa('ffmpeg', ['-v', 'error', '-y', '-i', sheet, '-vf', 'crop=160:90:320:90', tile]);
    const ref = async (t: string) => {
      const p = join(dir, `sprite ref ${t}.png`);
      await execa('ffmpeg', ['-v', 'error', '-y', '-ss', t, '-i', clip, '-frames:v', '1', '-vf', 'scale=160:90', p]);
      return p;
    };
    const same = await psnr(tile, await ref('6'));
    expect(same).toBeGreaterThan(28);
    expect(await psnr(tile, await ref('7'))).toBeLessThan(same - 3);
  }, 60_000);
});
