// The launcher (bin/lydlr-gst.cjs) compiles the one-file CLI bundle with a V8 code cache per command,
// kept under $XDG_CACHE_HOME/lydlr-gst/v8/<bundle and Node version>/.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const tmp = tempDir('lydlr-v8-cache-');
afterAll(() => tmp.cleanup());

// Each test its own cache home; the one key folder inside it and its files.
function cacheHome(name: string) {
  const home = join(tmp.dir, name);
  const root = join(home, 'lydlr-gst', 'v8');
  const keyDir = () => {
    const keys = existsSync(root) ? readdirSync(root) : [];
    expect(keys.length, `key folders: ${keys.join(', ')}`).toBeLessThanOrEqual(1);
    return keys[0] === undefined ? undefined : join(root, keys[0]);
  };
  const files = () => {
    const dir = keyDir();
    return dir ? readdirSync(dir).sort() : [];
  };
  return { env: { XDG_CACHE_HOME: home }, root, keyDir, files };
}

const PIPELINE = 'videotestsrc num-buffers=5 ! fakesink';

describe('the launcher\'s V8 code cache', () => {
  it('a command writes its cache on its first run and reads it afterwards; help runs keep their own', async () => {
    const c = cacheHome('per-command');
    expect((await cli(['launch', PIPELINE], { env: c.env })).exitCode).toBe(0);
    expect(c.files()).toEqual(['launch.bin']);
    const written = statSync(join(c.keyDir()!, 'launch.bin'));
    expect(written.size).toBeGreaterThan(10_000);

    const again = await cli(['launch', PIPELINE], { env: c.env });
    expect(again.exitCode).toBe(0);
    expect(statSync(join(c.keyDir()!, 'launch.bin')).mtimeMs, 'a cache V8 took is not written again').toBe(written.mtimeMs);

    const help = await cli(['compress', '--help'], { env: c.env });
    expect(help.stdout).toContain('Usage: lydlr-gst compress');
    expect(c.files()).toEqual(['compress.help.bin', 'launch.bin']);
  });

  it('a cache V8 refuses (damaged, or from another build of V8) is replaced, and the command runs as usual', async () => {
    const c = cacheHome('damaged');
    expect((await cli(['launch', PIPELINE], { env: c.env })).exitCode).toBe(0);
    const file = join(c.keyDir()!, 'launch.bin');
    const good = readFileSync(file);
    writeFileSync(file, Buffer.concat([good.subarray(0, 64), Buffer.alloc(good.length - 64, 0x5a)]));
    const r = await cli(['launch', '--json', PIPELINE], { env: c.env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.result).toMatchObject({ ok: true });
    expect(readFileSync(file).subarray(64, 128).equals(Buffer.alloc(64, 0x5a)), 'rewritten').toBe(false);
  });

  it('LYDLR_GST_NO_CACHE=1 reads and writes none; an unwritable cache home is no error', async () => {
    const c = cacheHome('none');
    expect((await cli(['launch', PIPELINE], { env: { ...c.env, LYDLR_GST_NO_CACHE: '1' } })).exitCode).toBe(0);
    expect(existsSync(c.root)).toBe(false);

    const blocked = join(tmp.dir, 'a file, not a folder');
    writeFileSync(blocked, '');
    const r = await cli(['launch', PIPELINE], { env: { XDG_CACHE_HOME: blocked } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/ENOTDIR|EEXIST|Error/);
  });

  it('keeps the current build\'s folder and the two other builds\' last written: older ones are removed when a cache is written', async () => {
    const c = cacheHome('builds');
    const other = (name: string, minutesAgo: number) => {
      const dir = join(c.root, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'launch.bin'), 'other');
      const at = new Date(Date.now() - minutesAgo * 60_000);
      utimesSync(dir, at, at);
      return dir;
    };
    const oldest = other('1-2-v0.0.0-x64', 30);
    const older = other('3-4-v0.0.0-x64', 20);
    const recent = other('5-6-v0.0.0-x64', 10);
    expect((await cli(['launch', PIPELINE], { env: c.env })).exitCode).toBe(0);
    expect(existsSync(oldest)).toBe(false);
    expect(existsSync(older) && existsSync(recent), 'two installs used in turn keep their caches').toBe(true);
    const current = readdirSync(c.root).filter((name) => !name.endsWith('-v0.0.0-x64'));
    expect(current).toHaveLength(1);
    expect(readdirSync(join(c.root, current[0]!))).toEqual(['launch.bin']);
  });
});
