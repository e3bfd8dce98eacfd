// gst-inspect answers on disk: reused while the registry and plugin folders are unchanged, asked again otherwise.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedAnswer, cachedParse, type InspectAnswer } from '../../../../src/gst/inspect/answer-cache.js';
import { answerCacheFolder, registryState } from '../../../../src/gst/inspect/registry-state.js';
import { parseDescribe } from '../../../../src/gst/inspect/describe-parse.js';

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

  it('keeps one small file per question, in a folder per fingerprint', async () => {
    writeFileSync(registry, 'v4');
    const { run } = counted({ exitCode: 0, stdout: 'x264enc text', stderr: '' });
    await cachedAnswer(tool, ['x264enc'], env, run);
    await cachedAnswer(tool, ['--exists', '--', 'x264enc'], env, run);
    const folders = readdirSync(answerCacheFolder(env));
    const newest = folders.map((f) => join(answerCacheFolder(env), f)).find((f) => readdirSync(f).length === 2);
    expect(newest).toBeDefined();
    const entries = readdirSync(newest!).map((f) => JSON.parse(readFileSync(join(newest!, f), 'utf8')) as { args: string[]; state: string });
    expect(entries.map((e) => e.args.join(' ')).sort()).toEqual(['--exists -- x264enc', 'x264enc']);
    expect(entries.every((e) => e.state === registryState(tool, env))).toBe(true);
  });

  it('keeps what a build parsed beside the answer, and parses again for another build', async () => {
    writeFileSync(registry, 'v5');
    const { asked, run } = counted({ exitCode: 0, stdout: 'videoscale text', stderr: '' });
    const parsed = { times: 0 };
    const parse = (answer: InspectAnswer) => { parsed.times += 1; return { words: answer.stdout.split(' ') }; };
    expect(await cachedParse(tool, ['videoscale'], env, run, parse, 'build-a')).toEqual({ words: ['videoscale', 'text'] });
    expect(await cachedParse(tool, ['videoscale'], env, run, parse, 'build-a')).toEqual({ words: ['videoscale', 'text'] });
    expect([asked.times, parsed.times]).toEqual([1, 1]);
    await cachedParse(tool, ['videoscale'], env, run, parse, 'build-b'); // the answer is reused, the parse is not
    expect([asked.times, parsed.times]).toEqual([1, 2]);
    await cachedParse(tool, ['videoscale'], env, run, parse, undefined); // no build (tsc's modules): parsed every time
    expect([asked.times, parsed.times]).toEqual([1, 3]);
  });

  it('reads back, through JSON, exactly what the parser made of every captured gst-inspect description', () => {
    const fixtures = join(import.meta.dirname, '../../../fixtures/gst-1.22/inspect');
    const described = readdirSync(fixtures).filter((f) => f.endsWith('.txt') && !f.includes('listing') && !f.includes('.stderr'));
    expect(described.length).toBeGreaterThan(20);
    for (const file of described) {
      const value = parseDescribe(file.replace(/\.txt$/, ''), readFileSync(join(fixtures, file), 'utf8'));
      expect(JSON.parse(JSON.stringify(value)), file).toEqual(value);
    }
  });
});

