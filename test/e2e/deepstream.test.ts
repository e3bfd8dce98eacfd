// deepstream status / inference through the built CLI: on this machine (no GPU, no DeepStream) and
// against a faked installation (test/helpers/fake-deepstream.ts); the runs are in deepstream-run.test.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempFiles, type TempFiles } from '../helpers/cli.js';
import { makeFakeDeepstream, type FakeDeepstream } from '../helpers/fake-deepstream.js';
import { quoteValue } from '../../src/pipeline/quote.js';
import { freeUdpPort } from '../../src/jobs/deepstream/rtsp-relay.js';

const installedHere = existsSync('/opt/nvidia/deepstream/deepstream');
let tmp: TempFiles;
let fake: FakeDeepstream;
let pgie: string;
let clip: string;
// The real machine, with DEEPSTREAM_ENABLED as given (undefined: unset).
const hereEnv = (enabled?: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DEEPSTREAM_ENABLED: enabled };
  delete env.NVIDIA_DEEPSTREAM_PATH;
  if (enabled === undefined) delete env.DEEPSTREAM_ENABLED;
  return env;
};
type Check = { name: string; ok: boolean; found: boolean; reason?: string; fix?: string };
const checkOf = (result: Record<string, unknown> | undefined, name: string) => (result?.checks as Check[]).find((c) => c.name === name);

beforeAll(() => {
  tmp = tempFiles('lydlr-ds-e2e-');
  fake = makeFakeDeepstream();
  pgie = tmp.file('pgie.txt', '[property]\ngpu-id=0\nnum-detected-classes=4\n');
  clip = tmp.file('clip.mp4', 'not media: inference never gets that far here');
});
afterAll(() => {
  fake.cleanup();
  tmp.cleanup();
});

describe('deepstream status on this machine', () => {
  it.each([
    ['unset', undefined, 'DEEPSTREAM_ENABLED is not set'],
    ['false', 'false', 'DEEPSTREAM_ENABLED is false'],
  ])('DEEPSTREAM_ENABLED %s: available:false, exit 0, the reason and its fix', async (_label, enabled, reason) => {
    const r = await cli(['--json', 'deepstream', 'status'], { env: hereEnv(enabled) });
    expect(r.exitCode).toBe(0);
    expect(r.json).toHaveLength(1);
    expect(r.result).toMatchObject({ type: 'result', ok: true, command: 'deepstream status', available: false, enabled: false });
    expect(r.result?.reasons).toContain(reason);
    expect(checkOf(r.result, 'DEEPSTREAM_ENABLED')).toMatchObject({ ok: false, reason, fix: 'export DEEPSTREAM_ENABLED=true' });
  });

  it.skipIf(installedHere)('DEEPSTREAM_ENABLED=true but nothing installed: every missing part named', async () => {
    const r = await cli(['--json', 'deepstream', 'status'], { env: hereEnv('TRUE') });
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ available: false, enabled: true, version: null, path: '/opt/nvidia/deepstream/deepstream' });
    expect(r.result?.reasons).toEqual(expect.arrayContaining([
      '/opt/nvidia/deepstream/deepstream does not exist',
      'nvstreammux, nvinfer, nvvideoconvert, nvdsosd not found: is /opt/nvidia/deepstream/deepstream/lib/gst-plugins on GSTREAMER_PLUGINS_PATH?',
    ]));
    expect(checkOf(r.result, 'nvinfer')).toMatchObject({ ok: false, found: false, reason: 'nvinfer not found: is /opt/nvidia/deepstream/deepstream/lib/gst-plugins on GSTREAMER_PLUGINS_PATH?' });
    expect(checkOf(r.result, 'gpu')).toMatchObject({ ok: false, found: false });
  });

  it('human output: the verdict, one line per check, the fixes', async () => {
    const r = await cli(['deepstream', 'status'], { env: hereEnv('no') });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('✗ DeepStream is not available');
    expect(r.stdout).toContain('✗ DEEPSTREAM_ENABLED is false');
    expect(r.stdout).toContain('fix: export DEEPSTREAM_ENABLED=true');
    expect(r.stdout).toMatch(/– nvtracker not found: .*\(optional: needed for --tracker\)/);
  });

  it('an invalid DEEPSTREAM_ENABLED is exit 2, naming the variable', async () => {
    const r = await cli(['--json', 'deepstream', 'status'], { env: hereEnv('perhaps') });
    expect(r.exitCode).toBe(2);
    expect(JSON.stringify(r.result)).toContain('DEEPSTREAM_ENABLED');
  });
});

describe('deepstream status with a faked installation', () => {
  it('DEEPSTREAM_ENABLED=true: available, version 7.1, the elements and the GPU', async () => {
    const r = await cli(['--json', 'deepstream', 'status'], { env: fake.env({ DEEPSTREAM_ENABLED: 'true' }) });
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ ok: true, available: true, version: '7.1', path: fake.root, reasons: [] });
    expect(r.result?.gpu).toMatchObject({ name: 'NVIDIA A2', driver: '550.54.15', cuda: '12.4' });
    for (const e of ['nvstreammux', 'nvinfer', 'nvvideoconvert', 'nvdsosd', 'nvtracker', 'nvmultistreamtiler', 'nvv4l2decoder', 'nvv4l2h264enc', 'nvmsgconv', 'nvmsgbroker']) {
      expect(checkOf(r.result, e)).toMatchObject({ ok: true, found: true });
    }
    const human = await cli(['deepstream', 'status'], { env: fake.env({ DEEPSTREAM_ENABLED: 'true' }) });
    expect(human.stdout).toContain(`✓ DeepStream 7.1 is available (${fake.root})`);
  });

  it('DEEPSTREAM_ENABLED=false: available:false though everything is there', async () => {
    const r = await cli(['--json', 'deepstream', 'status'], { env: fake.env({ DEEPSTREAM_ENABLED: 'false' }) });
    expect(r.exitCode).toBe(0);
    expect(r.result).toMatchObject({ available: false, version: '7.1', reasons: ['DEEPSTREAM_ENABLED is false'] });
  });
});

describe('deepstream inference --dry-run', () => {
  it('prints the complete pipeline: nvstreammux, nvinfer with the (hostile) config file quoted, nvvideoconvert, nvdsosd', async () => {
    const hostile = tmp.file('my "pgie" config!, a=b.txt', '[property]\n');
    const r = await cli(['--json', 'deepstream', 'inference', clip, '--config', hostile, '--dry-run'], { env: hereEnv() });
    expect(r.exitCode).toBe(0);
    const pipeline = String(r.result?.pipeline);
    for (const e of ['nvstreammux', 'nvvideoconvert', 'nvdsosd']) expect(pipeline).toContain(e);
    expect(pipeline).toContain(`config-file-path=${quoteValue(hostile)}`);
    expect(r.result?.argv).toContain(`config-file-path=${quoteValue(hostile)}`);
    expect(r.result).toMatchObject({ dryRun: true, batchSize: 1, tiler: null });
    expect(pipeline).not.toContain('nvmultistreamtiler');
    const human = await cli(['deepstream', 'inference', clip, '--config', hostile, '--dry-run'], { env: hereEnv() });
    expect(human.stdout).toMatch(/^gst-launch-1\.0 -m -e .*nvstreammux name=ds_mux/);
  });

  it('two inputs: batch-size=2 and nvmultistreamtiler', async () => {
    const r = await cli(['--json', 'deepstream', 'inference', clip, 'test:ball', '--config', pgie, '--dry-run'], { env: hereEnv() });
    expect(r.exitCode).toBe(0);
    const pipeline = String(r.result?.pipeline);
    expect(pipeline).toContain('nvstreammux name=ds_mux batch-size=2');
    expect(pipeline).toContain('nvmultistreamtiler name=ds_tiler rows=1 columns=2');
    expect(r.result).toMatchObject({ batchSize: 2, inputs: 2, tiler: { rows: 1, columns: 2 } });
  });
});

describe('deepstream inference: validation before anything runs (exit 2)', () => {
  it.each([
    ['a missing config file, named', () => [clip, '--config', join(tmp.dir, 'nope.txt')], /--config: the file ".*nope\.txt" does not exist/],
    ['a config without [property]', () => [clip, '--config', tmp.file('app.txt', '[application]\n')], /has no \[property\] section/],
    ['a missing input', () => [join(tmp.dir, 'gone.mp4'), '--config', pgie], /gone\.mp4" does not exist/],
    ['a bad broker URL', () => [clip, '--config', pgie, '--broker', 'kafka://k:9092'], /kafka needs a topic/],
    ['an output that exists', () => [clip, '--config', pgie, '--output', tmp.file('old.mp4', 'x')], /exists/],
  ])('%s', async (_label, args, message) => {
    for (const dryRun of [[], ['--dry-run']]) {
      const r = await cli(['--json', 'deepstream', 'inference', ...args(), ...dryRun], { env: hereEnv('true') });
      expect(r.exitCode).toBe(2);
      expect((r.result?.error as { message: string }).message).toMatch(message);
    }
  });

  it('flags commander refuses: no --config, two outputs, a bad number', async () => {
    for (const args of [[clip], [clip, '-c', pgie, '--output', join(tmp.dir, 'o.mp4'), '--fakesink'], [clip, '-c', pgie, '--batch-size', '0']]) {
      const r = await cli(['deepstream', 'inference', ...args], { env: hereEnv() });
      expect(r.exitCode).toBe(2);
    }
  });
});

// Runs through the fake nv elements are in deepstream-run.test.ts.
describe('deepstream inference where DeepStream is not available', () => {
  it('DEEPSTREAM_ENABLED unset: exit 3 with the status reasons and the fix', async () => {
    const r = await cli(['--json', 'deepstream', 'inference', clip, '--config', pgie], { env: hereEnv() });
    expect(r.exitCode).toBe(3);
    const error = r.result?.error as { message: string; fix: string; available: boolean; reasons: string[] };
    expect(error).toMatchObject({ available: false, fix: 'export DEEPSTREAM_ENABLED=true' });
    expect(error.message).toContain('DeepStream is not available: DEEPSTREAM_ENABLED is not set');
    expect(error.reasons[0]).toBe('DEEPSTREAM_ENABLED is not set');
  });
});

describe('the dry-run pipelines parse in gst-launch-1.0\'s own grammar', () => {
  // Every element that exists is made and given its properties; the only complaints allowed are the
  // missing nv* elements (and the links they leave dangling): never a syntax error or a bad property.
  const variants: [string, () => string[]][] = [
    ['one file, fakesink', () => [clip, '--config', tmp.file('a b "c" !,=.txt', '[property]\n')]],
    ['file + test + camera + rtsp, tracker, secondaries, file output', () => [
      tmp.file('in put,1!.mp4', 'x'), 'test:ball', '/dev/video0', 'rtsp://cam.local:554/s?a=1&b=2', '--config', pgie,
      '--tracker', tmp.file('tracker.yml', 'x: 1\n'), '--secondary', tmp.file('sgie1.txt', '[property]\n'), '--secondary', tmp.file('sgie2.txt', '[property]\n'),
      '--output', join(tmp.dir, 'out put.mkv'), '--gpu-id', '1', '--batch-size', '4', '--live']],
    ['bare h264, kafka broker, RTSP output', () => [tmp.file('cam.h264', 'x'), '--config', pgie, '--broker', 'kafka://k.local:9092/dets',
      '--msgconv-config', tmp.file('msgconv.yml', 'x: 1\n'), '--rtsp-port', '8554']],
    ['amqp broker with a password, display', () => [clip, '--config', pgie, '--broker', 'amqp://me:p@ss w0rd!@rabbit/t', '--display']],
  ];

  it.each(variants)('%s', async (_label, args) => {
    const r = await cli(['--json', 'deepstream', 'inference', ...args(), '--dry-run'], { env: hereEnv() });
    expect(r.exitCode).toBe(0);
    const argv = r.result?.argv as string[];
    const gst = await execa('gst-launch-1.0', argv, { reject: false, timeout: 30_000, env: { ...process.env, LC_ALL: 'C', GST_DEBUG: 'GST_PIPELINE:1', GST_DEBUG_NO_COLOR: '1' } });
    expect(gst.exitCode).not.toBe(0);
    expect(`${gst.stdout}\n${gst.stderr}`).toContain('erroneous pipeline: no element "nvstreammux"');
    const complaints = gst.stderr.split('\n').filter((l) => / ERROR /.test(l)).map((l) => l.replace(/^.*?GST_PIPELINE \S+ /, ''));
    expect(complaints.length).toBeGreaterThan(0);
    // gst says "(null)" for a link into a missing element whatever its name, so names are checked apart.
    const dangling = /^(no element "nv\w+"|link has no (source|sink) \[.*|No sink-element named "\(null\)" - omitting link)$/;
    const unexpected = complaints.filter((c) => !dangling.test(c));
    expect(unexpected).toEqual([]);
    const named = new Set(argv.flatMap((t) => /^name=(\w+)$/.exec(t)?.[1] ?? []));
    const refs = argv.flatMap((t) => /^(\w+)\.\w*$/.exec(t)?.[1] ?? []);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => !named.has(ref))).toEqual([]);
    const missing = new Set(complaints.flatMap((c) => /^no element "(\w+)"$/.exec(c)?.[1] ?? []));
    for (const e of ['nvstreammux', 'nvinfer', 'nvvideoconvert', 'nvdsosd']) expect(missing).toContain(e);
  });
});

describe('the RTSP relay (--rtsp-port\'s server half, which needs no DeepStream)', () => {
  it('serves RTP/H.264 sent to its loopback UDP port as rtsp://…/ds', async () => {
    const { startRtspRelay } = await import('../../src/jobs/deepstream/rtsp-relay.js');
    const [port, udpPort] = [await freeUdpPort(), await freeUdpPort()];
    const relay = await startRtspRelay({ port, host: '127.0.0.1', mount: '/ds', udpPort, env: process.env });
    const sender = execa('gst-launch-1.0', ['-q', 'videotestsrc', 'is-live=true', '!', 'video/x-raw,width=320,height=240,framerate=30/1,format=I420', '!',
      'x264enc', 'tune=zerolatency', 'key-int-max=15', '!', 'h264parse', 'config-interval=-1', '!', 'rtph264pay', 'config-interval=1', 'pt=96', '!',
      'udpsink', 'host=127.0.0.1', `port=${udpPort}`], { reject: false });
    try {
      expect(relay.url).toBe(`rtsp://127.0.0.1:${port}/ds`);
      const probe = await execa('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', '-show_streams', '-of', 'json', relay.url], { reject: false, timeout: 30_000 });
      // Joining a live stream between keyframes, the decoder complains until the next SPS/PPS: that is expected.
      expect(probe.exitCode).toBe(0);
      const streams = (JSON.parse(probe.stdout) as { streams: { codec_name: string; width: number; height: number }[] }).streams;
      expect(streams[0]).toMatchObject({ codec_name: 'h264', width: 320, height: 240 });
    } finally {
      sender.kill('SIGINT');
      await sender;
      await relay.stop();
    }
  });
});
