import { describe, expect, it } from 'vitest';
import { gstChildEnv, readEnv } from '../../../src/config/env.js';
import { UsageError } from '../../../src/errors.js';

describe('readEnv', () => {
  it('reads valid values', () => {
    expect(readEnv({ GSTREAMER_DEBUG: '3', DEEPSTREAM_ENABLED: 'Yes', GSTREAMER_PLUGINS_PATH: '/p', NVIDIA_DEEPSTREAM_PATH: '/ds' })).toEqual({
      debugLevel: 3, deepstreamEnabled: true, pluginsPath: '/p', deepstreamPath: '/ds',
    });
  });

  it('has defaults', () => {
    expect(readEnv({})).toEqual({ debugLevel: undefined, deepstreamEnabled: undefined, pluginsPath: undefined, deepstreamPath: '/opt/nvidia/deepstream/deepstream' });
  });

  it.each([
    ['GSTREAMER_DEBUG', '9'],
    ['GSTREAMER_DEBUG', 'lots'],
    ['DEEPSTREAM_ENABLED', 'maybe'],
  ])('refuses %s=%s with a usage error naming the variable', (name, value) => {
    expect(() => readEnv({ [name]: value })).toThrow(UsageError);
    expect(() => readEnv({ [name]: value })).toThrow(name);
  });
});

describe('gstChildEnv', () => {
  it('passes our variables on as GStreamer\'s and untranslates messages', () => {
    const env = gstChildEnv(readEnv({ GSTREAMER_PLUGINS_PATH: '/mine', GSTREAMER_DEBUG: '2' }), {}, { GST_PLUGIN_PATH: '/theirs' });
    expect(env).toMatchObject({ GST_PLUGIN_PATH: '/mine:/theirs', GST_DEBUG: '2', LC_ALL: 'C' });
  });

  it('lets --gst-debug win over GSTREAMER_DEBUG', () => {
    expect(gstChildEnv(readEnv({ GSTREAMER_DEBUG: '2' }), { gstDebug: 4 }, {}).GST_DEBUG).toBe('4');
  });
});
