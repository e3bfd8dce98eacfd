// `snapshot` through the built CLI: a file at --at compared with ffmpeg's own frame (PSNR), sizes and
// formats checked with ffprobe, a live RTSP stream served by our own `rtsp` command, REST, refusals.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { ffprobe } from '../helpers/media.js';
import { freePort, startCli, type RunningCli } from '../helpers/rtsp.js';
import { call, startServe, stopAllServes } from '../helpers/serve.js';

let dir: string;
let cleanup: () => void;
let clip: string;
const running = new Set<RunningCli>();

// PSNR of two pictures in YUV 4:4:4 (what the eye compares; RGB conversion matrices differ between tools).
async function psnr(a: string, b: string): Promise<number> {
  const r = await execa('ffmpeg', ['-v', 'info', '-i', a, '-i', b, '-lavfi', '[0]format=yuv444p[a];[1]format=yuv444p[b];[a][b]psnr', '-f', 'null', '-']);
  const m = /average:([\d.]+|inf)/.exec(r.stderr);
  if (!m) throw new Error(`no PSNR in ffmpeg's output: ${r.stderr.slice(-400)}`);
  return m[1] === 'inf' ? Infinity : Number(m[1]);
}

// ffmpeg's frame starting at `t` (frames at 25 fps start at multiples of 0.04 s), as a lossless PNG.
async function ffmpegFrame(t: string, out: string): Promise<string> {
  await execa('ffmpeg', ['-v', 'error', '-y', '-ss', t, '-i', clip, '-frames:v', '1', out]);
  return out;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('lydlr-snapshot-e2e-'));
  clip = join(dir, "fractal clip 'é!,=.mp4");
  // 25 fps (frames start at whole multiples of 0.04 s), a keyframe every 2 s, with audio.
  await execa('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'mandelbrot=size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440', '-t', '16',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '16', '-g', '50', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', clip]);
}, 60_000);
afterAll(async () => {
  for (const r of running) r.child.kill('SIGKILL');
  await stopAllServes();
  cleanup();
});

describe('snapshot: a file at --at', () => {
  it('--at 12.5 is the frame shown at 12.5 s (the one starting at 12.48): PSNR against ffmpeg\'s frame at 12.48 above 30 dB, against the next frame lower', async () => {
    const out = join(dir, 'at 12.5.png');
    const r = await cli(['--json', 'snapshot', clip, out, '--at', '12.5']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ ok: true, output: out, format: 'png', width: 640, height: 360, at: 12.5 });
    const probe = await ffprobe(out);
    expect(probe.streams[0]).toMatchObject({ codec_name: 'png', width: 640, height: 360 });
    const same = await psnr(out, await ffmpegFrame('12.48', join(dir, 'ref 12.48.png')));
    const next = await psnr(out, await ffmpegFrame('12.52', join(dir, 'ref 12.52.png')));
    expect(same).toBeGreaterThan(30);
    expect(next).toBeLessThan(same - 5);
  }, 60_000);

  it('--at 00:00:07.04 as a clock time, --width 320: a 320×180 JPEG of the frame at 7.04 s (PSNR above 30 dB against ffmpeg\'s, scaled the same)', async () => {
    const out = join(dir, 'clock.jpg');
    const r = await cli(['--json', 'snapshot', clip, out, '--at', '00:00:07.04', '--width', '320']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await ffprobe(out)).streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 320, height: 180 });
    const ref = join(dir, 'ref 7.04 320.png');
    await execa('ffmpeg', ['-v', 'error', '-y', '-ss', '7.04', '-i', clip, '-frames:v', '1', '-vf', 'scale=320:180', ref]);
    expect(await psnr(out, ref)).toBeGreaterThan(30);
  }, 60_000);

  it('WebP by extension, --height 90 alone keeps the 16:9 aspect (160×90); --width 100 --height 100 fits it inside with borders (100×100)', async () => {
    const webp = join(dir, 'small.webp');
    expect((await cli(['snapshot', clip, webp, '--at', '3', '--height', '90'])).exitCode).toBe(0);
    expect((await ffprobe(webp)).streams[0]).toMatchObject({ codec_name: 'webp', width: 160, height: 90 });
    const box = join(dir, 'box.png');
    expect((await cli(['snapshot', clip, box, '--at', '3', '--width', '100', '--height', '100'])).exitCode).toBe(0);
    expect((await ffprobe(box)).streams[0]).toMatchObject({ width: 100, height: 100 });
    // Letterboxed: the top row is black (the picture is 100×56 in the middle).
    const top = await execa('ffmpeg', ['-v', 'error', '-i', box, '-vf', 'crop=100:4:0:0,format=gray', '-f', 'rawvideo', '-'], { encoding: 'buffer' });
    expect(Math.max(...top.stdout)).toBeLessThan(24);
  }, 60_000);
});

describe('snapshot --fast: the keyframe at or before --at', () => {
  it('a 14 s clip with keyframes at 0 and 10 s only: --at 13 --fast is the keyframe\'s frame (pts 10, PSNR against ffmpeg\'s frame at 10 above 30 dB, against 13 s lower)', async () => {
    const gop = join(dir, 'gop 10s.mp4');
    await execa('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'mandelbrot=size=640x360:rate=25', '-t', '14', '-c:v', 'libx264', '-preset', 'veryfast',
      '-crf', '16', '-g', '250', '-keyint_min', '250', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', gop]);
    const keyframes = await execa('ffprobe', ['-v', 'error', '-select_streams', 'v', '-skip_frame', 'nokey', '-show_entries', 'frame=pts_time', '-of', 'csv=p=0', gop]);
    // One line per keyframe (the first may carry a side_data field after its time).
    expect(keyframes.stdout.split('\n').filter((l) => /^\d/.test(l)).map((l) => Number(l.split(',')[0]))).toEqual([0, 10]);
    const out = join(dir, 'fast 13.png');
    const r = await cli(['--json', 'snapshot', gop, out, '--at', '13', '--fast']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ ok: true, output: out, at: 13, fast: true, pts: 10 });
    const ref = async (t: string) => {
      const p = join(dir, `fast ref ${t}.png`);
      await execa('ffmpeg', ['-v', 'error', '-y', '-ss', t, '-i', gop, '-frames:v', '1', p]);
      return p;
    };
    const same = await psnr(out, await ref('10'));
    expect(same).toBeGreaterThan(30);
    expect(await psnr(out, await ref('13'))).toBeLessThan(same - 5);
  }, 60_000);
});

describe('snapshot: refusals before anything runs, and no leftovers', () => {
  it('an existing output is kept (exit 2) unless --overwrite, which replaces it', async () => {
    const out = join(dir, 'kept.jpg');
    writeFileSync(out, 'not a picture');
    const r = await cli(['--json', 'snapshot', clip, out, '--at', '1']);
    expect(r.exitCode).toBe(2);
    expect(String((r.result?.error as { message: string }).message)).toContain('exists');
    expect(readFileSync(out, 'utf8')).toBe('not a picture');
    expect((await cli(['snapshot', clip, out, '--at', '1', '--overwrite'])).exitCode).toBe(0);
    expect((await ffprobe(out)).streams[0]?.codec_name).toBe('mjpeg');
  }, 60_000);

  it('--at past the end (exit 2, names the duration), an unknown extension (exit 2), --at on a live source (exit 2): no file, no partial', async () => {
    const sub = tempDir('lydlr-snapshot-refusals-');
    try {
      const past = await cli(['--json', 'snapshot', clip, join(sub.dir, 'late.jpg'), '--at', '20']);
      expect(past.exitCode).toBe(2);
      expect(String((past.result?.error as { message: string }).message)).toContain('16.000 s');
      expect((await cli(['snapshot', clip, join(sub.dir, 'x.gif')])).exitCode).toBe(2);
      expect((await cli(['snapshot', 'test', join(sub.dir, 'live.jpg'), '--at', '2'])).exitCode).toBe(2);
      expect(readdirSync(sub.dir)).toEqual([]);
    } finally {
      sub.cleanup();
    }
  }, 60_000);
});

describe('snapshot: live sources', () => {
  it('from rtsp:// served by `lydlr-gst rtsp test`: the next decoded picture, 1280×720 by default, 320 wide with --width', async () => {
    const port = await freePort();
    const server = startCli(['--json', 'rtsp', 'test', '--port', String(port)]);
    running.add(server);
    const url = String((await server.waitFor((e) => e.type === 'ready', 30_000)).url);
    const out = join(dir, 'from rtsp.jpg');
    const r = await cli(['--json', 'snapshot', url, out, '--width', '320']);
    expect(r.exitCode, r.stderr).toBe(0);
    const video = (await ffprobe(out)).streams[0]!;
    expect(video.codec_name).toBe('mjpeg');
    expect(video.width).toBe(320);
    expect(r.result).toMatchObject({ ok: true, width: 320, at: null });
    await server.stop();
  }, 90_000);

  it('test:ball as a PNG: 1280×720 like every test source, 64×36 with --width 64', async () => {
    const out = join(dir, 'ball.png');
    const r = await cli(['--json', 'snapshot', 'test:ball', out, '--width', '64']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect((await ffprobe(out)).streams[0]).toMatchObject({ codec_name: 'png', width: 64, height: 36 });
  }, 30_000);
});

describe('snapshot: REST', () => {
  it('POST /api/gstreamer/pipeline/snapshot/ answers with the result once the picture is written', async () => {
    const serve = await startServe([], { cwd: dir });
    const out = join(dir, 'rest.jpg');
    const a = await call(serve.url, 'pipeline/snapshot/', { method: 'POST', json: { input: clip, output: out, at: 2, width: 200 } });
    expect(a.status, a.text).toBe(200);
    expect(a.body).toMatchObject({ type: 'result', ok: true, command: 'snapshot', output: out, width: 200 });
    expect(existsSync(out)).toBe(true);
    expect((await ffprobe(out)).streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 200 });
  }, 120_000);

  it('GET /api/gstreamer/snapshot?source=…&at=…&width=… answers the JPEG itself; a time past the end is 400; a file outside --root is 403', async () => {
    const root = join(dir, 'root');
    mkdirSync(root);
    copyFileSync(clip, join(root, 'clip é.mp4'));
    const serve = await startServe(['--root', root], { cwd: dir });
    const res = await fetch(`${serve.url}snapshot?${new URLSearchParams({ source: 'clip é.mp4', at: '12.5', width: '320' })}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    const got = join(dir, 'from GET.jpg');
    writeFileSync(got, Buffer.from(await res.arrayBuffer()));
    expect((await ffprobe(got)).streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 320, height: 180 });
    expect(await psnr(got, await ffmpegFrame('12.48', join(dir, 'ref GET.png')).then(async (p) => {
      const scaled = join(dir, 'ref GET 320.png');
      await execa('ffmpeg', ['-v', 'error', '-y', '-i', p, '-vf', 'scale=320:180', scaled]);
      return scaled;
    }))).toBeGreaterThan(30);
    const past = await call(serve.url, `snapshot?${new URLSearchParams({ source: 'clip é.mp4', at: '99' })}`);
    expect(past.status, past.text).toBe(400);
    expect(past.body.error.message).toMatch(/past the end/);
    const outside = await call(serve.url, `snapshot?${new URLSearchParams({ source: clip })}`);
    expect(outside.status, outside.text).toBe(403);
    expect(outside.text).toMatch(/source/);
  }, 120_000);

  it('GET /snapshot?input=… is the older spelling of source=: the same picture; both, or neither, is a 400 naming the parameter; input= outside --root is 403', async () => {
    const root = join(dir, 'root alias');
    mkdirSync(root);
    copyFileSync(clip, join(root, 'clip.mp4'));
    const serve = await startServe(['--root', root], { cwd: dir });
    const picture = async (query: Record<string, string>) => {
      const res = await fetch(`${serve.url}snapshot?${new URLSearchParams({ ...query, at: '7.04', width: '320', format: 'png' })}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      return Buffer.from(await res.arrayBuffer());
    };
    const viaInput = join(dir, 'alias input.png');
    const viaSource = join(dir, 'alias source.png');
    writeFileSync(viaInput, await picture({ input: 'clip.mp4' }));
    writeFileSync(viaSource, await picture({ source: 'clip.mp4' }));
    expect((await ffprobe(viaInput)).streams[0]).toMatchObject({ codec_name: 'png', width: 320, height: 180 });
    // The same frame by either name (PSNR is inf for identical pictures), and it is the frame at 7.04 s.
    expect(await psnr(viaInput, viaSource)).toBeGreaterThan(60);
    const ref = join(dir, 'ref alias 320.png');
    await execa('ffmpeg', ['-v', 'error', '-y', '-i', await ffmpegFrame('7.04', join(dir, 'ref alias.png')), '-vf', 'scale=320:180', ref]);
    expect(await psnr(viaInput, ref)).toBeGreaterThan(30);
    const both = await call(serve.url, `snapshot?${new URLSearchParams({ source: 'clip.mp4', input: 'clip.mp4' })}`);
    expect(both.status, both.text).toBe(400);
    expect(both.body.error.issues).toEqual([{ field: 'input', message: expect.stringMatching(/older name of source/) }]);
    const neither = await call(serve.url, `snapshot?${new URLSearchParams({ at: '1' })}`);
    expect(neither.status, neither.text).toBe(400);
    expect(neither.body.error.issues).toEqual([{ field: 'source', message: expect.stringMatching(/is required/) }]);
    expect((await call(serve.url, `snapshot?${new URLSearchParams({ input: clip })}`)).status).toBe(403);
  }, 120_000);
});
