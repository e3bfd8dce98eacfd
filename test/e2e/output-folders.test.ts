// Outputs that cannot be written are refused before GStreamer starts: exit 2, the user's folder and the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../helpers/cli.js';
import { makeClip, makeDetailedClip } from '../helpers/media.js';

const tmp = tempDir('lydlr-outdirs-');
const input = join(tmp.dir, 'in.mp4');
const readOnly = join(tmp.dir, 'read only');
const isRoot = process.getuid?.() === 0;
const detailed = join(tmp.dir, 'detailed.mp4');
const full = join(tmp.dir, 'small disk');

beforeAll(async () => {
  await Promise.all([makeClip(input, { seconds: 1 }), makeDetailedClip(detailed, { seconds: 4 })]);
  writeFileSync(join(tmp.dir, 'a file'), 'x');
  if (isRoot) {
    mkdirSync(readOnly);
    await execa('mount', ['-t', 'tmpfs', '-o', 'ro,size=1M', 'tmpfs', readOnly]);
    // 128 kB: a 4 s detailed clip does not fit, encoded by either command.
    mkdirSync(full);
    await execa('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', full]);
  }
}, 60_000);

afterAll(async () => {
  if (isRoot) for (const mount of [readOnly, full]) await execa('umount', [mount], { reject: false });
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

describe.skipIf(!isRoot)('a disk that fills up while writing', () => {
  it('compress: exit 1 "no space left on <folder>", no output and no partial file', async () => {
    const r = await cli(['--json', 'compress', detailed, join(full, 'out.mp4')], { timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(1);
    const error = r.result!.error as { message: string; fix: string };
    expect(error.message).toBe(`No space left on ${full}; the partial output was removed.`);
    expect(error.fix).toContain('df -h');
    expect(readdirSync(full)).toEqual([]);
  });

  it('hls: exit 1 "no space left on <folder>", no segment or playlist left', async () => {
    const out = join(full, 'hls');
    const r = await cli(['--json', 'hls', detailed, '-o', out], { timeout: 120_000 });
    expect(r.exitCode, r.stderr).toBe(1);
    expect((r.result!.error as { message: string }).message).toBe(`No space left on ${out}; the partial output was removed.`);
    expect(readdirSync(out)).toEqual([]);
  });
});
