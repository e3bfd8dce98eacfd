import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeepstreamOptions, type DeepstreamOptionsInput } from '../../../../src/jobs/deepstream/options.js';
import { planDeepstream } from '../../../../src/jobs/deepstream/plan.js';
import { parseBroker } from '../../../../src/jobs/deepstream/broker.js';
import { parseKeyFile, readInferConfig } from '../../../../src/jobs/deepstream/config-file.js';
import { UsageError } from '../../../../src/errors.js';
import { tempFiles, type TempFiles } from '../../../helpers/cli.js';

let tmp: TempFiles;
let pgie: string;
let clip: string;
const plan = (over: Partial<DeepstreamOptionsInput>) => planDeepstream(parseDeepstreamOptions({ inputs: [clip], config: pgie, ...over }));
const usage = (fn: () => unknown, message: RegExp) => {
  expect(fn).toThrow(UsageError);
  expect(fn).toThrow(message);
};

beforeAll(() => {
  tmp = tempFiles('lydlr-ds-opts-');
  pgie = tmp.file('pgie.txt', '[property]\nnum-detected-classes=4\n');
  clip = tmp.file('clip.mp4', 'x');
});
afterAll(() => tmp.cleanup());

describe('parseDeepstreamOptions', () => {
  it('fills NVIDIA\'s defaults', () => {
    expect(parseDeepstreamOptions({ inputs: ['test'], config: 'p.txt' })).toMatchObject({
      width: 1920, height: 1080, gpuId: 0, batchedPushTimeout: 40000, bitrate: 4000, trackerWidth: 640, trackerHeight: 384,
      output: { kind: 'fakesink' }, payloadType: 'deepstream', frameInterval: 30, secondary: [], live: false,
      deepstreamPath: '/opt/nvidia/deepstream/deepstream',
    });
  });

  it.each([
    [{ inputs: [] }, /Invalid <input>: give at least one input/],
    [{ batchSize: 0 }, /Invalid --batch-size/],
    [{ width: 8 }, /Invalid --width/],
    [{ gpuId: -1 }, /Invalid --gpu-id/],
    [{ output: { kind: 'rtsp', port: 70000 } }, /Invalid --rtsp-port/],
    [{ output: { kind: 'rtsp', port: 8554, mount: 'ds' } }, /Invalid --rtsp-mount: must start with "\/"/],
    [{ payloadType: 'full' }, /Invalid --payload-type/],
  ] as [Partial<DeepstreamOptionsInput>, RegExp][])('%j is a usage error naming the flag', (over, message) => {
    usage(() => parseDeepstreamOptions({ inputs: ['test'], config: 'p.txt', ...over }), message);
  });
});

describe('config files (checked before anything runs, exit 2)', () => {
  it('reads the [property] group of an nvinfer config', () => {
    expect(parseKeyFile('# c\n[property]\ngpu-id = 0\nmodel-engine-file=a=b.engine\n[class-attrs-all]\nx=1\n')).toEqual({
      groups: ['property', 'class-attrs-all'], properties: { 'gpu-id': '0', 'model-engine-file': 'a=b.engine' },
    });
    expect(readInferConfig(pgie, '--config').properties).toEqual({ 'num-detected-classes': '4' });
  });

  it('a missing config file is named', () => usage(() => plan({ config: join(tmp.dir, 'nope.txt') }), /--config: the file ".*nope.txt" does not exist/));
  it('a folder is not a config', () => usage(() => plan({ config: tmp.dir }), /--config: ".*" is not a file/));
  it('a config without [property] is refused', () => {
    usage(() => plan({ config: tmp.file('app.txt', '[application]\nenable-perf-measurement=1\n') }), /has no \[property\] section/);
  });
  it('a secondary config is checked the same way', () => usage(() => plan({ secondary: [tmp.file('s.txt', 'gpu-id=0\n')] }), /--secondary: .* has no \[property\]/));
  it('the tracker config and an explicit tracker lib must exist', () => {
    usage(() => plan({ tracker: join(tmp.dir, 'tracker.yml') }), /--tracker: the file/);
    usage(() => plan({ tracker: tmp.file('t.yml', 'a: 1'), trackerLib: join(tmp.dir, 'lib.so') }), /--tracker-lib: the file/);
  });
  it.skipIf(process.getuid?.() === 0)('an unreadable config is named', () => {
    const locked = tmp.file('locked.txt', '[property]\n');
    chmodSync(locked, 0o000);
    usage(() => plan({ config: locked }), /is not readable/);
  });
});

describe('inputs and outputs (exit 2)', () => {
  it('an input that does not exist', () => usage(() => plan({ inputs: [join(tmp.dir, 'missing.mp4')] }), /Input ".*missing.mp4" does not exist/));
  it('standard input', () => usage(() => plan({ inputs: ['-'] }), /cannot read standard input/));
  it('a bad input spec', () => usage(() => plan({ inputs: ['test:nosuchpattern'] }), /unknown test pattern/));
  it('an output that exists, unless --overwrite', () => {
    const out = tmp.file('exists.mp4', 'old');
    usage(() => plan({ output: { kind: 'file', path: out } }), /exists/);
    expect(plan({ output: { kind: 'file', path: out, overwrite: true } }).output).toMatchObject({ kind: 'file', muxer: 'mp4mux' });
  });
  it('an output container that cannot hold H.264, or in a missing folder, or that is an input', () => {
    usage(() => plan({ output: { kind: 'file', path: join(tmp.dir, 'o.webm') } }), /must name a container that holds H.264/);
    usage(() => plan({ output: { kind: 'file', path: join(tmp.dir, 'no', 'o.mp4') } }), /does not exist/);
    mkdirSync(join(tmp.dir, 'sub'), { recursive: true });
    usage(() => plan({ output: { kind: 'file', path: clip, overwrite: true } }), /is also an input/);
  });
});

describe('parseBroker: the protocol adapters DeepStream ships', () => {
  it.each([
    ['kafka://k:9092/dets', { protocol: 'kafka', protoLib: 'libnvds_kafka_proto.so', connStr: 'k;9092', topic: 'dets' }],
    ['kafka://k/dets', { connStr: 'k;9092' }],
    ['mqtt://broker/a%2Fb', { protocol: 'mqtt', protoLib: 'libnvds_mqtt_proto.so', connStr: 'broker;1883', topic: 'a/b' }],
    ['redis://r:6380/stream', { protocol: 'redis', protoLib: 'libnvds_redis_proto.so', connStr: 'r;6380', topic: 'stream' }],
    ['redis://r', { connStr: 'r;6379', topic: undefined }],
    ['amqp://rabbit/topicname', { protocol: 'amqp', protoLib: 'libnvds_amqp_proto.so', connStr: 'rabbit;5672;guest' }],
    ['amqp://me:s3cret@rabbit:5673/t', { connStr: 'rabbit;5673;me;s3cret', display: 'amqp://me:***@rabbit:5673/t' }],
    ['azure://HostName=h.azure-devices.net;DeviceId=d;SharedAccessKey=k=', { protocol: 'azure', protoLib: 'libnvds_azure_proto.so', connStr: 'HostName=h.azure-devices.net;DeviceId=d;SharedAccessKey=k=', display: 'azure://…' }],
    ['azure://', { protocol: 'azure', connStr: undefined }],
  ])('%s', (url, expected) => expect(parseBroker(url)).toMatchObject(expected));

  it.each([
    ['kafka://k:9092', /kafka needs a topic/],
    ['mqtt://broker', /mqtt needs a topic/],
    ['zeromq://x/y', /unknown protocol "zeromq"/],
    ['k:9092/topic', /not a URL/],
    ['amqp://me:pa;ss@rabbit/t', /may contain ";"/],
  ])('%s is refused with the accepted forms', (url, message) => {
    usage(() => parseBroker(url), message);
    expect(() => parseBroker(url)).toThrow(expect.objectContaining({ fix: expect.stringContaining('kafka://HOST[:PORT]/TOPIC') }));
  });

  it('azure:// without a connection string needs --broker-config', () => {
    usage(() => plan({ broker: 'azure://' }), /needs the device connection string/);
    expect(plan({ broker: 'azure://', brokerConfig: tmp.file('cfg_azure.txt', '[message-broker]\n') }).broker).toMatchObject({ protocol: 'azure' });
  });
});
