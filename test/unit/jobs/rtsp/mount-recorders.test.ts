import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRecordable, recordingFolder } from '../../../../src/jobs/rtsp/mount-recorders.js';
import type { MountPlan } from '../../../../src/jobs/rtsp/plan.js';
import { parseInputSpec } from '../../../../src/pipeline/sources.js';
import { tempDir } from '../../../helpers/cli.js';

const tmp = tempDir('lydlr-mount-recorders-');
afterAll(() => tmp.cleanup());
const mount = (path: string, codec: MountPlan['codec'] = 'h264'): MountPlan => ({
  path, input: parseInputSpec('test'), codec, settings: { bitrateKbps: 800, preset: 'veryfast', keyframeInterval: 30, lowLatency: true },
  width: undefined, height: undefined, fps: 30, audio: undefined, loop: false,
});

describe('rtsp --record', () => {
  it('one mount records into DIR itself; several into DIR/<mount path>', () => {
    expect(recordingFolder('rec', [mount('/stream')], '/stream')).toBe('rec');
    const two = [mount('/cams/front'), mount('/b')];
    expect(recordingFolder('rec', two, '/cams/front')).toBe(join('rec', 'cams', 'front'));
    expect(recordingFolder('rec', two, '/b')).toBe(join('rec', 'b'));
  });

  it('refuses VP8/VP9 mounts (a second encode) and a folder that is a file', () => {
    expect(() => checkRecordable(tmp.dir, [mount('/a'), mount('/b', 'vp9')])).toThrow(/\/b is vp9 \(recording it would take a second encode\)/);
    const file = join(tmp.dir, 'a file');
    writeFileSync(file, '');
    expect(() => checkRecordable(file, [mount('/a')])).toThrow(/is a file/);
    expect(() => checkRecordable(join(tmp.dir, 'new'), [mount('/a', 'h265')])).not.toThrow();
  });
});
