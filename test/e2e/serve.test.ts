// serve through the built CLI: real HTTP (fetch), real jobs (the CLI as child processes), real
// GStreamer. Read-only answers are checked against gst-inspect-1.0's own output, run here.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { rawElement, rawListing } from '../helpers/gst-inspect.js';
import { ffprobe, makeClip } from '../helpers/media.js';
import { API_ROUTES, openApiProblems, unresolvedRefs } from '../helpers/openapi.js';
import { call, isFinal, startServe, stopAllServes, waitForJob, type Json, type Serve } from '../helpers/serve.js';
import { waitUntil } from '../helpers/wait.js';

const tmp = tempDir('lydlr-serve-');
const dir = tmp.dir;
let main: Serve;
const api = (path: string, init: RequestInit & { json?: unknown } = {}) => call(main.url, path, init);

// Reads a job's Server-Sent Events until the `end` event.
async function readEvents(base: string, id: string): Promise<{ type: string; id?: number; data: Json }[]> {
  const res = await fetch(new URL(`jobs/${id}/events`, base));
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const text = await res.text();
  return text.split('\n\n').filter((block) => block.includes('data: ')).map((block) => {
    const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
    return { type: field('event') ?? 'message', id: field('id') ? Number(field('id')) : undefined, data: JSON.parse(field('data')!) as Json };
  });
}

beforeAll(async () => {
  await makeClip(join(dir, 'clip.mp4'), { seconds: 2, width: 320, height: 240 });
  main = await startServe(['--max-jobs', '3'], { cwd: dir });
});

afterAll(async () => {
  await stopAllServes();
  tmp.cleanup();
});

describe('read-only endpoints, checked against gst-inspect-1.0 run here', () => {
  it('status: 200, the GStreamer version gst-inspect-1.0 --version prints, its plugin and feature totals', async () => {
    const [a, raw, version] = await Promise.all([api('status/'), rawListing(), execa('gst-inspect-1.0', ['--version'])]);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({
      type: 'result', ok: true, command: 'status', installed: true,
      version: /^GStreamer (\S+)$/m.exec(version.stdout)![1],
      plugins: { total: raw.plugins, blacklisted: raw.blacklisted }, features: { total: raw.features }, consistent: true,
    });
  });

  it('health: 200 with ok true on this ready machine, the raw plugin totals, ?for scopes it, a bad scope is 400', async () => {
    const [a, raw] = await Promise.all([api('health/'), rawListing()]);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ ok: true, command: 'doctor', scope: 'all', plugins: { total: raw.plugins, features: raw.features, consistent: true } });
    for (const c of ['compress', 'hls', 'rtsp', 'webrtc']) expect(a.body.commands[c], c).toMatchObject({ ready: true });
    const scoped = await api('health?for=rtsp');
    expect(scoped.body).toMatchObject({ command: 'doctor', scope: 'rtsp' });
    expect(Object.keys(scoped.body.commands)).toEqual(['rtsp']);
    expect((await api('health/?for=nothing')).status).toBe(400);
  });

  it('diagnostics: the report with the raw totals, the installed Debian GStreamer packages (dpkg-query) and no errors', async () => {
    const [a, raw, dpkg] = await Promise.all([api('diagnostics/'), rawListing(), execa('dpkg-query', ['-W', '-f', '${Version}', 'gstreamer1.0-plugins-ugly'])]);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ ok: true, command: 'diagnostics', report: { plugins: { total: raw.plugins, features: raw.features } }, errors: [] });
    expect(a.body.packages).toContainEqual({ name: 'gstreamer1.0-plugins-ugly', version: dpkg.stdout, status: 'ii' });
  });

  it('plugins: the totals and plugin names of the raw listing; ?search and ?type filter; bad queries are 400', async () => {
    const [all, raw] = await Promise.all([api('plugins/'), rawListing()]);
    expect(all.status).toBe(200);
    expect(all.body.totals).toEqual({ plugins: raw.plugins, features: raw.features, blacklisted: raw.blacklisted });
    expect(new Set((all.body.plugins as Json[]).map((p) => p.name))).toEqual(raw.names);
    const h264 = await api('plugins/?search=h264');
    const names = (h264.body.features as Json[]).map((f) => f.name as string);
    expect(names).toEqual(expect.arrayContaining(raw.pairs.filter((p) => p.feature.includes('h264')).map((p) => p.feature)));
    expect(names).not.toContain('vp8enc');
    const x26 = await api('plugins?search=x26&type=element');
    expect((x26.body.features as Json[]).map((f) => f.name).sort()).toEqual(['x264enc', 'x265enc']);
    expect((await api('plugins?missing=1')).body.sets).toContainEqual(expect.objectContaining({ package: 'gstreamer1.0-plugins-ugly', state: 'installed' }));
    expect((await api('plugins?type=gadget')).body.error).toMatchObject({ name: 'InvalidQuery', issues: [{ field: 'type', message: expect.any(String) }] });
    expect((await api('plugins?colour=red')).status).toBe(400);
  });

  it('plugins/x264enc: long name, plugin and version, pad templates and property names as gst-inspect-1.0 x264enc prints them; a typo is a 404 with suggestions', async () => {
    const [a, raw] = await Promise.all([api('plugins/x264enc/'), rawElement('x264enc')]);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ kind: 'element', name: 'x264enc', factory: { longName: raw.longName }, plugin: { name: raw.pluginName, version: raw.pluginVersion } });
    expect(raw.pads).toHaveLength(2); // the raw parser found the templates at all
    expect((a.body.padTemplates as Json[]).map((p) => [p.name, p.direction, p.presence])).toEqual(raw.pads);
    expect(raw.properties).toContain('speed-preset');
    expect((a.body.properties as Json[]).map((p) => p.name).sort()).toEqual([...raw.properties].sort());
    const unknown = await api('plugins/x264ecn');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.suggestions).toContain('x264enc');
  });

  it.skipIf(existsSync('/opt/nvidia/deepstream/deepstream'))('deepstream/status without DeepStream: 200, not available, each check with its reason and fix', async () => {
    const a = await api('deepstream/status/');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ ok: true, command: 'deepstream status', available: false, enabled: false });
    expect(a.body.checks).toContainEqual(expect.objectContaining({ name: 'DEEPSTREAM_ENABLED', ok: false, reason: 'DEEPSTREAM_ENABLED is not set', fix: 'export DEEPSTREAM_ENABLED=true' }));
  });
});

describe('routing', () => {
  it('the index lists exactly the API\'s routes (method + path) and the OpenAPI document', async () => {
    const index = await call(main.url, '');
    expect(index.body).toMatchObject({ name: 'lydlr-gst', openapi: '/api/gstreamer/openapi.json' });
    expect((index.body.routes as Json[]).map((r) => `${r.method} ${r.path}`).sort()).toEqual([...API_ROUTES].sort());
  });

  it('paths answer with and without the trailing slash; HEAD is answered like GET', async () => {
    expect((await api('status')).status).toBe(200);
    expect((await api('jobs')).status).toBe(200);
    expect((await api('jobs/')).body).toMatchObject({ jobs: expect.any(Array), counts: { total: expect.any(Number) } });
    expect((await api('status/', { method: 'HEAD' })).status).toBe(200);
  });

  it('unknown routes are 404 JSON; wrong methods are 405 with Allow; OPTIONS lists them', async () => {
    for (const path of ['nope/', 'status/extra', 'jobs/a/b/', '../../etc/passwd', '/']) {
      const a = await api(path);
      expect(a.status, path).toBe(404);
      expect(a.headers.get('content-type')).toContain('application/json');
      expect(a.body).toMatchObject({ ok: false, error: { name: 'NotFound', message: expect.stringContaining('No route') } });
    }
    const wrong = await api('status/', { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(wrong.body.error.name).toBe('MethodNotAllowed');
    expect((await api('pipeline/compression', { method: 'GET' })).headers.get('allow')).toBe('POST, OPTIONS');
    expect((await api('jobs/abc/', { method: 'PUT' })).headers.get('allow')).toBe('GET, DELETE, HEAD, OPTIONS');
    const options = await api('jobs/abc/', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, DELETE, HEAD, OPTIONS');
    expect((await api('jobs/nosuchjob/')).status).toBe(404);
    expect((await api('jobs/nosuchjob/', { method: 'DELETE' })).status).toBe(404);
  });

  it('a request for another host name is refused (no DNS rebinding into a loopback server)', async () => {
    const r = await execa('curl', ['-s', '-H', 'Host: evil.example', `${main.url}status/`], { reject: false });
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { name: 'ForbiddenHost' } });
  });
});

describe('test-pipeline', () => {
  it('a good pipeline: 200, ok, verdict ok, EOS reached, a Location for its job', async () => {
    const pipeline = 'videotestsrc num-buffers=10 ! fakesink';
    const a = await api('test-pipeline/', { json: { pipeline } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ type: 'result', ok: true, command: 'test', verdict: 'ok', pipeline, eos: true, stats: { errors: 0 } });
    expect(a.headers.get('location')).toMatch(/^\/api\/gstreamer\/jobs\/\w+\/$/);
  });

  it('a missing element: ok false, exit 3, the element named with its fix; a missing file: exit 1', async () => {
    const a = await api('test-pipeline', { json: { pipeline: 'videotestsrc num-buffers=10 ! nosuchelementhere ! fakesink' } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ ok: false, command: 'test', exitCode: 3, error: { name: 'EnvironmentError', element: 'nosuchelementhere', message: 'GStreamer element "nosuchelementhere" is not installed.', fix: expect.stringContaining('plugins --search nosuchelementhere') } });
    const failing = await api('test-pipeline', { json: { pipeline: 'filesrc location=/nonexistent/file.mp4 ! decodebin ! fakesink' } });
    expect(failing.body).toMatchObject({ ok: false, exitCode: 1 });
  });
});

describe('a compression job, from POST to succeeded', () => {
  it('201 with Location, progress and stats, events as SSE, a playable output', async () => {
    const created = await api('pipeline/compression/', { json: { input_source: 'clip.mp4', output_sink: 'out.webm', codec: 'vp9', compression_level: 0.5, preset: 'ultrafast' } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`/api/gstreamer/jobs/${id}/`);
    expect(created.body).toMatchObject({ kind: 'compression', state: expect.stringMatching(/queued|running/), command: expect.stringContaining('compress --codec=vp9 --level=0.5') });
    const events = await readEvents(main.url, id);
    const job = await waitForJob(main.url, id, 'to end');
    expect(job).toMatchObject({
      state: 'succeeded', exitCode: 0, error: null,
      result: { ok: true, command: 'compress', codec: 'vp9', output: join(dir, 'out.webm') },
      progress: { percent: 100 },
      stats: { frames: expect.any(Number), bytes: expect.any(Number), errors: 0, uptimeSeconds: expect.any(Number) },
    });
    expect(job.stats.frames).toBeGreaterThanOrEqual(55);
    const types = events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['job-state', 'progress', 'eos', 'result']));
    expect(events.at(-1)).toMatchObject({ type: 'end', data: { id, state: 'succeeded' } });
    const ids = events.filter((e) => e.id !== undefined).map((e) => e.id!);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const probe = await ffprobe(join(dir, 'out.webm'));
    expect(probe.streams.find((s) => s.codec_type === 'video')?.codec_name).toBe('vp9');
    expect(Math.abs(Number(probe.format.duration) - 2)).toBeLessThan(0.2);
    // Replay from an id: only what came after it.
    const replay = await fetch(new URL(`jobs/${id}/events`, main.url), { headers: { 'last-event-id': String(ids.at(-2)) } });
    expect((await replay.text()).match(/^id: /gm)).toHaveLength(1);
    const listed = await api('jobs/?kind=compression&state=succeeded');
    expect(listed.body.jobs.map((j: Json) => j.id)).toContain(id);
  });

  it('dryRun: 200 with the pipeline\'s argv, nothing written; that argv runs in gst-launch-1.0 into a playable H.264 file', async () => {
    const a = await api('pipeline/compression', { json: { input: 'clip.mp4', output: 'dry.mp4', dryRun: true } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ ok: true, command: 'compress', dryRun: true, jobs: [{ input: join(dir, 'clip.mp4'), output: join(dir, 'dry.mp4'), encoder: 'x264enc' }] });
    expect(existsSync(join(dir, 'dry.mp4'))).toBe(false);
    const argv = a.body.jobs[0].argv as string[];
    const location = argv.find((w) => w.startsWith('location=') && w.includes('.partial-'))!.slice('location='.length);
    await execa('gst-launch-1.0', ['-e', ...argv], { timeout: 60_000 });
    const probe = await ffprobe(location);
    expect(probe.streams.find((s) => s.codec_type === 'video')?.codec_name).toBe('h264');
  });
});

describe('servers: HLS live, RTSP, WebRTC', () => {
  it('an HLS live job: started, playlist published, stopped by DELETE with ENDLIST written', async () => {
    const out = join(dir, 'live');
    const created = await api('pipeline/hls/', { json: { input: 'test', output_dir: 'live', segment_duration: 1, live: true, preset: 'ultrafast' } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const playing = await waitForJob(main.url, id, 'to publish its playlist', (j) => j.urls.length > 0 || isFinal(j), 60_000);
    expect(playing).toMatchObject({ state: 'running', urls: [join(out, 'playlist.m3u8')], ready: [{ type: 'playlist-ready' }] });
    await waitUntil('a segment listed in the live playlist', () => /\.ts$/m.test(readFileSync(join(out, 'playlist.m3u8'), 'utf8')), { timeoutMs: 60_000 });
    const stopped = await api(`jobs/${id}/`, { method: 'DELETE' });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ state: 'stopped', exitCode: 0, result: { ok: true, command: 'hls' } });
    const playlist = readFileSync(join(out, 'playlist.m3u8'), 'utf8');
    expect(playlist).toContain('#EXT-X-ENDLIST');
    const segment = playlist.split('\n').filter((l) => l.endsWith('.ts')).pop()!;
    expect((await ffprobe(join(out, segment))).streams[0]?.codec_name).toBe('h264');
    expect((await api(`jobs/${id}`, { method: 'DELETE' })).body.state).toBe('stopped');
  });

  it('an RTSP server with a user: 201 once its URL is published, the password kept out of ps, playable with it, stopped by DELETE', async () => {
    const created = await api('pipeline/rtsp/', { json: { input: 'test', rtsp_port: 0, mount_point: '/cam', auth: 'viewer:s3cret-pw' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'running', urls: [expect.stringMatching(/^rtsp:\/\/127\.0\.0\.1:\d+\/cam$/)] });
    const cmdline = readFileSync(`/proc/${created.body.pid}/cmdline`, 'utf8');
    expect(cmdline).toContain('rtsp');
    expect(cmdline).not.toContain('s3cret-pw');
    const url = (created.body.urls[0] as string).replace('rtsp://', 'rtsp://viewer:s3cret-pw@');
    const probe = await execa('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', '-show_streams', '-of', 'json', url], { timeout: 20_000 });
    expect(JSON.parse(probe.stdout).streams[0].codec_name).toBe('h264');
    const refused = await execa('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', '-show_streams', created.body.urls[0]], { timeout: 20_000, reject: false });
    expect(refused.stderr).toMatch(/401|Unauthorized/);
    const stopped = await api(`jobs/${created.body.id}/`, { method: 'DELETE' });
    expect(stopped.body).toMatchObject({ state: 'stopped', result: { ok: true, command: 'rtsp', stopped: true } });
  });

  it('a WebRTC server with a token: the viewer page and the WHEP endpoint, the token kept out of ps', async () => {
    const created = await api('pipeline/webrtc', { json: { input: 'test', port: 0, token: 'view-t0ken' } });
    expect(created.status).toBe(201);
    const [page, whep] = created.body.urls as string[];
    expect(whep).toBe(`${page}whep`);
    expect((await fetch(page!)).status).toBe(200);
    expect(readFileSync(`/proc/${created.body.pid}/cmdline`, 'utf8')).not.toContain('view-t0ken');
    const offer = { method: 'POST', body: 'v=0', headers: { 'content-type': 'application/sdp' } };
    expect((await fetch(whep!, offer)).status).toBe(401);
    // The right token gets past the check to the SDP itself (a garbage offer: 400, not 401).
    expect((await fetch(whep!, { ...offer, headers: { ...offer.headers, authorization: 'Bearer view-t0ken' } })).status).toBe(400);
    const stopped = await api(`jobs/${created.body.id}/`, { method: 'DELETE' });
    expect(stopped.body).toMatchObject({ state: 'stopped', result: { ok: true, command: 'webrtc' } });
  });
});

describe('deepstream/inference', () => {
  beforeAll(() => writeFileSync(join(dir, 'pgie.txt'), '[property]\ngpu-id=0\nnum-detected-classes=4\n'));

  it.skipIf(existsSync('/opt/nvidia/deepstream/deepstream'))('without DeepStream: 503, exit 3, with the reasons', async () => {
    const a = await api('deepstream/inference/', { json: { input: 'test', config: 'pgie.txt' } });
    expect(a.status).toBe(503);
    expect(a.body).toMatchObject({ ok: false, exitCode: 3, command: 'deepstream inference' });
    expect(a.body.error.reasons).toContain('DEEPSTREAM_ENABLED is not set');
  });

  it('dryRun with two inputs: 200, batch size 2, a 1x2 tiler, into fakesink', async () => {
    const a = await api('deepstream/inference/', { json: { input_source: ['test', 'test:ball'], config: 'pgie.txt', dryRun: true } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ ok: true, dryRun: true, inputs: 2, batchSize: 2, tiler: { rows: 1, columns: 2 }, output: { kind: 'fakesink' } });
  });
});

describe('refusals', () => {
  it('bad bodies are 400 with the field errors', async () => {
    writeFileSync(join(dir, 'pgie.txt'), '[property]\ngpu-id=0\n');
    const bad = await api('pipeline/compression/', { json: { input: 'clip.mp4', output: 'x.mp4', level: 3, codec: 'mpeg7', colour: 'red' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ name: 'InvalidBody', issues: [{ field: 'colour', message: expect.stringContaining('unknown field') }] });
    const values = await api('pipeline/compression/', { json: { input: 'clip.mp4', output: 'x.mp4', level: 3, fps: 'fast' } });
    expect(values.body.error.issues.map((i: Json) => i.field).sort()).toEqual(['fps', 'level']);
    expect((await api('pipeline/compression/', { json: { input: 'clip.mp4', output: 'x.mp4', codec: 'mpeg7' } })).body.error.issues).toEqual([{ field: 'codec', message: expect.stringContaining('unknown codec') }]);
    expect((await api('pipeline/compression/', { json: { output: 'x.mp4' } })).body.error.issues).toEqual([{ field: 'input', message: expect.any(String) }]);
    expect((await api('pipeline/hls/', { json: { input: 'test', outputDir: 'h', playlistName: '../x.m3u8' } })).body.error.issues).toEqual([{ field: 'playlistName', message: expect.stringContaining('.m3u8') }]);
    expect((await api('deepstream/inference/', { json: { input: 'test', config: 'pgie.txt', output: 'a.mp4', rtspPort: 8554 } })).body.error.issues).toEqual([{ field: 'output', message: expect.stringContaining('exclude each other') }]);
    expect((await api('deepstream/inference/', { json: { input: 'test', config: 'missing.txt' } })).body.error.issues).toEqual([{ field: 'config', message: expect.stringContaining('does not exist') }]);
    for (const body of ['{"input": ', '[1,2]', '"text"']) {
      const r = await api('pipeline/compression/', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(r.status, body).toBe(400);
    }
    expect((await api('pipeline/compression/', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'input=a' })).status).toBe(415);
    expect((await api('pipeline/compression/', { json: { input: '-', output: 'x.mp4' } })).status).toBe(400);
  });

  it('no error answer carries a stack trace (404, 405, 400, 415, a failed test, a missing config)', async () => {
    const answers = await Promise.all([
      api('nope/'), api('status/', { method: 'POST' }), api('plugins?type=gadget'), api('plugins/x264ecn'),
      api('pipeline/compression/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"input": ' }),
      api('pipeline/compression/', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }),
      api('pipeline/compression/', { json: { input: 'clip.mp4', output: 'x.mp4', level: 3 } }),
      api('test-pipeline', { json: { pipeline: 'videotestsrc num-buffers=1 ! nosuchelementhere ! fakesink' } }),
      api('deepstream/inference/', { json: { input: 'test', config: 'missing.txt' } }),
    ]);
    for (const a of answers) {
      expect(a.body.ok, a.text).toBe(false);
      expect(a.text).not.toMatch(/\n\s+at |\.(ts|js):\d+:\d+/);
    }
  });
});

describe('--root and --max-jobs', () => {
  let root: string;
  let rooted: Serve;
  beforeAll(async () => {
    root = join(dir, 'root');
    mkdirSync(join(root, 'media'), { recursive: true });
    await makeClip(join(root, 'media', 'in.mp4'), { seconds: 1, audio: false });
    symlinkSync(dir, join(root, 'escape'));
    rooted = await startServe(['--root', root, '--max-jobs', '1'], { cwd: dir });
  });

  it('paths outside the root are refused (403), inside ones resolve there', async () => {
    for (const body of [
      { input: '../clip.mp4', output: 'x.mp4' },
      { input: join(dir, 'clip.mp4'), output: 'x.mp4' },
      { input: 'media/in.mp4', output: '../x.mp4' },
      { input: 'media/in.mp4', output: 'escape/x.mp4' },
      { input: 'file:///etc/hostname', output: 'x.mp4' },
    ]) {
      const r = await call(rooted.url, 'pipeline/compression/', { json: body });
      expect(r.status, JSON.stringify(body)).toBe(403);
      expect(r.body.error.name).toBe('PathOutsideRoot');
    }
    expect((await call(rooted.url, 'test-pipeline', { json: { pipeline: 'videotestsrc num-buffers=5 ! x264enc ! filesink location=../x.h264' } })).status).toBe(403);
    const ok = await call(rooted.url, 'pipeline/compression/', { json: { input: 'media/in.mp4', output: 'out/../small.mp4', preset: 'ultrafast' } });
    expect(ok.status).toBe(201);
    const done = await waitForJob(rooted.url, ok.body.id, 'to end');
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
    expect(existsSync(join(root, 'small.mp4'))).toBe(true);
  });

  it('at most --max-jobs run; the next is queued and starts when a slot frees', async () => {
    const live = await call(rooted.url, 'pipeline/hls/', { json: { input: 'test', outputDir: 'q-live', live: true, segmentDuration: 1, preset: 'ultrafast' } });
    expect(live.body.state).toBe('running');
    const next = await call(rooted.url, 'pipeline/compression/', { json: { input: 'test:ball', output: 'queued.mp4', duration: 1, preset: 'ultrafast' } });
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ state: 'queued', startedAt: null });
    expect((await call(rooted.url, `jobs/${next.body.id}/`)).body.state).toBe('queued');
    expect((await call(rooted.url, `jobs/${live.body.id}/`, { method: 'DELETE' })).body.state).toBe('stopped');
    const done = await waitForJob(rooted.url, next.body.id, 'to end');
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
    expect(existsSync(join(root, 'queued.mp4'))).toBe(true);
  });
});

describe('the OpenAPI document served', () => {
  it('validates (OpenAPI schema validator), every $ref resolves, and it lists exactly the API\'s routes', async () => {
    const doc = (await api('openapi.json')).body;
    expect(await openApiProblems(doc)).toBe('');
    expect(unresolvedRefs(doc)).toEqual([]);
    const listed = Object.entries(doc.paths as Record<string, Json>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.sort()).toEqual([...API_ROUTES].sort());
  });

  it('every documented GET without a parameter answers neither 404 nor 405, with and without its trailing slash', async () => {
    const doc = (await api('openapi.json')).body;
    const paths = Object.entries(doc.paths as Record<string, Json>).filter(([path, ops]) => 'get' in ops && !path.includes('{')).map(([path]) => path.replace('/api/gstreamer/', ''));
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) {
      for (const variant of new Set([path, path.replace(/\/$/, '')])) {
        const status = (await api(variant)).status;
        expect([404, 405], variant).not.toContain(status);
      }
    }
  });
});
