// `rtsp --publish` through the built CLI, with audio, into real receivers: an SRT listener (gst-launch
// srtsrc), our own RTSP host as a RECORD server, and ffmpeg as an RTMP server; what arrived is decoded.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { countingSink, freePort, startCli, watchSinks, type RunningCli } from '../helpers/rtsp.js';
import { waitUntil } from '../helpers/wait.js';

const HELPER = join(ROOT, 'src', 'server', 'helper', 'rtsp_host.py');
// The test source's tone as AAC (test sources are silent unless --audio asks).
const SOURCE = ['test', '--scale', '320x240', '--bitrate', '500', '--audio', 'aac'];
let dir: string;
let cleanup: () => void;
const running = new Set<RunningCli>();
const publish = (args: string[]): RunningCli => {
  const publisher = startCli(['rtsp', ...args]);
  running.add(publisher);
  return publisher;
};
const sizeOf = (path: string) => (existsSync(path) ? statSync(path).size : 0);

beforeAll(() => ({ dir, cleanup } = tempDir('lydlr-rtsp-publish-')));
afterAll(() => {
  for (const publisher of running) publisher.child.kill('SIGKILL');
  cleanup();
});

// Per stream of a received file: codec and decoded frame count (ffprobe -count_frames decodes it all).
async function countFrames(path: string): Promise<Record<string, { codec: string; frames: number }>> {
  const r = await execa('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_type,codec_name,nb_read_frames', '-of', 'csv=p=0', path]);
  return Object.fromEntries(String(r.stdout).trim().split('\n').map((line) => {
    const [codec, type, frames] = line.split(',');
    return [type!, { codec: codec!, frames: Number(frames) }];
  }));
}

describe('--publish with audio', () => {
  it('srt://: a gst-launch srtsrc listener demuxes the MPEG-TS and decodes 60 H.264 frames and 60 AAC buffers', async () => {
    const port = await freePort('udp');
    const reader = watchSinks([
      'srtsrc', `uri=srt://:${port}`, 'mode=listener', '!', 'tsdemux', 'name=d',
      'd.', '!', 'h264parse', '!', 'avdec_h264', '!', ...countingSink('vsink'),
      'd.', '!', 'aacparse', '!', 'avdec_aac', '!', ...countingSink('asink'),
    ], { vsink: 60, asink: 60 }, { timeoutMs: 40_000 });
    // The caller reconnects until the listener is up: no need to order their starts.
    const publisher = publish([...SOURCE, '--publish', `srt://127.0.0.1:${port}`]);
    const read = await reader;
    expect(read.sinks.vsink!.frames, read.output).toBe(60);
    expect(read.sinks.asink!.frames, read.output).toBeGreaterThanOrEqual(60);
    expect(read.sinks.vsink!.caps).toMatch(/^video\/x-raw, .*width=\(int\)320, height=\(int\)240/);
    expect(read.sinks.asink!.caps).toMatch(/^audio\/x-raw, .*rate=\(int\)48000, channels=\(int\)2/);
    const r = await publisher.stop('SIGINT');
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ ok: true, protocol: 'srt', reason: 'stopped' });
  });

  it('rtsp://: reconnects with back-off until a RECORD server is up, then the recording has H.264 and AAC frames', async () => {
    const port = await freePort('tcp');
    const recording = join(dir, 'recorded.mkv');
    const publisher = publish([...SOURCE, '--transport', 'tcp', '--publish', `rtsp://127.0.0.1:${port}/in`]);
    expect(await publisher.waitFor((e) => e.type === 'reconnecting', 20_000, 'the first reconnect')).toMatchObject({ attempt: 2, delayMs: 1000 });
    const recorder = startRecorder(port, recording);
    await publisher.waitFor((e) => e.type === 'publishing', 20_000, 'publishing');
    await waitUntil('100 kB recorded', () => sizeOf(recording) > 100_000, { timeoutMs: 30_000 });
    const r = await publisher.stop('SIGINT');
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ ok: true, protocol: 'rtsp', reason: 'stopped' });
    expect(Number(r.result?.reconnects)).toBeGreaterThanOrEqual(1);
    recorder.stdin?.end(); // EOF: the host stops and the muxer finishes the file
    expect((await recorder).exitCode).toBe(0);
    const streams = await countFrames(recording);
    expect(streams.video).toMatchObject({ codec: 'h264' });
    expect(streams.audio).toMatchObject({ codec: 'aac' });
    expect(streams.video!.frames).toBeGreaterThan(30);
    expect(streams.audio!.frames).toBeGreaterThan(30);
  });

  it('rtmp://: ffmpeg listening as an RTMP server receives FLV with H.264 and AAC frames; the key is masked', async () => {
    const port = await freePort('tcp');
    const received = join(dir, 'received.flv');
    const server = execa('ffmpeg', ['-v', 'error', '-listen', '1', '-f', 'flv', '-i', `rtmp://127.0.0.1:${port}/app/s3cretkey`, '-c', 'copy', received], { reject: false, timeout: 60_000 });
    // rtmp2sink reconnects until ffmpeg listens: no need to order their starts.
    const publisher = publish([...SOURCE, '--publish', `rtmp://127.0.0.1:${port}/app/s3cretkey`]);
    await publisher.waitFor((e) => e.type === 'publishing', 20_000, 'publishing');
    await waitUntil('100 kB received', () => sizeOf(received) > 100_000, { timeoutMs: 30_000 });
    const r = await publisher.stop('SIGINT');
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ ok: true, protocol: 'rtmp', reason: 'stopped', publish: `rtmp://127.0.0.1:${port}/app/***` });
    expect(r.stdout).not.toContain('s3cretkey');
    await server; // ffmpeg ends when the publisher hangs up
    const streams = await countFrames(received);
    expect(streams.video).toMatchObject({ codec: 'h264' });
    expect(streams.audio).toMatchObject({ codec: 'aac' });
    expect(streams.video!.frames).toBeGreaterThan(30);
    expect(streams.audio!.frames).toBeGreaterThan(30);
  });
});

// Our RTSP host as a RECORD server, writing what is pushed to Matroska. rtspclientsink announces the
// streams last requested first, so the audio is stream 0 (depay0) and the video stream 1.
function startRecorder(port: number, path: string): ResultPromise {
  const launch = `( rtpmp4adepay name=depay0 ! aacparse ! queue ! mux. rtph264depay name=depay1 ! h264parse ! queue ! matroskamux name=mux ! filesink location="${path}" )`;
  const config = { host: '127.0.0.1', port, statsIntervalMs: 0, mounts: [{ path: '/in', launch, record: true }] };
  const recorder = execa('/usr/bin/python3', [HELPER], { reject: false, stdin: 'pipe', timeout: 90_000 });
  recorder.stdin?.write(`${JSON.stringify(config)}\n`);
  return recorder;
}
