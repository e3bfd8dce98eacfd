// The launcher's guess from the raw words: which input starts probing before the CLI loads.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { probeFromArgv } from '../../../src/cli/early-probe.js';
import { DEFAULT_PROBE_SECONDS, probeEarly, takeEarlyProbe, toUri } from '../../../src/gst/discover/run.js';
import { gstChildEnv, readEnv } from '../../../src/config/env.js';
import { tempDir } from '../../helpers/cli.js';

const tmp = tempDir('lydlr-early-argv-');
const clip = join(tmp.dir, 'in.mp4');
writeFileSync(clip, 'not media: the probe only has to start');
const env = () => ({ ...gstChildEnv(readEnv()), LC_ALL: 'C' });
const taken = (lightAudio = false) => takeEarlyProbe(toUri(clip), DEFAULT_PROBE_SECONDS, env(), { lightAudio });

describe('probeFromArgv', () => {
  it('probes the first word after compress or hls when it is a file', async () => {
    // Both commands' probes leave AAC to a light decoder (no-decode-env.ts): a full probe does not take it.
    for (const command of ['compress', 'hls']) {
      probeFromArgv([command, clip, join(tmp.dir, 'out.mp4'), '--bitrate', '2000']);
      expect(taken(false), command).toBeUndefined();
      const probe = taken(true);
      expect(probe, command).toBeDefined();
      await probe;
    }
  });

  it('leaves everything else to the command: other commands, an option first, help', () => {
    probeFromArgv(['launch', clip]);
    probeFromArgv(['compress', '--bitrate', '2000', clip, 'out.mp4']);
    probeFromArgv(['compress', clip, 'out.mp4', '--help']);
    probeFromArgv(['compress']);
    expect(taken(true)).toBeUndefined();
    probeEarly([])(); // nothing left running
    tmp.cleanup();
  });
});
