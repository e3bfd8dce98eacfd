// serve through the built CLI: real HTTP (fetch), real jobs (the CLI as child processes), real
// GStreamer. Read-only answers are compared with the commands' own --json results.
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, gstProcessesWith, sleep, tempDir } from '../helpers/cli.js';
import { startJsonCli } from '../helpers/ndjson-process.js';
import { ffprobe, makeClip } from '../helpers/media.js';
import { openApiProblems, unresolvedRefs } from '../helpers/openapi.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Serve {
  /** http://127.0.0.1:PORT/api/gstreamer/ */
  url: string;
  proc: ResultPromise;
  lines: Json[];
  /** Sends the signal and resolves the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Json;
  text: string;
}

const tmp = tempDir('lydlr-serve-');
const dir = tmp.dir;
const answers: Answer[] = [];
const servers: Serve[] = [];
let main: Serve;

// Starts `lydlr-gst --json serve --port 0 …` in `cwd` and waits for its ready event.
async function startServe(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Serve> {
  const run = startJsonCli(['serve', '--port', '0', ...args], { cwd: options.cwd ?? dir, env: options.env });
  // As long as a hook or test may take (vitest.config.ts).
  const ready = await run.waitFor((e) => e.type === 'ready', 120_000, 'serve to be ready');
  const proc = run.child;
  const serve: Serve = {
    url: ready.url as string,
    proc,
    lines: run.events,
    stop: async (signal = 'SIGINT') => {
      proc.kill(signal);
      return (await proc).exitCode ?? -1;
    },
  };
  servers.push(serve);
  return serve;
}

// One request; the answer is kept so every body can be checked for stack traces at the end.
async function call(base: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Answer> {
  const { json, ...rest } = init;
  const request: RequestInit = json === undefined ? rest : { method: 'POST', ...rest, headers: { 'content-type': 'application/json', ...rest.headers }, body: JSON.stringify(json) };
  const res = await fetch(new URL(path, base), request);
  const text = await res.text();
  let body: Json = {};
  try {
    body = JSON.parse(text) as Json;
  } catch {
    // not JSON (HEAD, SSE)
  }
  const answer = { status: res.status, headers: res.headers, body, text };
  answers.push(answer);
  return answer;
}
const api = (path: string, init: RequestInit & { json?: unknown } = {}) => call(main.url, path, init);

// Polls a job until `done(job)` or the timeout.
async function waitForJob(base: string, id: string, done: (job: Json) => boolean, ms = 60_000): Promise<Json> {
  const until = Date.now() + ms;
  for (;;) {
    const { body } = await call(base, `jobs/${id}/`);
    if (done(body) || Date.now() > until) return body;
    await sleep(200);
  }
}
const final = (job: Json) => ['succeeded', 'failed', 'stopped'].includes(job.state as string);

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

// Fields that change from one run to the next.
function stable(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\.partial-[0-9a-f]+/g, '.partial-*').replace(/\([\d.]+ GiB free\)/g, '(* free)');
  if (Array.isArray(value)) return value.map(stable);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !['durationMs', 'uptimeSeconds', 'freeBytes', 'generatedAt', 'wallSeconds', 'speed'].includes(k)).map(([k, v]) => [k, stable(v)]));
}

beforeAll(async () => {
  await makeClip(join(dir, 'clip.mp4'), { seconds: 2, width: 320, height: 240 });
  main = await startServe(['--max-jobs', '3']);
});

afterAll(async () => {
  for (const s of servers) if (s.proc.exitCode === null) await s.stop();
  tmp.cleanup();
});

describe('read-only endpoints answer with the command\'s --json result', () => {
  it('status', async () => {
    const [a, c] = await Promise.all([api('status/'), cli(['--json', 'status'])]);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(c.result);
  });

  it('health: the doctor\'s report, 200 exactly when doctor exits 0', async () => {
    const [a, c] = await Promise.all([api('health/'), cli(['--json', 'doctor'])]);
    expect(a.status).toBe(c.exitCode === 0 ? 200 : 503);
    expect(stable(a.body)).toEqual(stable(c.result));
    const scoped = await api('health?for=rtsp');
    expect(scoped.body).toMatchObject({ command: 'doctor', scope: 'rtsp' });
    expect((await api('health/?for=nothing')).status).toBe(400);
  });

  it('diagnostics', async () => {
    const [a, c] = await Promise.all([api('diagnostics/'), cli(['--json', 'diagnostics'])]);
    expect(a.status).toBe(200);
    expect(Object.keys(a.body).sort()).toEqual(Object.keys(c.result!).sort());
    expect(stable(a.body.report)).toEqual(stable((c.result as Json).report));
    expect(a.body.packages).toEqual((c.result as Json).packages);
  });

  it('plugins, filtered or not, and the missing sets', async () => {
    for (const [query, flags] of [['', []], ['?search=h264', ['--search', 'h264']], ['?search=x26&type=element', ['--search', 'x26', '--type', 'element']], ['?missing=1', ['--missing']]] as const) {
      const [a, c] = await Promise.all([api(`plugins/${query}`), cli(['--json', 'plugins', ...flags])]);
      expect(a.status, query).toBe(200);
      expect(a.body, query).toEqual(c.result);
    }
    expect((await api('plugins?type=gadget')).body.error).toMatchObject({ name: 'InvalidQuery', issues: [{ field: 'type', message: expect.any(String) }] });
    expect((await api('plugins?colour=red')).status).toBe(400);
  });

  it('plugins/<name>: the description; an unknown name is a 404 with suggestions', async () => {
    const [a, c] = await Promise.all([api('plugins/x264enc/'), cli(['--json', 'plugins', 'show', 'x264enc'])]);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(c.result);
    expect(a.body).toMatchObject({ kind: 'element', name: 'x264enc' });
    const [unknown, cu] = await Promise.all([api('plugins/x264ecn'), cli(['--json', 'plugins', 'show', 'x264ecn'])]);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(cu.result);
    expect(unknown.body.error.suggestions).toContain('x264enc');
  });

  it('deepstream/status', async () => {
    const [a, c] = await Promise.all([api('deepstream/status/'), cli(['--json', 'deepstream', 'status'])]);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(c.result);
  });
});

describe('a machine without GStreamer', () => {
  it('status and health are 503 with the commands\' own records (a container health check fails)', async () => {
    const env = { PATH: '/nonexistent' };
    const broken = await startServe([], { env });
    const [status, cs] = await Promise.all([call(broken.url, 'status/'), cli(['--json', 'status'], { env })]);
    expect(cs.exitCode).toBe(3);
    expect(status.status).toBe(503);
    expect(status.body).toEqual(cs.result);
    const [health, cd] = await Promise.all([call(broken.url, 'health/'), cli(['--json', 'doctor'], { env })]);
    expect(cd.exitCode).toBe(3);
    expect(health.status).toBe(503);
    expect(stable(health.body)).toEqual(stable(cd.result));
    expect(await broken.stop('SIGTERM')).toBe(0);
  });
});

describe('routing', () => {
  it('paths with and without the trailing slash; HEAD; the index lists every route', async () => {
    expect((await api('status')).status).toBe(200);
    expect((await api('jobs')).status).toBe(200);
    expect((await api('jobs/')).body).toMatchObject({ jobs: expect.any(Array), counts: { total: expect.any(Number) } });
    expect((await api('status/', { method: 'HEAD' })).status).toBe(200);
    const index = await call(main.url, '');
    expect(index.body).toMatchObject({ name: 'lydlr-gst', openapi: '/api/gstreamer/openapi.json' });
    expect(index.body.routes.length).toBeGreaterThanOrEqual(18);
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

  it('binds 127.0.0.1 unless --host says otherwise; a port in use is exit 2', async () => {
    expect(main.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/gstreamer\/$/);
    const port = new URL(main.url).port;
    const taken = await cli(['--json', 'serve', '--port', port]);
    expect(taken.exitCode).toBe(2);
    expect(taken.result).toMatchObject({ ok: false, command: 'serve', error: { message: expect.stringContaining(`port ${port} is in use`) } });
  });
});

describe('test-pipeline', () => {
  it('a good pipeline: the test command\'s verdict', async () => {
    const pipeline = 'videotestsrc num-buffers=10 ! fakesink';
    const [a, c] = await Promise.all([api('test-pipeline/', { json: { pipeline } }), cli(['--json', 'test', pipeline])]);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ type: 'result', ok: true, command: 'test', verdict: 'ok', pipeline, eos: true });
    expect(stable(a.body)).toEqual(stable(c.result));
    expect(a.headers.get('location')).toMatch(/^\/api\/gstreamer\/jobs\/\w+\/$/);
  });

  it('a bad pipeline: ok false with the error and its fix, like the command', async () => {
    const pipeline = 'videotestsrc num-buffers=10 ! nosuchelementhere ! fakesink';
    const [a, c] = await Promise.all([api('test-pipeline', { json: { pipeline } }), cli(['--json', 'test', pipeline])]);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ ok: false, command: 'test', exitCode: c.exitCode, error: { message: expect.stringContaining('nosuchelementhere') } });
    expect(a.body).toEqual(c.result);
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
    const job = await waitForJob(main.url, id, final);
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

  it('dryRun answers with the command\'s dry-run result, nothing written', async () => {
    const a = await api('pipeline/compression', { json: { input: 'clip.mp4', output: 'dry.mp4', dryRun: true } });
    const c = await cli(['--json', 'compress', join(dir, 'clip.mp4'), join(dir, 'dry.mp4'), '--dry-run'], { cwd: dir });
    expect(a.status).toBe(200);
    expect(stable(a.body)).toEqual(stable(c.result));
    expect(existsSync(join(dir, 'dry.mp4'))).toBe(false);
  });
});

describe('servers: HLS live, RTSP, WebRTC', () => {
  it('an HLS live job: started, playlist published, stopped by DELETE with ENDLIST written', async () => {
    const out = join(dir, 'live');
    const created = await api('pipeline/hls/', { json: { input: 'test', output_dir: 'live', segment_duration: 1, live: true, preset: 'ultrafast' } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const playing = await waitForJob(main.url, id, (j) => j.urls.length > 0 || final(j), 30_000);
    expect(playing).toMatchObject({ state: 'running', urls: [join(out, 'playlist.m3u8')], ready: [{ type: 'playlist-ready' }] });
    await sleep(1500);
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
  let pgie: string;
  beforeAll(() => {
    pgie = join(dir, 'pgie.txt');
    writeFileSync(pgie, '[property]\ngpu-id=0\nnum-detected-classes=4\n');
  });

  it.skipIf(existsSync('/opt/nvidia/deepstream/deepstream'))('without DeepStream: 503 with the command\'s own reasons', async () => {
    const [a, c] = await Promise.all([api('deepstream/inference/', { json: { input: 'test', config: 'pgie.txt' } }), cli(['--json', 'deepstream', 'inference', 'test', '--config', pgie])]);
    expect(c.exitCode).toBe(3);
    expect(a.status).toBe(503);
    expect(a.body).toEqual(c.result);
    expect(a.body.error.reasons.length).toBeGreaterThan(0);
  });

  it('dryRun: the pipeline, like the command\'s --dry-run', async () => {
    const [a, c] = await Promise.all([api('deepstream/inference/', { json: { input_source: ['test', 'test:ball'], config: 'pgie.txt', dryRun: true } }), cli(['--json', 'deepstream', 'inference', 'test', 'test:ball', '--config', pgie, '--dry-run'])]);
    expect(a.status).toBe(200);
    expect(a.body).toEqual(c.result);
    expect(a.body.pipeline).toContain('nvinfer');
  });
});

describe('refusals', () => {
  it('bad bodies are 400 with the field errors', async () => {
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

  it('bodies past --max-body are 413', async () => {
    const small = await startServe(['--max-body', '2048']);
    const r = await call(small.url, 'pipeline/compression/', { json: { input: 'clip.mp4', output: 'x.mp4', scale: 'x'.repeat(4096) } });
    expect(r.status).toBe(413);
    expect(r.body.error.name).toBe('PayloadTooLarge');
    expect((await call(small.url, 'test-pipeline', { json: {} })).status).toBe(200);
    expect(await small.stop()).toBe(0);
  });

  it('--token: 401 without Authorization: Bearer T (or with another token); LYDLR_API_TOKEN works too', async () => {
    const guarded = await startServe(['--token', 's3cret']);
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 'Basic czNjcmV0' }]) {
      const r = await call(guarded.url, 'status/', { headers });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toContain('Bearer');
      expect(r.body.error.name).toBe('Unauthorized');
    }
    expect((await call(guarded.url, 'nope/')).status).toBe(401);
    expect((await call(guarded.url, 'status/', { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);
    const doc = await call(guarded.url, 'openapi.json', { headers: { authorization: 'Bearer s3cret' } });
    expect(doc.body.security).toEqual([{ bearer: [] }]);
    expect(await guarded.stop()).toBe(0);
    const fromEnv = await startServe([], { env: { LYDLR_API_TOKEN: 'envtoken' } });
    expect((await call(fromEnv.url, 'status/')).status).toBe(401);
    expect((await call(fromEnv.url, 'status/', { headers: { authorization: 'Bearer envtoken' } })).status).toBe(200);
    expect(await fromEnv.stop()).toBe(0);
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
    rooted = await startServe(['--root', root, '--max-jobs', '1']);
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
    const done = await waitForJob(rooted.url, ok.body.id, final);
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
    expect(existsSync(join(root, 'small.mp4'))).toBe(true);
  });

  it('at most --max-jobs run; the next is queued and starts when a slot frees', async () => {
    const live = await call(rooted.url, 'pipeline/hls/', { json: { input: 'test', outputDir: 'q-live', live: true, segmentDuration: 1, preset: 'ultrafast' } });
    const next = await call(rooted.url, 'pipeline/compression/', { json: { input: 'test:ball', output: 'queued.mp4', duration: 1, preset: 'ultrafast' } });
    expect(live.body.state).toBe('running');
    expect(next.status).toBe(201);
    expect(next.body).toMatchObject({ state: 'queued', startedAt: null });
    expect((await call(rooted.url, `jobs/${next.body.id}/`)).body.state).toBe('queued');
    expect((await call(rooted.url, `jobs/${live.body.id}/`, { method: 'DELETE' })).body.state).toBe('stopped');
    const done = await waitForJob(rooted.url, next.body.id, final);
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
    expect(existsSync(join(root, 'queued.mp4'))).toBe(true);
  });
});

describe('SIGINT/SIGTERM', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s stops every job gracefully (files finalized), leaves no process, exits 0', async (signal) => {
    const marker = `stop-${randomBytes(4).toString('hex')}`;
    const serve = await startServe(['--max-jobs', '1']);
    const live = await call(serve.url, 'pipeline/hls/', { json: { input: 'test', outputDir: marker, live: true, segmentDuration: 1, preset: 'ultrafast' } });
    const queued = await call(serve.url, 'pipeline/compression/', { json: { input: 'test', output: `${marker}.mp4`, duration: 5 } });
    expect(queued.body.state).toBe('queued');
    await waitForJob(serve.url, live.body.id, (j) => j.urls.length > 0, 30_000);
    expect((await gstProcessesWith(marker)).length).toBe(1);
    expect(await serve.stop(signal)).toBe(0);
    expect(readFileSync(join(dir, marker, 'playlist.m3u8'), 'utf8')).toContain('#EXT-X-ENDLIST');
    expect(existsSync(join(dir, `${marker}.mp4`))).toBe(false);
    const states = serve.lines.filter((l) => l.type === 'job' && l.state === 'stopped').map((l) => l.id);
    expect(states.sort()).toEqual([live.body.id, queued.body.id].sort());
    expect(serve.lines.at(-1)).toMatchObject({ type: 'result', ok: true, command: 'serve', jobs: { stopped: 2 } });
    await sleep(300);
    expect(await gstProcessesWith(marker)).toEqual([]);
    expect(readdirSync(join(dir, marker)).some((f) => f.endsWith('.ts'))).toBe(true);
  });
});

describe('the OpenAPI document', () => {
  it('validates (OpenAPI schema validator) and lists every route of the issue', async () => {
    const doc = (await api('openapi.json')).body;
    expect(await openApiProblems(doc)).toBe('');
    expect(unresolvedRefs(doc)).toEqual([]);
    const listed = Object.entries(doc.paths as Record<string, Json>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed).toEqual(expect.arrayContaining([
      'GET /api/gstreamer/status/', 'GET /api/gstreamer/health/', 'GET /api/gstreamer/diagnostics/', 'GET /api/gstreamer/plugins/', 'GET /api/gstreamer/plugins/{name}/',
      'POST /api/gstreamer/test-pipeline/', 'POST /api/gstreamer/pipeline/compression/', 'POST /api/gstreamer/pipeline/rtsp/', 'POST /api/gstreamer/pipeline/hls/',
      'POST /api/gstreamer/pipeline/webrtc/', 'GET /api/gstreamer/deepstream/status/', 'POST /api/gstreamer/deepstream/inference/', 'GET /api/gstreamer/jobs/',
      'GET /api/gstreamer/jobs/{id}/', 'DELETE /api/gstreamer/jobs/{id}/', 'GET /api/gstreamer/jobs/{id}/events', 'GET /api/gstreamer/openapi.json',
    ]));
    // Every documented path answers (no 404/405), with and without its trailing slash.
    for (const line of listed.filter((l) => l.startsWith('GET ') && !l.includes('{'))) {
      const path = line.slice(4).replace('/api/gstreamer/', '');
      expect((await api(path)).status, path).not.toBe(404);
      expect((await api(path.replace(/\/$/, ''))).status, path).not.toBe(404);
    }
  });
});

describe('errors', () => {
  it('never carry a stack trace', () => {
    expect(answers.length).toBeGreaterThan(50);
    for (const a of answers) expect(a.text).not.toMatch(/\n\s+at |\.(ts|js):\d+:\d+/);
  });
});
