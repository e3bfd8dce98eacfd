// The library's pipeline classes share one base, GStreamerPipeline: the same life cycle, stats,
// stop and events on the same job code as the CLI. Run through the built package entry.
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { ffprobe } from '../helpers/media.js';
import { waitUntil } from '../helpers/wait.js';

const lib = await import('../../dist/index.js');
const tmp = tempDir('lydlr-library-');
afterAll(() => tmp.cleanup());

const CORE = ['state', 'frames', 'bytes', 'errors', 'warnings', 'uptimeMs'];

describe('GStreamerPipeline, the one base of the library classes', () => {
  it('all six are GStreamerPipelines with the same core stats before they start', () => {
    const pgie = join(tmp.dir, 'pgie.txt');
    writeFileSync(pgie, '[property]\n');
    const all = [
      new lib.VideoCompressionPipeline({ inputSource: 'test', outputSink: join(tmp.dir, 'a.mp4'), duration: 1 }),
      new lib.HLSPipeline({ inputSource: 'test', outputDir: join(tmp.dir, 'hls'), duration: 1 }),
      new lib.RTSPStreamPipeline({ inputSource: 'test', rtspPort: 0 }),
      new lib.WebRTCPipeline({ inputSource: 'test', port: 0 }),
      new lib.DeepstreamPipeline({ inputs: ['test'], config: pgie }),
      new lib.RecordPipeline({ inputSource: 'test', outputDir: join(tmp.dir, 'rec idle') }),
    ];
    for (const p of all) {
      expect(p).toBeInstanceOf(lib.GStreamerPipeline);
      const stats = p.getStats() as unknown as Record<string, unknown>;
      expect(Object.keys(stats)).toEqual(expect.arrayContaining(CORE));
      expect(stats).toMatchObject({ state: 'idle', frames: null, errors: 0, warnings: 0, uptimeMs: 0 });
    }
  });

  it('invalid options are a usage error (exit 2) before anything runs', () => {
    expect(() => new lib.VideoCompressionPipeline({ inputSource: 'test', outputSink: join(tmp.dir, 'x.mp4'), compressionLevel: 3 })).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => new lib.RTSPStreamPipeline({ inputSource: 'test', codec: 'mpeg7' })).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => new lib.RecordPipeline({ inputSource: '-', outputDir: join(tmp.dir, 'rec') })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/standard input/) }));
    expect(() => new lib.RecordPipeline({ inputSource: 'test', outputDir: join(tmp.dir, 'pgie.txt') })).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringMatching(/is a file/) }));
  });
});

describe('VideoCompressionPipeline', () => {
  it('createPipeline gives the H.264 builder; start encodes the file; stats count its 30 frames; events arrive', async () => {
    const out = join(tmp.dir, 'clip é!.mp4');
    const job = new lib.VideoCompressionPipeline({ inputSource: 'test:ball', outputSink: out, duration: 1, preset: 'ultrafast' });
    const builder = await job.createPipeline();
    expect(builder.build()).toMatch(/x264enc .* ! h264parse/);
    const types = new Set<string>();
    job.on((e) => types.add(e.type));
    let progress = 0;
    job.on('progress', () => (progress += 1));
    const result = await job.start();
    expect(result).toMatchObject({ output: out, codec: 'h264' });
    expect(job.getStats()).toMatchObject({ state: 'finished', frames: 30, errors: 0 });
    expect(job.getStats().bytes).toBeGreaterThan(0);
    expect([...types]).toEqual(expect.arrayContaining(['progress', 'stats']));
    expect(progress).toBeGreaterThan(0);
    const probed = await ffprobe(out);
    expect(probed.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
  });

  it('stop() is graceful: start() rejects as interrupted (exit 130), nothing is left under the output name', async () => {
    const out = join(tmp.dir, 'stopped.mp4');
    const job = new lib.VideoCompressionPipeline({ inputSource: 'test:ball', outputSink: out, duration: 60, preset: 'ultrafast' });
    const started = job.start();
    started.catch(() => undefined);
    let sawProgress = false;
    job.on('progress', () => (sawProgress = true));
    await waitUntil('a progress event', () => sawProgress, { timeoutMs: 30_000 });
    await job.stop();
    await expect(started).rejects.toMatchObject({ exitCode: 130 });
    expect(job.getStats().state).toBe('stopped');
    const { existsSync } = await import('node:fs');
    expect(existsSync(out)).toBe(false);
  });
});

describe('RecordPipeline', () => {
  it('records a live test source in 1 s segments; getStats counts the closed ones while it runs; stop() closes the open one and start() resolves with every segment', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const out = join(tmp.dir, 'recorded é');
    const rec = new lib.RecordPipeline({ inputSource: 'test:ball', outputDir: out, segment: 1, format: 'mkv', preset: 'ultrafast' });
    expect((await rec.createPipeline()).build()).toMatch(/x264enc .* ! rec\.video .*avenc_aac .* ! rec\.audio_0 splitmuxsink name=rec .*muxer-factory=matroskamux/);
    const closed: string[] = [];
    rec.on('segment-closed', (e) => closed.push(String((e as { path: string }).path)));
    const done = rec.start();
    done.catch(() => undefined);
    await waitUntil('two closed segments', () => closed.length >= 2, { timeoutMs: 40_000 });
    const running = rec.getStats();
    expect(running).toMatchObject({ state: 'running', errors: 0, gaps: 0, deleted: 0 });
    expect(running.segments).toBeGreaterThanOrEqual(2);
    expect(running.recordedSeconds).toBeGreaterThanOrEqual(1.9);
    await rec.stop();
    const result = await done;
    expect(result).toMatchObject({ stoppedBy: 'signal', format: 'mkv', codec: 'h264', reencoded: true, audio: { codec: 'aac', copied: false } });
    const segments = (result.segments as { path: string; bytes: number }[]);
    expect(segments.map((x) => x.path)).toEqual(closed);
    expect(segments.length).toBeGreaterThanOrEqual(3); // the one open at the stop is closed too
    const stats = rec.getStats();
    expect(stats).toMatchObject({ state: 'stopped', segments: segments.length, bytes: segments.reduce((a, x) => a + statSync(x.path).size, 0) });
    // Every segment is on disk under its final name, complete, with video and audio; nothing hidden is left.
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    for (const { path } of segments) {
      const probed = await ffprobe(path);
      expect(probed.streams.map((x) => x.codec_name).sort(), path).toEqual(['aac', 'h264']);
    }
  }, 90_000);
});
