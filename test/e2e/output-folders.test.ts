// Outputs that cannot be written are refused before GStreamer starts: exit 2, the user's folder and the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers/cli.js';
import { makeClip } from '../helpers/media.js';

const tmp = tempDir('lydlr-outdirs-');
const input = join(tmp.dir, 'in.mp4');
const readOnly = join(tmp.dir, 'read only');
const isRoot = process.getuid?.() === 0;

beforeAll(async () => {
  await makeClip(input, { seconds: 1 });
  writeFileSync(join(tmp.dir, 'a file'), 'x');
  if (isRoot) {
    mkdirSync(readOnly);
    await execa('mount', ['-t', 'tmpfs', '-o', 'ro,size=1M', 'tmpfs', readOnly]);
  }
}, 60_000);

afterAll(async () => {
  if (isRoot) await execa('umount', [readOnly], { reject: false });
  tmp.cleanup();
});

// Only the result line on stdout: no pipeline event, so no gst-launch-1.0 ran.
async function refused(args: string[]): Promise<{ message: string; folder: unknown }> {
  const r = await cli(['--json', ...args], { timeout: 30_000 });
  expect(r.exitCode, r.stderr).toBe(2);
  expect(r.json).toHaveLength(1);
  const error = r.result!.error as { message: string; folder: unknown };
  return error;
}

describe('hls --output-dir that cannot be written', () => {
  it('a folder under /proc: exit 2 at once (no endless mkdir), naming the folder', async () => {
    const error = await refused(['hls', input, '-o', '/proc/lydlr-hls-test']);
    expect(error.message).toContain('"/proc/lydlr-hls-test" cannot be created');
    expect(error.message).toMatch(/does not take new files/);
    expect(existsSync('/proc/lydlr-hls-test')).toBe(false);
  });

  it('a folder under /sys: exit 2, permission denied', async () => {
    const error = await refused(['hls', input, '-o', '/sys/lydlr-hls-test']);
    expect(error.message).toMatch(/"\/sys\/lydlr-hls-test" cannot be created: permission denied/);
  });

  it('a path through a file: exit 2 naming the file that is not a folder', async () => {
    const error = await refused(['hls', input, '-o', join(tmp.dir, 'a file', 'hls')]);
    expect(error.message).toContain(`${join(tmp.dir, 'a file')} is a file, not a folder`);
  });

  it.skipIf(!isRoot)('a folder on a read-only filesystem: exit 2, read-only, nothing created', async () => {
    const error = await refused(['hls', input, '-o', join(readOnly, 'hls')]);
    expect(error.message).toMatch(/cannot be created: it is on a read-only filesystem/);
    expect(error.folder).toBe(join(readOnly, 'hls'));
  });
});

describe('compress output in a folder that cannot be written', () => {
  it('/proc: exit 2 naming /proc, never the hidden temporary file', async () => {
    const error = await refused(['compress', input, '/proc/lydlr-out.mp4']);
    expect(error.message).toContain('"/proc" cannot be written to');
    expect(error.message).not.toMatch(/partial/);
  });

  it.skipIf(!isRoot)('a read-only filesystem: exit 2, read-only, the folder left empty', async () => {
    const error = await refused(['compress', input, join(readOnly, 'out.mp4')]);
    expect(error.message).toMatch(/cannot be written to: it is on a read-only filesystem/);
    expect(readdirSync(readOnly)).toEqual([]);
  });

  it('a file given as the folder: exit 2, not a folder', async () => {
    const error = await refused(['compress', input, join(tmp.dir, 'a file', 'out.mp4')]);
    expect(error.message).toContain('is a file, not a folder');
  });
});
