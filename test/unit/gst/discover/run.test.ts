import { join } from 'node:path';
import { execa } from 'execa';
import { LIBAV_AAC_DECODERS } from '../../../../src/gst/discover/no-decode-env.js';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { DEFAULT_PROBE_SECONDS, probeEarly, takeEarlyProbe, toUri } from '../../../../src/gst/discover/run.js';
import { discover } from '../../../../src/gst/discover/discover.js';
import { gstChildEnv, readEnv } from '../../../../src/config/env.js';
import { makeClip } from '../../../helpers/media.js';
import { gstProcessesWith, tempDir } from '../../../helpers/cli.js';
import { waitUntil } from '../../../helpers/wait.js';

const tmp = tempDir('lydlr-early-');
const clip = join(tmp.dir, "early probe 'clip'.mp4");
const other = join(tmp.dir, 'other.mp4');
const mono = join(tmp.dir, 'mono aac.mp4');
const env = () => ({ ...gstChildEnv(readEnv()), LC_ALL: 'C' });
// Early probes are light (compress's and hls's); every check below asks as those commands do.
const LIGHT = { lightAudio: true };

beforeAll(async () => {
  await makeClip(clip, { seconds: 1 });
  await makeClip(other, { seconds: 1, audio: false });
  await execa('ffmpeg', ['-v', 'error', '-y', '-i', clip, '-c:v', 'copy', '-c:a', 'aac', '-ac', '1', mono]);
});
afterAll(() => tmp.cleanup());

// Running gst-discoverer-1.0 processes for a file (their argv holds its file:// URI).
const discoverersFor = async (path: string): Promise<number> => (await gstProcessesWith(toUri(path), 'gst-discoverer-1.0')).length;

describe('probeEarly: gst-discoverer-1.0 started before the command loads', () => {
  it('starts a real probe that discover() then takes, once', async () => {
    const stop = probeEarly([clip]);
    const probe = takeEarlyProbe(toUri(clip), DEFAULT_PROBE_SECONDS, env(), LIGHT);
    expect(probe).toBeDefined();
    const run = await probe!;
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Duration:');
    expect(takeEarlyProbe(toUri(clip), DEFAULT_PROBE_SECONDS, env(), LIGHT)).toBeUndefined();
    stop();
  });

  it('gives discover() the same MediaInfo as a probe started on demand', async () => {
    const onDemand = await discover(other, LIGHT);
    const stop = probeEarly([other]);
    const early = await discover(other, LIGHT);
    stop();
    expect(early).toEqual(onDemand);
    expect(early.audio).toEqual([]);
  });

  it('is not used when the settings differ (timeout, plugin path)', () => {
    const stop = probeEarly([clip]);
    expect(takeEarlyProbe(toUri(clip), 15, env(), LIGHT)).toBeUndefined();
    expect(takeEarlyProbe(toUri(clip), DEFAULT_PROBE_SECONDS, { ...env(), GST_PLUGIN_PATH: '/elsewhere' }, LIGHT)).toBeUndefined();
    stop();
  });

  it('skips what is not a local file: outputs that do not exist yet, folders, URIs', () => {
    const stop = probeEarly([join(tmp.dir, 'missing.mp4'), tmp.dir, 'rtsp://127.0.0.1:1/x']);
    expect(takeEarlyProbe(toUri(join(tmp.dir, 'missing.mp4')), DEFAULT_PROBE_SECONDS, env(), LIGHT)).toBeUndefined();
    expect(takeEarlyProbe(toUri(tmp.dir), DEFAULT_PROBE_SECONDS, env(), LIGHT)).toBeUndefined();
    expect(takeEarlyProbe('rtsp://127.0.0.1:1/x', DEFAULT_PROBE_SECONDS, env(), LIGHT)).toBeUndefined();
    stop();
  });

  it('the returned stop() kills probes nobody took', async () => {
    // The tests before stop their probes of the same clip too: those take a moment to go.
    await waitUntil('no probe of the clip left by the tests before', async () => (await discoverersFor(clip)) === 0, { timeoutMs: 30_000 });
    const stop = probeEarly([clip]);
    expect(await discoverersFor(clip)).toBe(1);
    stop();
    await waitUntil('the untaken gst-discoverer-1.0 to be killed', async () => (await discoverersFor(clip)) === 0, { timeoutMs: 30_000 });
    expect(takeEarlyProbe(toUri(clip), DEFAULT_PROBE_SECONDS, env(), LIGHT)).toBeUndefined();
  });
});

describe('lightAudio: AAC decoded by faad instead of libav (compress\'s probe)', () => {
  it('ranks libav\'s AAC decoders NONE in the discoverer\'s environment, and only for a light probe', async () => {
    const stop = probeEarly([mono]);
    expect(takeEarlyProbe(toUri(mono), DEFAULT_PROBE_SECONDS, env()), 'a full-audio probe does not take a light one').toBeUndefined();
    const probe = takeEarlyProbe(toUri(mono), DEFAULT_PROBE_SECONDS, env(), LIGHT);
    expect(probe).toBeDefined();
    expect((await probe!).exitCode).toBe(0);
    stop();
    const ranks = (await import('../../../../src/gst/discover/no-decode-env.js')).noDecodeEnv({}, { lightAudio: true }).GST_PLUGIN_FEATURE_RANK!.split(',');
    expect(ranks).toEqual(expect.arrayContaining(LIBAV_AAC_DECODERS.map((d) => `${d}:NONE`)));
  });

  it('reports the same streams as the full probe, with the channels the stream declares (faad would make mono stereo)', async () => {
    const full = await discover(mono);
    const light = await discover(mono, { lightAudio: true });
    expect(full.audio[0]).toMatchObject({ codecName: 'aac', channels: 1, sampleRate: 48000 });
    expect(light.audio[0]).toMatchObject({ codecName: 'aac', channels: 1, sampleRate: 48000 });
    expect({ ...light, audio: [] }).toEqual({ ...full, audio: [] });
    expect(light.audio[0]!.channelLayout).toBeUndefined();
  });
});
