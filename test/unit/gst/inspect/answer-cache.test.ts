// gst-inspect answers on disk: reused while the registry and plugin folders are unchanged, asked again otherwise.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedAnswer, type InspectAnswer } from '../../../../src/gst/inspect/answer-cache.js';
import { registryState } from '../../../../src/gst/inspect/registry-state.js';

const dir = mkdtempSync(join(tmpdir(), 'lydlr-answers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tool = join(dir, 'gst-inspect-1.0');
writeFileSync(tool, '');
const plugins = join(dir, 'plugins');
mkdirSync(plugins);
const registry = join(dir, 'registry.bin');
const env = { XDG_CACHE_HOME: join(dir, 'cache'), HOME: dir, GST_REGISTRY: registry, GST_PLUGIN_SYSTEM_PATH: plugins };

function counted(answer: InspectAnswer) {
  const asked = { times: 0 };
  return { asked, run: async () => { asked.times += 1; return answer; } };
}

describe('gst-inspect answers kept on disk', () => {
  it('records nothing while there is no registry file', async () => {
    expect(registryState(tool, env)).toBeUndefined();
    const { asked, run } = counted({ exitCode: 0, stdout: '', stderr: '' });
    await cachedAnswer(tool, ['--exists', '--', 'x264enc'], env, run);
    await cachedAnswer(tool, ['--exists', '--', 'x264enc'], env, run);
    expect(asked.times).toBe(2);
  });

  it('answers again from disk while nothing changed, and asks once a plugin folder or the registry changes', async () => {
    writeFileSync(registry, 'v1');
    const { asked, run } = counted({ exitCode: 1, stdout: '', stderr: '' });
    expect(await cachedAnswer(tool, ['--exists', '--', 'nvh264enc'], env, run)).toEqual({ exitCode: 1, stdout: '', stderr: '' });
    expect(await cachedAnswer(tool, ['--exists', '--', 'nvh264enc'], env, run)).toEqual({ exitCode: 1, stdout: '', stderr: '' });
    expect(asked.times).toBe(1);
    writeFileSync(join(plugins, 'libgstnvcodec.so'), ''); // a plugin installed: the folder's mtime moves
    utimesSync(plugins, new Date(), new Date(Date.now() + 5000));
    await cachedAnswer(tool, ['--exists', '--', 'nvh264enc'], env, run);
    expect(asked.times).toBe(2);
    writeFileSync(registry, 'v2, rewritten by GStreamer');
    await cachedAnswer(tool, ['--exists', '--', 'nvh264enc'], env, run);
    expect(asked.times).toBe(3);
  });

  it('does not record an answer during which the registry changed', async () => {
    writeFileSync(registry, 'v3');
    const asked = { times: 0 };
    const rewriting = async () => { asked.times += 1; writeFileSync(registry, `v3 rewritten ${asked.times}`); return { exitCode: 0, stdout: 'x', stderr: '' }; };
    await cachedAnswer(tool, ['videoscale'], env, rewriting);
    await cachedAnswer(tool, ['videoscale'], env, rewriting);
    expect(asked.times).toBe(2);
  });
});
