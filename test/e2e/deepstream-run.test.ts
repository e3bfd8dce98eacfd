// deepstream inference run for real through the built CLI, against the fake nv* elements of
// test/helpers/fake-deepstream.ts: Python bins with DeepStream's factory names, pad templates and
// NVMM caps, wrapping software elements. No inference happens (nvinfer passes frames through); what
// these runs prove is that every pipeline shape the product builds parses, links with NVMM caps
// where DeepStream demands them, reaches EOS and leaves a playable file, and that config files reach
// the elements as the exact files (the fakes refuse to start on an unreadable one, as the real ones).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempFiles, type TempFiles } from '../helpers/cli.js';
import { makeFakeDeepstream, type FakeDeepstream } from '../helpers/fake-deepstream.js';
import { countVideoFrames, ffprobe, makeClip } from '../helpers/media.js';
import { startJsonCli } from '../helpers/ndjson-process.js';
import { freeUdpPort } from '../../src/jobs/deepstream/rtsp-relay.js';

let tmp: TempFiles;
let fake: FakeDeepstream;
let pgie: string;
let clip: string;
const dsEnv = () => fake.env({ DEEPSTREAM_ENABLED: 'true' });
// gst-launch-1.0 run by the test itself: the plugin folder the product would put on the path.
const gstEnv = () => ({ ...dsEnv(), GST_PLUGIN_PATH: fake.pluginPath, LC_ALL: 'C' });
const inference = (args: string[]) => cli(['--json', 'deepstream', 'inference', ...args], { env: dsEnv() });
const caps = (events: Record<string, unknown>[]) => events.filter((e) => e.type === 'caps').map((e) => String(e.caps));

beforeAll(async () => {
  tmp = tempFiles('lydlr-ds-run-');
  fake = makeFakeDeepstream();
  pgie = tmp.file('pgie.txt', '[property]\nnum-detected-classes=4\n');
  clip = join(tmp.dir, 'clip.mp4');
  await makeClip(clip, { seconds: 2, audio: false });
  await execa('gst-launch-1.0', ['-q', '-e', 'videotestsrc', 'num-buffers=30', '!', 'video/x-raw,width=320,height=240', '!', 'x264enc', '!', 'h264parse', '!', 'video/x-h264,stream-format=byte-stream', '!', 'filesink', `location=${join(tmp.dir, 'cam.h264')}`]);
  await execa('gst-launch-1.0', ['-q', '-e', 'videotestsrc', 'num-buffers=30', '!', 'video/x-raw,width=320,height=240', '!', 'x265enc', '!', 'h265parse', '!', 'video/x-h265,stream-format=byte-stream', '!', 'filesink', `location=${join(tmp.dir, 'cam.h265')}`]);
}, 60_000);
afterAll(() => {
  fake.cleanup();
  tmp.cleanup();
});

describe('deepstream inference through the fake nv elements', () => {
  it('one file, a hostile config name, fakesink: EOS, 60 frames counted, NVMM caps negotiated into nvstreammux', async () => {
    const hostile = tmp.file('my "pgie" config!, a=b.txt', '[property]\n');
    const r = await inference([clip, '--config', hostile]);
    expect(r.result).toMatchObject({ ok: true, eos: true, available: true, stats: { frames: 60 } });
    expect(caps(r.json).some((c) => c.startsWith('video/x-raw(memory:NVMM)'))).toBe(true);
  });

  it('the fake nvinfer refuses a config-file-path it cannot read, naming it (what makes the hostile-name run meaningful)', async () => {
    const config = tmp.file('vanishing.txt', '[property]\n');
    const r = await cli(['--json', 'deepstream', 'inference', clip, '--config', config, '--dry-run'], { env: dsEnv() });
    const argv = r.result?.argv as string[];
    const gone = argv.map((t) => t.replace('vanishing.txt', 'not-there.txt'));
    const gst = await execa('gst-launch-1.0', gone, { env: gstEnv(), reject: false, timeout: 60_000 });
    expect(gst.exitCode).not.toBe(0);
    expect(gst.stdout + gst.stderr).toMatch(/nvinfer: cannot read config-file-path ".*not-there\.txt"/);
  });

  it('file + test input, tracker, two secondaries, gpu-id 1, batch-size 4 → .mkv: H.264 at --width×--height, 60 frames', async () => {
    const out = join(tmp.dir, 'out put.mkv');
    const r = await inference([clip, 'test:ball', '--config', pgie, '--tracker', tmp.file('tracker.yml', 'x: 1\n'),
      '--secondary', tmp.file('sgie1.txt', '[property]\n'), '--secondary', tmp.file('sgie2.txt', '[property]\n'),
      '--output', out, '--gpu-id', '1', '--batch-size', '4', '--width', '640', '--height', '360', '--duration', '2']);
    expect(r.result).toMatchObject({ ok: true, eos: true, output: out, batchSize: 4 });
    const probe = await ffprobe(out);
    expect(probe.streams[0]).toMatchObject({ codec_type: 'video', codec_name: 'h264', width: 640, height: 360 });
    expect(await countVideoFrames(out)).toBe(60);
    expect(readdirSync(tmp.dir).filter((f) => f.includes('lydlr-partial'))).toEqual([]);
  });

  it('bare H.264 through h264parse → nvv4l2decoder, a kafka broker branch → .mp4 of 30 frames', async () => {
    const out = join(tmp.dir, 'from-h264.mp4');
    const r = await inference([join(tmp.dir, 'cam.h264'), '--config', pgie, '--broker', 'kafka://k.local:9092/dets',
      '--msgconv-config', tmp.file('msgconv.yml', 'x: 1\n'), '--output', out, '--width', '320', '--height', '240']);
    expect(r.result).toMatchObject({ ok: true, eos: true });
    expect((await ffprobe(out)).streams[0]).toMatchObject({ codec_name: 'h264', width: 320, height: 240 });
    expect(await countVideoFrames(out)).toBe(30);
  });

  it('bare H.265 through h265parse → nvv4l2decoder, an amqp broker with a password, --display (nveglglessink): EOS, 30 frames', async () => {
    const r = await inference([join(tmp.dir, 'cam.h265'), '--config', pgie, '--broker', 'amqp://me:p@ss w0rd!@rabbit/t', '--display']);
    expect(r.result).toMatchObject({ ok: true, eos: true, stats: { frames: 30 } });
  });

  it('nvtracker missing from the installation: exit 3 naming it and the plugin folder, no file left', async () => {
    const partial = makeFakeDeepstream({ elements: ['nvstreammux', 'nvinfer', 'nvvideoconvert', 'nvdsosd', 'nvv4l2h264enc'] });
    try {
      const out = join(tmp.dir, 'no-tracker.mp4');
      const r = await cli(['--json', 'deepstream', 'inference', clip, '--config', pgie, '--tracker', tmp.file('t2.yml', 'x: 1\n'), '--output', out],
        { env: partial.env({ DEEPSTREAM_ENABLED: 'true' }) });
      expect(r.exitCode).toBe(3);
      const error = r.result?.error as { message: string; element: string; fix: string };
      expect(error.element).toBe('nvtracker');
      expect(error.message).toBe(`DeepStream element "nvtracker" is not installed (DeepStream 7.1 at ${partial.root}).`);
      expect(error.fix).toContain(partial.pluginPath);
      expect(existsSync(out)).toBe(false);
    } finally {
      partial.cleanup();
    }
  });

  it('--rtsp-port: ffprobe reads H.264 at --width×--height from rtsp://…/ds while the run goes on', async () => {
    const port = await freeUdpPort();
    const run = startJsonCli(['deepstream', 'inference', 'test', '--live', '--duration', '30', '--config', pgie, '--rtsp-port', String(port),
      '--width', '320', '--height', '240'], { env: dsEnv() });
    try {
      const ready = await run.waitFor((e) => e.type === 'ready', 30_000, 'the RTSP host ready');
      expect(ready.url).toBe(`rtsp://127.0.0.1:${port}/ds`);
      await run.waitFor((e) => e.type === 'progress' && Number(e.positionSeconds) > 0, 30_000, 'the pipeline playing');
      const probe = await execa('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', '-show_streams', '-of', 'json', String(ready.url)], { reject: false, timeout: 30_000 });
      expect(probe.exitCode).toBe(0);
      expect(JSON.parse(probe.stdout).streams[0]).toMatchObject({ codec_name: 'h264', width: 320, height: 240 });
    } finally {
      run.child.kill('SIGINT');
      await run.exited;
    }
  });
});

describe('live input shapes with no camera or RTSP camera here: parsed and linked against the fakes', () => {
  it.each([
    ['a camera (v4l2src → videoconvert → nvvideoconvert)', '/dev/video9', /ds_src0/],
    ['an RTSP camera (uridecodebin)', 'rtsp://127.0.0.1:9/none', /ds_src0/],
  ])('%s: no "erroneous pipeline", the only error is the missing source', async (_label, input, sourceError) => {
    const r = await cli(['--json', 'deepstream', 'inference', input, 'test', '--config', pgie, '--dry-run'], { env: dsEnv() });
    expect(r.exitCode).toBe(0);
    const gst = await execa('gst-launch-1.0', r.result?.argv as string[], { env: gstEnv(), reject: false, timeout: 60_000 });
    const said = `${gst.stdout}\n${gst.stderr}`;
    expect(said).not.toContain('erroneous pipeline');
    expect(gst.exitCode).not.toBe(0);
    expect(said.split('\n').find((l) => l.startsWith('ERROR: from element'))).toMatch(sourceError);
  });
});
