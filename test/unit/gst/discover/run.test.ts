import { join } from 'node:path';
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
const env = () => ({ ...gstChildEnv(readEnv()), LC_ALL: 'C' });

beforeAll(async () => {
  await makeClip(clip, { seconds: 1 });
  await makeClip(other, { seconds: 1, audio: false });
});
afterAll(() => tmp.cleanup());

// Running gst-discoverer-1.0 processes for a file (their argv holds its file:// URI).
const discoverersFor = async (path: string): Promise<number> => (await gstProcessesWith(toUri(path), 'gst-discoverer-1.0')).length;

describe('probeEarly: gst-discoverer-1.0 started before the command loads', () => {
  it('starts a real probe that discover() then takes, once', async () => {
    const stop = probeEarly([clip]);
    const probe = takeEarlyProbe(toUri(clip), DEFAULT_PROBE_SECONDS, env());
    expect(probe).toBeDefined();
    const run = await probe!;
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Duration:');
    expect(takeEarlyProbe(toUri(clip), DEFAULT_PROBE_SECONDS, env())).toBeUndefined();
    stop();
  });

  it('gives discover() the same MediaInfo as a probe started on demand', async () => {
    const onDemand = await discover(other);
    const stop = probeEarly([other]);
    const early = await discover(other);
    stop();
    expect(early).toEqual(onDemand);
    expect(early.audio).toEqual([]);
  });

  it('is not used when the settings differ (timeout, plugin path)', () => {
    const stop = probeEarly([clip]);
    expect(takeEarlyProbe(toUri(clip), 15, env())).toBeUndefined();
    expect(takeEarlyProbe(toUri(clip), DEFAULT_PROBE_SECONDS, { ...env(), GST_PLUGIN_PATH: '/elsewhere' })).toBeUndefined();
    stop();
  });

  it('skips what is not a local file: outputs that do not exist yet, folders, URIs', () => {
    const stop = probeEarly([join(tmp.dir, 'missing.mp4'), tmp.dir, 'rtsp://127.0.0.1:1/x']);
    expect(takeEarlyProbe(toUri(join(tmp.dir, 'missing.mp4')), DEFAULT_PROBE_SECONDS, env())).toBeUndefined();
    expect(takeEarlyProbe(toUri(tmp.dir), DEFAULT_PROBE_SECONDS, env())).toBeUndefined();
    expect(takeEarlyProbe('rtsp://127.0.0.1:1/x', DEFAULT_PROBE_SECONDS, env())).toBeUndefined();
    stop();
  });

  it('the returned stop() kills probes nobody took', async () => {
    const stop = probeEarly([clip]);
    expect(await discoverersFor(clip)).toBe(1);
    stop();
    await waitUntil('the untaken gst-discoverer-1.0 to be killed', async () => (await discoverersFor(clip)) === 0, { timeoutMs: 30_000 });
    expect(takeEarlyProbe(toUri(clip), DEFAULT_PROBE_SECONDS, env())).toBeUndefined();
  });
});
