// A body → the CLI argv the job runs, refused like the command would refuse it (by field).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/api-error.js';
import type { Api } from '../../../src/api/api.js';
import { loadJobKinds, type JobKind } from '../../../src/api/job-kinds.js';
import { defineJob } from '../../../src/jobs/spec.js';
import { PathGuard } from '../../../src/api/paths.js';
import { prepareJob } from '../../../src/api/prepare-job.js';
import { displayCommand } from '../../../src/api/routes-jobs.js';
import { tempDir } from '../../helpers/cli.js';

let dir: string;
let cleanup: () => void;
let api: Api;
let pgie: string;
let kinds: JobKind[];
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('lydlr-prepare-'));
  kinds = await loadJobKinds();
  api = { kinds, paths: new PathGuard(undefined, dir) } as unknown as Api;
  pgie = join(dir, 'pgie.txt');
  writeFileSync(pgie, '[property]\ngpu-id=0\n');
});
afterAll(() => cleanup());

const kindNamed = (name: string): JobKind => kinds.find((k) => k.name === name) ?? expect.unreachable(`no job kind ${name}`);
const prepare = (kind: string, body: Record<string, unknown>, on: Api = api) => prepareJob(on, kindNamed(kind), body);
const refusal = (kind: string, body: Record<string, unknown>, on: Api = api): ApiError => {
  try {
    prepare(kind, body, on);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('accepted');
};

describe('body → argv', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['compression', { input_source: 'test:ball', output_sink: 'out.webm', codec: 'vp9', compression_level: 0.5, duration: 2 },
      ['compress', '--codec=vp9', '--level=0.5', '--duration=2', '--', 'test:ball', '<dir>/out.webm']],
    ['compression', { input: ['a.mp4', '-b.mp4'], outputDir: 'out', jobs: 2, overwrite: true, dryRun: false },
      ['compress', '--output-dir=<dir>/out', '--jobs=2', '--overwrite', '--', '<dir>/a.mp4', '<dir>/-b.mp4']],
    ['hls', { input: 'test', output_dir: 'hls', segment_duration: 1, live: true, audio: false },
      ['hls', '--output-dir=<dir>/hls', '--segment-duration=1', '--live', '--no-audio', '--', 'test']],
    ['hls', { input: 'test', outputDir: 'hls', live: false, duration: 3 }, ['hls', '--output-dir=<dir>/hls', '--no-live', '--duration=3', '--', 'test']],
    ['rtsp', { input: 'test', rtsp_port: 0, mount_point: '/cam' }, ['rtsp', '--port=0', '--mount=/cam', '--', 'test']],
    ['rtsp', { mount: ['/a=test', '/b=test:ball'], port: 8554 }, ['rtsp', '--port=8554', '--mount=/a=test', '--mount=/b=test:ball']],
    ['rtsp', { input: 'test', record: 'rec' }, ['rtsp', '--record=<dir>/rec', '--', 'test']],
    ['webrtc', { input: 'test', port: 0, stun: ['stun://stun.example:3478'] }, ['webrtc', '--port=0', '--stun=stun://stun.example:3478', '--', 'test']],
    ['deepstream-inference', { input: ['test', 'test:ball'], config: 'pgie.txt', rtsp_port: 8554, dryRun: true },
      ['deepstream', 'inference', '--config=<dir>/pgie.txt', '--rtsp-port=8554', '--dry-run', '--', 'test', 'test:ball']],
    ['test-pipeline', { pipeline: 'videotestsrc num-buffers=5 ! fakesink', timeout: 5 }, ['test', '--timeout=5', '--', 'videotestsrc num-buffers=5 ! fakesink']],
    ['test-pipeline', {}, ['test']],
    ['thumbnails', { input: 'a.mp4', outputDir: 't', sprite: true, columns: 6 }, ['thumbnails', '--output-dir=<dir>/t', '--sprite', '--columns=6', '--', '<dir>/a.mp4']],
    ['thumbnails', { input: 'a.mp4', outputDir: 't', sprite: '4x3' }, ['thumbnails', '--output-dir=<dir>/t', '--sprite=4x3', '--', '<dir>/a.mp4']],
    ['thumbnails', { input: 'a.mp4', outputDir: 't', sprite: false }, ['thumbnails', '--output-dir=<dir>/t', '--', '<dir>/a.mp4']],
  ])('%s %j', (kind, body, argv) => {
    expect(prepare(kind, body).argv).toEqual(argv.map((a) => a.replace('<dir>', dir)));
  });
});

describe('text-valued flags with no schema field (addresses, commands, "all") are strings in a body; other parsed values numbers', () => {
  it('record: the schema\'s numbers in base units (seconds, bytes), the ops fields as text, all reaching argv', () => {
    const body = { source: 'test', outputDir: 'rec', segment: 10, maxSegmentSize: 104857600, metrics: '127.0.0.1:0', onSegmentComplete: 'sh -c "echo done"' };
    expect(prepare('record', body).argv).toEqual(['record', `--output-dir=${dir}/rec`, '--segment=10', '--max-segment-size=104857600',
      '--metrics=127.0.0.1:0', '--on-segment-complete=sh -c "echo done"', '--', 'test']);
  });

  it('hls audioTrack "all", metrics as :PORT; record\'s segment as a plain number', () => {
    expect(prepare('hls', { input: 'test', outputDir: 'h', audioTrack: 'all', metrics: ':0' }).argv).toEqual(['hls', `--output-dir=${dir}/h`, '--audio-track=all', '--metrics=:0', '--', 'test']);
    expect(prepare('record', { source: 'test', outputDir: 'r', segment: 30 }).argv).toEqual(['record', `--output-dir=${dir}/r`, '--segment=30', '--', 'test']);
  });

  it('their own parser still refuses bad text, and numeric fields still refuse text', () => {
    expect(refusal('record', { source: 'test', outputDir: 'r', onExit: 'sh -c "unclosed' }).details).toMatchObject({ issues: [{ field: 'onExit' }] });
    expect(refusal('hls', { input: 'test', outputDir: 'h', metrics: 'nowhere' }).details).toMatchObject({ issues: [{ field: 'metrics' }] });
    expect(refusal('hls', { input: 'test', outputDir: 'h', segmentDuration: '2s' }).details).toMatchObject({ issues: [{ field: 'segmentDuration' }] });
  });
});

describe('secrets go to the job\'s environment, not its argv (ps shows argv to every user)', () => {
  it('rtsp auth: LYDLR_RTSP_AUTH, a password with a space stays a flag', () => {
    const job = prepare('rtsp', { input: 'test', auth: ['viewer:s3cret', 'ops:two words'] });
    expect(job.argv).toEqual(['rtsp', '--auth=ops:two words', '--', 'test']);
    expect(job.env).toEqual({ LYDLR_RTSP_AUTH: 'viewer:s3cret' });
    expect(prepare('rtsp', { input: 'test', auth: 'a:b' })).toMatchObject({ argv: ['rtsp', '--', 'test'], env: { LYDLR_RTSP_AUTH: 'a:b' } });
  });

  it('webrtc token: LYDLR_WEBRTC_TOKEN', () => {
    const job = prepare('webrtc', { input: 'test', token: 's3cret' });
    expect(job.argv).toEqual(['webrtc', '--', 'test']);
    expect(job.env).toEqual({ LYDLR_WEBRTC_TOKEN: 's3cret' });
  });

  it('nothing secret: no environment added', () => {
    expect(prepare('webrtc', { input: 'test', port: 0 }).env).toEqual({});
    expect(prepare('compression', { input_source: 'test', output_sink: 'o.mp4' }).env).toEqual({});
  });
});

describe('refusals, by field', () => {
  it('values: every issue of the command\'s own zod schema', () => {
    const e = refusal('compression', { input: 'test', output: 'o.mp4', level: 3, codec: 'mpeg7', fps: 'fast' });
    expect(e.status).toBe(400);
    expect(e.details.issues).toEqual(expect.arrayContaining([
      { field: 'level', message: expect.stringContaining('between 0 and 1') },
      { field: 'fps', message: expect.any(String) },
    ]));
  });

  it('cross-field rules of the schema (codec names, level vs bitrate, output vs outputDir)', () => {
    expect(refusal('compression', { input: 'test', output: 'o.mp4', codec: 'mpeg7' }).details.issues).toEqual([{ field: 'codec', message: expect.stringContaining('unknown codec "mpeg7"') }]);
    expect(refusal('compression', { input: 'test', output: 'o.mp4', level: 0.5, bitrate: 900 }).details.issues).toEqual([{ field: 'bitrate', message: expect.stringContaining('exclude each other') }]);
    expect(refusal('compression', { input: 'test', output: 'o.mp4', outputDir: 'd' }).details.issues).toEqual([{ field: 'outputDir', message: expect.stringContaining('not both') }]);
    expect(refusal('compression', { input: 'test' }).details.issues).toEqual([{ field: 'output', message: expect.stringContaining('give an output file') }]);
  });

  it('unknown and missing fields, conflicting options, the option\'s own parser', () => {
    expect(refusal('compression', { input: 'test', output: 'o.mp4', colour: 'red' }).details.issues).toEqual([{ field: 'colour', message: expect.stringContaining('unknown field') }]);
    expect(refusal('compression', { output: 'o.mp4' }).details.issues).toEqual([{ field: 'input', message: expect.any(String) }]);
    expect(refusal('deepstream-inference', { input: 'test', config: pgie, output: 'o.mp4', rtspPort: 8554 }).details.issues).toEqual([{ field: 'output', message: '"output" and "rtspPort" exclude each other: give one' }]);
    expect(refusal('deepstream-inference', { input: 'test' }).details.issues).toEqual([{ field: 'config', message: expect.any(String) }]);
    expect(refusal('deepstream-inference', { input: 'test', config: pgie, rtspPort: 70000 }).details.issues).toEqual([{ field: 'rtspPort', message: expect.stringContaining('65535') }]);
  });

  it('the command\'s own whole-options check (files, combinations) is a 400 naming the field', () => {
    expect(refusal('deepstream-inference', { input: 'test', config: 'missing.txt' })).toMatchObject({ status: 400, details: { issues: [{ field: 'config', message: expect.stringContaining('does not exist') }] } });
    expect(refusal('hls', { input: 'test', outputDir: 'h', live: false }).message).toContain('needs --duration');
    expect(refusal('rtsp', { input: 'test', multicast: true, transport: 'tcp' }).message).toContain('--multicast needs UDP');
    expect(refusal('webrtc', { input: 'test', codec: 'h265' }).details.issues).toEqual([{ field: 'codec', message: expect.stringContaining('not a WebRTC video codec') }]);
  });

  it('paths outside --root are 403', () => {
    const rooted = { ...api, paths: new PathGuard(dir) } as Api;
    expect(refusal('compression', { input: '../x.mp4', output: 'o.mp4' }, rooted).status).toBe(403);
    expect(refusal('compression', { input: 'test', output: '/tmp/o.mp4' }, rooted).status).toBe(403);
    expect(refusal('test-pipeline', { pipeline: 'videotestsrc ! filesink location=/tmp/x' }, rooted).status).toBe(403);
    expect(refusal('rtsp', { input: 'test', record: '/tmp/recordings' }, rooted).status).toBe(403);
  });

});

describe('body schemas', () => {
  // A job defined here, as a new job would be: its body comes from its flags and arguments alone.
  const toy = defineJob({
    command: ['toy'], summary: 'a toy', help: '',
    args: [{ name: 'input', required: true, help: 'what to read' }],
    flags: [
      { flags: '--frames <n>', help: 'how many', parse: (v: string) => { if (!/^\d+$/.test(v)) throw new Error(`--frames must be a whole number, got "${v}"`); return Number(v); } },
      { flags: '--loud', help: 'say more' },
      { flags: '--tag <t>', help: 'a label (repeatable)', repeatable: true },
    ],
    api: { kind: 'toy', path: '/pipeline/toy/', tag: 'pipelines', summary: 'a toy', body: async () => ({ paths: { specs: ['input'] }, answer: () => 'created' as const }) },
    load: async () => async () => ({ ok: true, data: {} }),
  });

  it('a new job gets its body from its flags and arguments: typed fields, argv, refusals by its own parser', async () => {
    const [kind] = await loadJobKinds([toy]);
    expect(Object.keys(kind!.bodySchema.shape).sort()).toEqual(['frames', 'input', 'loud', 'tag']);
    expect(prepareJob(api, kind!, { input: 'test', frames: 3, loud: true, tag: ['a', 'b'] }).argv).toEqual(['toy', '--frames=3', '--loud', '--tag=a', '--tag=b', '--', 'test']);
    const bad = (() => { try { prepareJob(api, kind!, { input: 'test', frames: 1.5 }); } catch (e) { return e as ApiError; } throw new Error('accepted'); })();
    expect(bad.details.issues).toEqual([{ field: 'frames', message: '--frames must be a whole number, got "1.5"' }]);
  });
});

describe('displayCommand', () => {
  it('is copy-pasteable, with passwords and tokens masked', () => {
    expect(displayCommand(['--json', 'compress', '--codec=vp9', '--', 'my clip.mp4', 'out.webm'])).toBe("lydlr-gst --json compress --codec=vp9 -- 'my clip.mp4' out.webm");
    expect(displayCommand(['rtsp', '--auth=viewer:s3cret', '--publish=rtsp://user:pw@media:8554/x', '--', 'test'])).toBe("lydlr-gst rtsp '--auth=viewer:***' '--publish=rtsp://user:***@media:8554/x' -- test");
    expect(displayCommand(['webrtc', '--token=abc', '--turn=turn://u:p@turn.example:3478', '--', 'test'])).toBe("lydlr-gst webrtc '--token=***' '--turn=turn://u:***@turn.example:3478' -- test");
  });
});

describe('an empty body names every missing field', () => {
  it.each<[string, Record<string, string>]>([
    ['compression', { input: 'required: input file(s)', output: 'give an output file' }],
    ['hls', { input: 'required: file, URI', outputDir: 'required' }],
    ['webrtc', { input: 'required: test, test:PATTERN' }],
  ])('%s {} → one issue per missing field, none saying only "Invalid input"', (kind, expected) => {
    const error = refusal(kind, {});
    expect(error.status).toBe(400);
    const issues = error.details.issues ?? [];
    expect(issues.map((i) => i.field)).toEqual(Object.keys(expected));
    for (const issue of issues) expect(issue.message.startsWith(expected[issue.field!]!)).toBe(true);
    expect(error.message).not.toContain('Invalid input');
  });
});
