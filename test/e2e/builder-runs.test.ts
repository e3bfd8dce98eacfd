// Every builder case whose text builder.test.ts checks, run for real: toArgv() into
// gst-launch-1.0 -e, the outputs read back with ffprobe. The input has a hostile file name.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { tempDir } from '../helpers/cli.js';
import { makeClip } from '../helpers/media.js';
import { BUILDER_CASES, HOSTILE_NAME, type BuilderCase, type CaseFiles, type ExpectedFile } from '../unit/pipeline/builder-cases.js';

const GST_ENV = { ...process.env, LC_ALL: 'C' };

interface ProbedFile {
  streams: { codec_type: string; codec_name: string; width?: number; height?: number; nb_read_frames?: string; sample_rate?: string; channels?: number }[];
}

// -count_frames decodes the stream, so frames are the decoded count, not a header's claim.
async function probe(path: string): Promise<ProbedFile> {
  const r = await execa('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', '-of', 'json', path]);
  return JSON.parse(r.stdout) as ProbedFile;
}

async function expectFile(dir: string, expected: ExpectedFile): Promise<void> {
  const { streams } = await probe(join(dir, expected.name));
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (expected.video) {
    const { codec, width, height, frames } = expected.video;
    expect({ codec: video?.codec_name, width: video?.width, height: video?.height, frames: Number(video?.nb_read_frames) }, expected.name)
      .toEqual({ codec, width, height, frames });
  } else {
    expect(video, `${expected.name} has no video stream`).toBeUndefined();
  }
  if (expected.audio) {
    const { codec, sampleRate, channels } = expected.audio;
    expect({ codec: audio?.codec_name, sampleRate: Number(audio?.sample_rate), channels: audio?.channels }, expected.name).toEqual({ codec, sampleRate, channels });
  } else {
    expect(audio, `${expected.name} has no audio stream`).toBeUndefined();
  }
}

// A fresh folder with the 1 s input clip under the hostile name; outputs land beside it.
async function setUp(): Promise<{ files: CaseFiles; dir: string; cleanup: () => void }> {
  const { dir, cleanup } = tempDir('lydlr-builder-');
  const input = join(dir, HOSTILE_NAME);
  await makeClip(input, { seconds: 1, width: 320, height: 240, fps: 30 });
  return { files: { input, out: (name) => join(dir, name) }, dir, cleanup };
}

async function checkRun(c: BuilderCase, r: { exitCode?: number | undefined; stderr: string }, files: CaseFiles, dir: string): Promise<void> {
  switch (c.run.kind) {
    case 'files':
      expect(r.exitCode, r.stderr).toBe(0);
      for (const file of c.run.files) await expectFile(dir, file);
      return;
    case 'copy':
      expect(r.exitCode, r.stderr).toBe(0);
      expect(readFileSync(files.out(c.run.output)).equals(readFileSync(files.input))).toBe(true);
      return;
    case 'element-error':
      expect(r.exitCode).not.toBe(0);
      expect(r.stderr).not.toContain('erroneous pipeline'); // parse and link errors are reported so
      expect(r.stderr).toMatch(new RegExp(`ERROR: from element /GstPipeline:pipeline0/\\w+:${c.run.element}: ${c.run.message.source}`));
      return;
  }
}

describe('builder cases run through gst-launch-1.0', () => {
  it.each(BUILDER_CASES.map((c) => [c.name, c] as const))('%s: toArgv() runs and the output is as expected', async (_name, c) => {
    const { files, dir, cleanup } = await setUp();
    try {
      const argv = c.build(files).toArgv();
      const r = await execa('gst-launch-1.0', ['-e', ...argv], { cwd: dir, env: GST_ENV, reject: false, timeout: 90_000 });
      await checkRun(c, { exitCode: r.exitCode, stderr: `${r.stdout}\n${r.stderr}` }, files, dir);
    } finally {
      cleanup();
    }
  });

  const withShell = BUILDER_CASES.filter((c) => c.shell);
  it.each(withShell.map((c) => [c.name, c] as const))('%s: toShellCommand() runs under /bin/sh with the same result', async (_name, c) => {
    const { files, dir, cleanup } = await setUp();
    try {
      const r = await execa('/bin/sh', ['-c', c.build(files).toShellCommand()], { cwd: dir, env: GST_ENV, reject: false, timeout: 90_000 });
      await checkRun(c, { exitCode: r.exitCode, stderr: `${r.stdout}\n${r.stderr}` }, files, dir);
    } finally {
      cleanup();
    }
  });
});
