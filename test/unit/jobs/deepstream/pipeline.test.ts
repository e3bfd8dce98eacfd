import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeepstreamOptions, type DeepstreamOptionsInput } from '../../../../src/jobs/deepstream/options.js';
import { planDeepstream, type DeepstreamPlan } from '../../../../src/jobs/deepstream/plan.js';
import { buildDeepstreamPipeline, elementaryParser } from '../../../../src/jobs/deepstream/pipeline.js';
import { relayLaunch } from '../../../../src/jobs/deepstream/rtsp-relay.js';
import { DeepstreamPipeline } from '../../../../src/jobs/deepstream/library.js';
import { tempFiles, type TempFiles } from '../../../helpers/cli.js';

let tmp: TempFiles;
let pgie: string;
let clip: string;
const DS = '/opt/nvidia/deepstream/deepstream';

beforeAll(() => {
  tmp = tempFiles('lydlr-ds-unit-');
  pgie = tmp.file('pgie.txt', '[property]\ngpu-id=0\nbatch-size=1\n\n[class-attrs-all]\npre-cluster-threshold=0.2\n');
  clip = tmp.file('clip.mp4', 'not really media');
});
afterAll(() => tmp.cleanup());

const plan = (over: Partial<DeepstreamOptionsInput> = {}): DeepstreamPlan =>
  planDeepstream(parseDeepstreamOptions({ inputs: [clip], config: pgie, deepstreamPath: DS, ...over }));
const text = (over: Partial<DeepstreamOptionsInput> = {}): string => buildDeepstreamPipeline(plan(over)).build();

describe('buildDeepstreamPipeline: the canonical pipeline', () => {
  it('one file: decodebin → NVMM → nvstreammux → nvinfer → nvvideoconvert → nvdsosd → fakesink', () => {
    expect(text()).toBe([
      'nvstreammux name=ds_mux batch-size=1 width=1920 height=1080 batched-push-timeout=40000',
      `! queue ! nvinfer name=ds_pgie config-file-path=${pgie} batch-size=1 unique-id=1`,
      '! queue ! nvvideoconvert ! nvdsosd name=ds_osd ! identity name=lydlr_stats0 silent=false ! fakesink name=ds_sink sync=false',
      `filesrc name=ds_src0 location=${clip} ! decodebin name=ds_dec0`,
      'ds_dec0. ! video/x-raw(ANY) ! queue ! nvvideoconvert ! video/x-raw(memory:NVMM),format=NV12 ! ds_mux.sink_0',
    ].join(' '));
  });

  it('two inputs: batch-size=2 on nvstreammux and nvinfer, and a 1×2 nvmultistreamtiler', () => {
    const t = text({ inputs: [clip, 'test:ball'] });
    expect(t).toContain('nvstreammux name=ds_mux batch-size=2 ');
    expect(t).toContain('batch-size=2 unique-id=1');
    expect(t).toContain('nvmultistreamtiler name=ds_tiler rows=1 columns=2 width=1920 height=1080');
    expect(t).toContain('ds_mux.sink_0');
    expect(t).toContain('videotestsrc name=ds_src1 pattern=ball ! video/x-raw,width=1920,height=1080,framerate=30/1 ! queue ! nvvideoconvert ! video/x-raw(memory:NVMM),format=NV12 ! ds_mux.sink_1');
  });

  it.each([
    [1, 1, 1], [2, 1, 2], [3, 1, 3], [4, 2, 2], [5, 2, 3], [9, 3, 3], [10, 3, 4],
  ])('%i inputs tile as %i rows × %i columns (as deepstream-test3)', (n, rows, columns) => {
    const p = plan({ inputs: Array.from({ length: n }, () => 'test') });
    expect(p.tiler ?? { rows: 1, columns: 1 }).toEqual({ rows, columns });
  });

  it('--batch-size overrides the number of inputs; --width/--height size the mux and tiler', () => {
    const t = text({ inputs: ['test', 'test'], batchSize: 4, width: 1280, height: 720 });
    expect(t).toContain('nvstreammux name=ds_mux batch-size=4 width=1280 height=720');
    expect(t).toContain('rows=1 columns=2 width=1280 height=720');
  });

  it.each([
    ['cam.h264', 'filesrc name=ds_src0 location=DIR/cam.h264 ! h264parse ! nvv4l2decoder ! queue ! ds_mux.sink_0'],
    ['cam.265', 'filesrc name=ds_src0 location=DIR/cam.265 ! h265parse ! nvv4l2decoder ! queue ! ds_mux.sink_0'],
  ])('a bare elementary stream %s: parser → nvv4l2decoder (deepstream-test1)', (name, expected) => {
    const input = tmp.file(name);
    expect(text({ inputs: [input] })).toContain(expected.replace('DIR', tmp.dir));
  });

  it('live inputs: uridecodebin for URIs, v4l2src for cameras, live-source=true', () => {
    const t = text({ inputs: ['rtsp://cam.local/stream?x=1', '/dev/video0'] });
    expect(t).toContain('live-source=true');
    expect(t).toContain('uridecodebin name=ds_src0 uri="rtsp://cam.local/stream?x=1" ds_src0. ! video/x-raw(ANY) ! queue ! nvvideoconvert');
    expect(t).toContain('v4l2src name=ds_src1 device=/dev/video0 ! videoconvert ! queue ! nvvideoconvert');
    expect(text({ inputs: ['test'], live: true, durationSeconds: 2 })).toContain('videotestsrc name=ds_src0 pattern=smpte is-live=true num-buffers=60');
    expect(text({ inputs: ['test'] })).not.toContain('live-source');
  });

  it('tracker and secondaries in order, each nvinfer with its own unique-id', () => {
    const tracker = tmp.file('tracker.yml', 'BaseConfig:\n  minDetectorConfidence: 0.2\n');
    const s1 = tmp.file('sgie1.txt', '[property]\nprocess-mode=2\n');
    const s2 = tmp.file('sgie2.txt', '[property]\nprocess-mode=2\n');
    const t = text({ tracker, secondary: [s1, s2] });
    const order = ['ds_pgie', 'nvtracker', 'ds_sgie1', 'ds_sgie2', 'nvdsosd'].map((s) => t.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(t).toContain(`nvtracker name=ds_tracker ll-lib-file=${DS}/lib/libnvds_nvmultiobjecttracker.so ll-config-file=${tracker} tracker-width=640 tracker-height=384`);
    expect(t).toContain(`nvinfer name=ds_sgie1 config-file-path=${s1} unique-id=2`);
    expect(t).toContain(`nvinfer name=ds_sgie2 config-file-path=${s2} unique-id=3`);
  });

  it('unique-ids: a config\'s own gie-unique-id is kept, the others get free ones; duplicates are refused', () => {
    const own = tmp.file('own.txt', '[property]\ngie-unique-id=1\n');
    const mine = tmp.file('pgie5.txt', '[property]\ngie-unique-id=5\n');
    const p = plan({ config: mine, secondary: [tmp.file('s.txt', '[property]\n'), own] });
    expect([p.primary.uniqueId, ...p.secondaries.map((s) => s.uniqueId)]).toEqual([5, 2, 1]);
    const twin = tmp.file('twin.txt', '[property]\ngie-unique-id=5\n');
    expect(() => plan({ config: mine, secondary: [twin] })).toThrow(/unique-id 5 is set by both/);
  });

  it('file output: NVMM I420 → nvv4l2h264enc (bit/s) → h264parse → the extension\'s muxer → filesink', () => {
    const out = join(tmp.dir, 'out.mkv');
    expect(text({ output: { kind: 'file', path: out }, bitrate: 2500 })).toContain(
      `! queue ! nvvideoconvert ! video/x-raw(memory:NVMM),format=I420 ! nvv4l2h264enc bitrate=2500000 ! h264parse ! identity name=lydlr_stats0 silent=false ! matroskamux ! filesink location=${out}`);
    const p = plan({ output: { kind: 'file', path: join(tmp.dir, 'out.mp4') } });
    expect(buildDeepstreamPipeline(p, { outputLocation: '/tmp/.partial.mp4' }).build()).toContain('mp4mux ! filesink location=/tmp/.partial.mp4');
  });

  it('RTSP output: RTP/H.264 to a loopback UDP port, served by udpsrc name=pay0 (deepstream-app\'s way)', () => {
    const p = plan({ output: { kind: 'rtsp', port: 8554 } });
    expect(p.output).toEqual({ kind: 'rtsp', port: 8554, host: '127.0.0.1', mount: '/ds', udpPort: 0 });
    expect(buildDeepstreamPipeline(p, { udpPort: 5400 }).build()).toContain(
      'nvv4l2h264enc bitrate=4000000 iframeinterval=30 ! h264parse config-interval=-1 ! identity name=lydlr_stats0 silent=false ! rtph264pay config-interval=1 pt=96 ! udpsink host=127.0.0.1 port=5400');
    expect(relayLaunch(5400)).toBe('( udpsrc name=pay0 port=5400 buffer-size=524288 caps="application/x-rtp,media=video,clock-rate=90000,encoding-name=H264,payload=96" )');
  });

  it('display output: nveglglessink', () => {
    expect(text({ output: { kind: 'display' } })).toContain('! nveglglessink name=ds_sink');
  });

  it('--broker: a tee after inference feeds nvmsgconv → nvmsgbroker with the protocol adapter', () => {
    const msgconv = tmp.file('msgconv.yml', 'sensor0:\n  enable: 1\n');
    const t = text({ broker: 'kafka://kafka.local:9092/detections', msgconvConfig: msgconv, payloadType: 'minimal', frameInterval: 10 });
    expect(t).toContain(`unique-id=1 ! tee name=ds_meta ds_meta. ! queue ! nvmsgconv name=ds_msgconv config=${msgconv} payload-type=1 msg2p-newapi=true frame-interval=10`);
    expect(t).toContain(`! nvmsgbroker name=ds_msgbroker proto-lib=${DS}/lib/libnvds_kafka_proto.so conn-str="kafka.local;9092" topic=detections sync=false`);
    expect(t).toContain('ds_meta. ! queue ! nvvideoconvert ! nvdsosd');
  });

  it('--gpu-id N reaches every GPU element; 0 (the default) is left out', () => {
    const t = text({ inputs: ['test', 'test'], gpuId: 1 });
    for (const e of ['nvstreammux', 'nvinfer', 'nvmultistreamtiler', 'nvdsosd']) expect(t).toMatch(new RegExp(`${e} [^!]*gpu-id=1`));
    expect(t.match(/nvvideoconvert gpu-id=1/g)?.length).toBe(3);
    expect(text()).not.toContain('gpu-id');
  });

  // The quoted forms are written out by hand from the gst-launch grammar: double quotes around the
  // value, and a backslash before each " and \ inside it.
  it.each([
    ['my pgie.txt', 'my pgie.txt'],
    ['quote"d.txt', 'quote\\"d.txt'],
    ["it's.txt", "it's.txt"],
    ['bang!.txt', 'bang!.txt'],
    ['comma,eq=.txt', 'comma,eq=.txt'],
    ['back\\slash.txt', 'back\\\\slash.txt'],
    ['paren(1).txt', 'paren(1).txt'],
  ])('a hostile config file name %j reaches config-file-path quoted per the grammar, as one token', (name, quoted) => {
    const sub = join(tmp.dir, 'hostile');
    mkdirSync(sub, { recursive: true });
    const config = join(sub, name);
    writeFileSync(config, '[property]\n');
    const argv = buildDeepstreamPipeline(plan({ config })).toArgv();
    expect(argv).toContain(`config-file-path="${sub}/${quoted}"`);
  });

  it('elementaryParser knows bare streams from containers', () => {
    expect(['a.h264', 'a.264', 'A.H264', 'a.h265', 'a.hevc', 'a.mp4', 'a.ts', 'noext'].map(elementaryParser))
      .toEqual(['h264parse', 'h264parse', 'h264parse', 'h265parse', 'h265parse', undefined, undefined, undefined]);
  });

  it('factories() lists what the run needs', () => {
    const f = buildDeepstreamPipeline(plan({ inputs: [clip, clip] })).factories();
    expect(f).toEqual(expect.arrayContaining(['nvstreammux', 'nvinfer', 'nvmultistreamtiler', 'nvvideoconvert', 'nvdsosd', 'filesrc', 'decodebin']));
  });
});

describe('DeepstreamPipeline (the library class)', () => {
  it('plans and builds the same pipeline as the CLI; NVIDIA_DEEPSTREAM_PATH fills deepstreamPath', async () => {
    const tracker = tmp.file('t.yml', 'x: 1\n');
    const ds = new DeepstreamPipeline({ inputs: [clip], config: pgie, tracker }, { env: { NVIDIA_DEEPSTREAM_PATH: '/ds' } });
    expect(ds.options.deepstreamPath).toBe('/ds');
    expect((await ds.createPipeline()).build()).toContain('ll-lib-file=/ds/lib/libnvds_nvmultiobjecttracker.so');
    expect(ds.getStats()).toEqual({ state: 'idle', frames: null, bytes: null, errors: 0, warnings: 0, uptimeMs: 0, rtspUrl: undefined });
  });

  it('start() refuses with exit 3 and the reasons when DeepStream is not available', async () => {
    const ds = new DeepstreamPipeline({ inputs: [clip], config: pgie }, { env: { ...process.env, DEEPSTREAM_ENABLED: 'false' } });
    await expect(ds.start()).rejects.toMatchObject({ exitCode: 3, message: expect.stringContaining('DEEPSTREAM_ENABLED is false') });
  });

  it('invalid options throw a usage error (exit 2) at construction', () => {
    expect(() => new DeepstreamPipeline({ inputs: [], config: pgie })).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});
