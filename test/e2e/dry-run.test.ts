// --dry-run prints what would run and runs nothing; every printed pipeline is then run for real with
// gst-launch-1.0 and its output checked with ffprobe, so the text asserted is text that works.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { ffprobe, makeClip } from '../helpers/media.js';
import { waitUntil } from '../helpers/wait.js';

const env = { ...process.env, LC_ALL: 'C' };
const FLAGS = 'gst-launch-1.0 -m -e -v --force-position ';
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function temp(): string {
  const t = tempDir('lydlr-dry-');
  cleanups.push(t.cleanup);
  return t.dir;
}

const codecs = async (path: string) => (await ffprobe(path)).streams.map((s) => `${s.codec_type}:${s.codec_name}${s.width ? ` ${s.width}x${s.height}` : ''}`).sort();

// Runs a printed shell line as a user would paste it (exec: the signal reaches gst-launch itself).
function runShellLine(line: string) {
  return execa('sh', ['-c', `exec ${line}`], { env, reject: false });
}

// A live pipeline never ends: run it until `ready` holds, then Ctrl-C it (-e: EOS, files finalized).
async function runLiveUntil(run: ReturnType<typeof execa>, what: string, ready: () => boolean): Promise<void> {
  await waitUntil(what, ready, { timeoutMs: 60_000 });
  run.kill('SIGINT');
  const r = await run;
  expect(r.exitCode, String(r.stderr)).toBe(0);
}

const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);

describe('compress --dry-run', () => {
  it('human: a "# input → output (encoder)" line and the gst-launch-1.0 line, which encodes 1 s of H.264 + AAC to the hidden partial file', async () => {
    const dir = temp();
    const out = join(dir, 'o.mp4');
    const r = await cli(['compress', 'test:ball', out, '--duration', '1', '--dry-run']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`# test:ball → ${out} (x264enc)`);
    const partial = new RegExp(`^${FLAGS}mp4mux name=mux ! filesink location=${dir}/\\.o\\.partial-\\d+-[0-9a-f]{6}\\.mp4 videotestsrc pattern=ball is-live=false num-buffers=30 ! `);
    expect(lines[1]).toMatch(partial);
    expect(readdirSync(dir)).toEqual([]); // nothing ran
    const run = await runShellLine(lines[1]!);
    expect(run.exitCode, run.stderr).toBe(0);
    const written = join(dir, readdirSync(dir)[0]!);
    expect(await codecs(written)).toEqual(['audio:aac', 'video:h264 1280x720']);
    expect(Number((await ffprobe(written)).format.duration)).toBeCloseTo(1, 0);
  });

  it('--json: one result line with dryRun, the job\'s argv and gstCommand; the argv runs', async () => {
    const dir = temp();
    const r = await cli(['compress', 'test:ball', join(dir, 'o.mp4'), '--duration', '1', '--dry-run', '--json']);
    expect(r.exitCode).toBe(0);
    expect(r.json).toHaveLength(1);
    expect(r.result).toMatchObject({ type: 'result', ok: true, command: 'compress', dryRun: true });
    const job = (r.result!.jobs as { argv: string[]; gstCommand: string; encoder: string }[])[0]!;
    expect(job.encoder).toBe('x264enc');
    expect(job.gstCommand.startsWith(`${FLAGS}mp4mux name=mux ! filesink location=`)).toBe(true);
    const run = await execa('gst-launch-1.0', ['-e', ...job.argv], { env, reject: false });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await codecs(join(dir, readdirSync(dir)[0]!))).toEqual(['audio:aac', 'video:h264 1280x720']);
  });
});

describe('hls --dry-run', () => {
  it('VOD from a 2 s file, human: one gst-launch-1.0 line (hlssink2) that writes playable H.264 + AAC segments', async () => {
    const dir = temp();
    const clip = join(dir, 'clip.mp4');
    await makeClip(clip, { seconds: 2 });
    const outDir = join(dir, 'hls');
    const r = await cli(['hls', clip, '-o', outDir, '--dry-run']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`${FLAGS}filesrc name=in_src location=${clip} ! decodebin name=in `)).toBe(true);
    expect(lines[0]).toContain(` ! hls0.audio hlssink2 name=hls0 location=${outDir}/seg%05d.ts playlist-location=${outDir}/.playlist.m3u8.working target-duration=2 `);
    expect(existsSync(outDir)).toBe(false); // nothing ran
    mkdirSync(outDir);
    const run = await runShellLine(lines[0]!);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await codecs(join(outDir, 'seg00000.ts'))).toEqual(['audio:aac', 'video:h264 320x240']);
  });

  it('live test source, --json: dryRun result with argv and gstCommand; the argv writes segments until Ctrl-C', async () => {
    const outDir = join(temp(), 'live');
    const r = await cli(['hls', 'test', '-o', outDir, '--dry-run', '--json']);
    expect(r.exitCode).toBe(0);
    expect(r.json).toHaveLength(1);
    const result = r.result as { dryRun: boolean; argv: string[]; gstCommand: string };
    expect(result.dryRun).toBe(true);
    expect(result.gstCommand.startsWith(`${FLAGS}videotestsrc pattern=smpte is-live=true ! `)).toBe(true);
    expect(result.argv).toContain(`location=${outDir}/seg%05d.ts`);
    mkdirSync(outDir);
    const run = execa('gst-launch-1.0', ['-e', ...result.argv], { env, reject: false });
    await runLiveUntil(run, 'the second segment (the first is then complete)', () => existsSync(join(outDir, 'seg00001.ts')));
    expect(await codecs(join(outDir, 'seg00000.ts'))).toEqual(['audio:aac', 'video:h264 1280x720']);
  });
});

describe('rtsp --dry-run', () => {
  it('human: the URL as a comment and the mount\'s launch bin; --json carries the same bin; the bin streams H.264 RTP', async () => {
    const r = await cli(['rtsp', 'test', '--dry-run']);
    expect(r.exitCode).toBe(0);
    const [url, launch] = r.stdout.trimEnd().split('\n');
    expect(url).toBe('# rtsp://127.0.0.1:8554/stream');
    expect(launch).toMatch(/^\( videotestsrc pattern=smpte is-live=true ! video\/x-raw,width=1280,height=720,framerate=30\/1 ! .* ! x264enc .* ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1 \)$/);

    const json = await cli(['rtsp', 'test', '--dry-run', '--json']);
    expect(json.result).toMatchObject({ ok: true, dryRun: true, mounts: [{ path: '/stream', url: 'rtsp://127.0.0.1:8554/stream', launch, loop: false }] });

    // The bin as gst-rtsp-server gets it, its RTP depayloaded into MPEG-TS.
    const ts = join(temp(), 'rtp.ts');
    const run = execa('gst-launch-1.0', ['-e', ...launch!.split(' '), '!', 'rtph264depay', '!', 'h264parse', '!', 'mpegtsmux', '!', 'filesink', `location=${ts}`], { env, reject: false });
    await runLiveUntil(run, 'some depayloaded video in the file', () => size(ts) > 100_000);
    expect(await codecs(ts)).toEqual(['video:h264 1280x720']);
  });

  it('--auth on the command line: a warning on stderr about ps, and no password in the --json output', async () => {
    const r = await cli(['rtsp', 'test', '--dry-run', '--json', '--auth', 'viewer:s3cret']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('! passwords given with --auth are visible to other users of this machine (ps)');
    expect(r.stdout).not.toContain('s3cret');
  });
});

describe('webrtc --dry-run', () => {
  it('--json: the shared encode and a gst-launch line that runs it into fakesinks (VP8 + Opus from the test source)', async () => {
    const r = await cli(['webrtc', 'test', '--scale', '320x240', '--dry-run', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json).toHaveLength(1);
    const result = r.result as { dryRun: boolean; pipeline: string; argv: string[]; gstCommand: string; elements: string[] };
    expect(result).toMatchObject({ type: 'result', ok: true, command: 'webrtc', dryRun: true });
    expect(result.pipeline).toContain('vp8enc');
    expect(result.pipeline).toContain('tee name=vt');
    expect(result.pipeline).toContain('opusenc');
    expect(result.gstCommand.startsWith(FLAGS)).toBe(true);
    expect(result.gstCommand).toContain('vt. ! queue ! fakesink');
    // The test source is live: run it until each fakesink has a VP8 or Opus stream and has taken
    // buffers of it, then stop it (EOS). The sinks' own debug log says so: gst-launch -v's caps
    // lines come from property notifications, and under load whole runs of them go missing
    // (seen: no line at all about the video branch while its sink rendered every frame).
    const run = execa('gst-launch-1.0', ['-e', ...result.argv], {
      env: { ...env, GST_DEBUG: 'basesink:5', GST_DEBUG_NO_COLOR: '1' }, reject: false, buffer: false,
    });
    let partial = '';
    let tail = '';
    const seen = { vp8: false, opus: false, buffers: new Set<string>() };
    run.stderr?.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        if (/<fakesink\d+> received event .*caps=\(GstCaps\)"video\/x-vp8/.test(line)) seen.vp8 = true;
        if (/<fakesink\d+> received event .*caps=\(GstCaps\)"audio\/x-opus/.test(line)) seen.opus = true;
        const rendered = /gst_base_sink_chain_unlocked:<(fakesink\d+)>/.exec(line);
        if (rendered) seen.buffers.add(rendered[1]!);
      }
      tail = (tail + d.toString()).slice(-1500);
    });
    let exited = false;
    void run.then(() => (exited = true));
    await waitUntil('a VP8 and an Opus stream in the fakesinks, with buffers in both', () => {
      if (exited) throw new Error(`gst-launch-1.0 exited: ${tail}`);
      return seen.vp8 && seen.opus && seen.buffers.size === 2;
    }, { timeoutMs: 90_000 }).catch((error: Error) => {
      throw new Error(`${error.message}; seen: vp8 ${seen.vp8}, opus ${seen.opus}, sinks with buffers ${[...seen.buffers].join(' ')}`);
    });
    run.kill('SIGINT');
    expect((await run).exitCode).toBe(0);
  });
});

describe('every job\'s dry run', () => {
  it.each([
    ['compress', ['compress', 'test', 'OUT/o.mp4', '--duration', '1']],
    ['hls', ['hls', 'test', '-o', 'OUT/h', '--duration', '1', '--no-live']],
    ['webrtc', ['webrtc', 'test']],
    ['rtsp --publish', ['rtsp', 'test', '--publish', 'srt://127.0.0.1:9/x']],
    ['launch', ['launch', 'videotestsrc num-buffers=1 ! fakesink']],
  ])('%s names its shell line gstCommand, and it is a gst-launch-1.0 line', async (_name, args) => {
    const dir = temp();
    const r = await cli([...args.map((a) => a.replace('OUT', dir)), '--dry-run', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const result = r.result as { gstCommand?: string; jobs?: { gstCommand: string }[]; command?: unknown };
    const line = result.gstCommand ?? result.jobs?.[0]?.gstCommand;
    expect(line?.startsWith(FLAGS), JSON.stringify(result).slice(0, 300)).toBe(true);
  });
});
