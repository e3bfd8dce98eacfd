// --metrics, hooks and --webhook on `rtsp`, through the built CLI with real clients (ffmpeg over
// RTSP/TCP, gst rtspsrc), promtool, a real Prometheus server and a local webhook receiver.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { alive, decodeFrames, freePort, startCli, waitGone, type RunningCli } from '../helpers/rtsp.js';
import { waitUntil } from '../helpers/wait.js';

const SMALL = ['--port', '0', '--scale', '640x360', '--bitrate', '800', '--stats-interval', '1'];
let dir: string;
let cleanup: () => void;
const running = new Set<RunningCli>();
const serve = (args: string[], env: NodeJS.ProcessEnv = {}): RunningCli => {
  const server = startCli(['rtsp', 'test', ...SMALL, ...args], env);
  running.add(server);
  return server;
};
const urlOf = async (server: RunningCli, type = 'ready'): Promise<string> => String((await server.waitFor((e) => e.type === type)).url);

// One sample's value from the text format, e.g. sample(text, 'lydlr_clients').
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
const scrape = async (url: string): Promise<string> => (await fetch(url)).text();

beforeAll(() => ({ dir, cleanup } = tempDir('lydlr-ops-e2e-')));
afterAll(() => {
  for (const server of running) server.child.kill('SIGKILL');
  cleanup();
});

describe('rtsp --metrics', () => {
  let server: RunningCli;
  let rtspUrl: string;
  let metricsUrl: string;
  beforeAll(async () => {
    server = serve(['--metrics', '127.0.0.1:0']);
    metricsUrl = await urlOf(server, 'metrics-ready');
    rtspUrl = await urlOf(server);
  });

  it('serves the text format 0.0.4 with the mount up, no client yet, and Node process metrics', async () => {
    const response = await fetch(metricsUrl);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(sample(text, 'lydlr_stream_up{mount="/stream"}')).toBe(1);
    expect(sample(text, 'lydlr_clients')).toBe(0);
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('answers OpenMetrics when the scraper asks for it', async () => {
    const response = await fetch(metricsUrl, { headers: { accept: 'application/openmetrics-text; version=1.0.0' } });
    expect(response.headers.get('content-type')).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
    expect((await response.text()).trimEnd().endsWith('# EOF')).toBe(true);
  });

  it('a real ffmpeg client moves the client gauge up then down, and the bytes sent by about what it received', async () => {
    const received = join(dir, 'received.h264');
    const client = execa('ffmpeg', ['-v', 'error', '-rtsp_transport', 'tcp', '-i', rtspUrl, '-t', '4', '-c', 'copy', '-f', 'h264', '-y', received], { reject: false, timeout: 60_000 });
    await waitUntil('lydlr_clients 1 while ffmpeg reads', async () => sample(await scrape(metricsUrl), 'lydlr_clients') === 1, { timeoutMs: 30_000 });
    const done = await client;
    expect(done.exitCode, String(done.stderr)).toBe(0);
    const text = await waitUntil('lydlr_clients back to 0', async () => {
      const t = await scrape(metricsUrl);
      return sample(t, 'lydlr_clients') === 0 ? t : undefined;
    }, { timeoutMs: 30_000 });
    expect(sample(text, 'lydlr_sessions_started_total')).toBe(1);
    const got = statSync(received).size;
    // RTP payload vs. the Annex-B stream ffmpeg wrote: start codes and the frames sent while the
    // client set up and tore down differ, so "about" is a generous ratio.
    const sent = await waitUntil('the bytes counter to reach what the client received', async () => {
      const value = sample(await scrape(metricsUrl), 'lydlr_sent_bytes_total{mount="/stream"}') ?? 0;
      return value >= got * 0.7 ? value : undefined;
    }, { timeoutMs: 30_000 });
    expect(sent / got).toBeLessThan(2);
    // 4 s of a 30 fps encode reached the client: at least that many frames went out (a few more while it set up).
    const frames = await waitUntil('the frames counter past the 120 frames the client kept', async () => {
      const value = sample(await scrape(metricsUrl), 'lydlr_frames_sent_total{mount="/stream"}') ?? 0;
      return value >= 120 ? value : undefined;
    }, { timeoutMs: 30_000 });
    expect(frames).toBeLessThan(30 * 30);
  });

  it('a second client after the first left gets a new pipeline: pipeline_restarts_total counts it', async () => {
    const before = sample(await scrape(metricsUrl), 'lydlr_pipeline_restarts_total{mount="/stream"}') ?? 0;
    const r = await execa('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', rtspUrl], { reject: false, timeout: 60_000 });
    expect(r.stdout.trim()).toBe('h264');
    await waitUntil('one more pipeline start for /stream', async () => (sample(await scrape(metricsUrl), 'lydlr_pipeline_restarts_total{mount="/stream"}') ?? 0) === before + 1, { timeoutMs: 30_000 });
  });

  it('promtool check metrics accepts the output', async () => {
    const text = await scrape(metricsUrl);
    const r = await execa('promtool', ['check', 'metrics'], { input: text, reject: false });
    expect(r.exitCode, `${r.stdout}${r.stderr}`).toBe(0);
  });

  it('a real Prometheus server scrapes it and answers a query for lydlr_stream_up', async () => {
    const promDir = join(dir, 'prometheus');
    mkdirSync(promDir);
    const config = join(promDir, 'prometheus.yml');
    const target = new URL(metricsUrl).host;
    writeFileSync(config, `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: lydlr\n    static_configs:\n      - targets: ['${target}']\n`);
    const port = await freePort();
    const prometheus = execa('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${join(promDir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { reject: false, all: true });
    try {
      const query = `http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent('lydlr_stream_up{mount="/stream"}')}`;
      const value = await waitUntil('Prometheus to answer lydlr_stream_up from a scrape', async () => {
        const body = (await (await fetch(query)).json()) as { data: { result: { value: [number, string] }[] } };
        return body.data.result[0]?.value[1];
      }, { timeoutMs: 60_000, intervalMs: 250 });
      expect(value).toBe('1');
    } finally {
      prometheus.kill('SIGTERM');
      await prometheus;
    }
  });

  it('a second --metrics on the same address is refused with exit 2 before the RTSP host starts', async () => {
    const taken = new URL(metricsUrl).host;
    const other = serve(['--metrics', taken]);
    const r = await other.stop('SIGCONT'); // SIGCONT changes nothing: this waits for the exit
    expect(r.exitCode).toBe(2);
    expect(r.result?.error).toMatchObject({ message: expect.stringContaining('is in use') });
    expect(r.stdout).not.toContain('"type":"ready"');
  });
});

describe('rtsp --metrics while the job ends', () => {
  it('stream_up drops to 0 as soon as the stream stops, though the metrics answer until the exit hook is done', async () => {
    const marker = join(dir, 'exit hook ran');
    const server = serve(['--metrics', '127.0.0.1:0', '--on-exit', `sh -c 'sleep 3; touch "$0"' '${marker}'`]);
    const url = await urlOf(server, 'metrics-ready');
    await urlOf(server);
    expect(sample(await scrape(url), 'lydlr_stream_up{mount="/stream"}')).toBe(1);
    server.child.kill('SIGINT');
    const during = await waitUntil('a scrape while the exit hook runs, after the stream stopped', async () => {
      const text = await scrape(url).catch(() => undefined);
      return text !== undefined && sample(text, 'lydlr_stream_up{mount="/stream"}') === 0 ? text : undefined;
    }, { timeoutMs: 15_000, intervalMs: 100 });
    expect(existsSync(marker)).toBe(false); // the job had not finished ending
    expect(sample(during, 'lydlr_stream_up{mount="/stream"}')).toBe(0);
    expect((await server.stop('SIGCONT')).exitCode).toBe(0); // SIGCONT changes nothing: this waits for the exit
    expect(existsSync(marker)).toBe(true);
  });
});

describe('rtsp hooks', () => {
  it('each hook runs without a shell with its facts in the environment; a client hook gets SIGTERM when it leaves, the ready hook when the server stops', async () => {
    const out = join(dir, `hook "out" it's ! , = é`);
    mkdirSync(out);
    const dump = (name: string) => `sh -c 'env | grep ^LYDLR_ | sort > "$0/${name}"' '${out.replace(/'/g, `'\\''`)}'`;
    const server = serve([
      '--on-ready', `sh -c 'env | grep ^LYDLR_ | sort > "$0/ready.env"; echo $$ > "$0/ready.pid"; exec sleep 1000' '${out.replace(/'/g, `'\\''`)}'`,
      // Outlives its client: SIGTERM when the client leaves, which the trap records.
      '--on-client-connect', `sh -c 'env | grep ^LYDLR_ | sort > "$0/connect.env"; on_term() { echo term > "$0/connect.term"; exit 0; }; trap on_term TERM; sleep 1000 & wait' '${out.replace(/'/g, `'\\''`)}'`,
      '--on-client-disconnect', dump('disconnect.env'),
      '--on-exit', dump('exit.env'),
    ]);
    const url = await urlOf(server);
    const pidFile = join(out, 'ready.pid');
    const sleeper = await waitUntil('the ready hook to write its pid', () => existsSync(pidFile) && Number(readFileSync(pidFile, 'utf8')));
    // The hook never ends; the stream does not wait for it.
    const watched = await decodeFrames(url, { protocols: 'tcp', frames: 10 });
    expect(watched.frames, watched.output).toBe(10);
    expect(alive(sleeper)).toBe(true);
    await waitUntil('the disconnect hook', () => existsSync(join(out, 'disconnect.env')));
    await waitUntil('SIGTERM to the connect hook once its client left (the server still running)', () => existsSync(join(out, 'connect.term')));
    expect(server.child.exitCode).toBe(null);
    const r = await server.stop('SIGINT');
    expect(r.exitCode).toBe(0);
    expect(await waitGone([sleeper])).toEqual([]);
    const env = (name: string) => readFileSync(join(out, name), 'utf8');
    expect(env('ready.env')).toBe(`LYDLR_COMMAND=rtsp\nLYDLR_EVENT=ready\nLYDLR_MOUNT=/stream\nLYDLR_URL=${url}\n`);
    expect(env('connect.env')).toMatch(/^LYDLR_CLIENT_ADDR=127\.0\.0\.1\nLYDLR_CLIENT_ID=127\.0\.0\.1:\d+\nLYDLR_COMMAND=rtsp\nLYDLR_EVENT=client-connect\n$/);
    expect(env('disconnect.env')).toBe(env('connect.env').replace('client-connect', 'client-disconnect'));
    expect(env('exit.env')).toBe('LYDLR_COMMAND=rtsp\nLYDLR_EVENT=exit\nLYDLR_EXIT_CODE=0\n');
  });

  it('a hook that cannot start is a warning; the stream still serves', async () => {
    const server = serve(['--on-ready', '/nonexistent/hook-command']);
    const url = await urlOf(server);
    const watched = await decodeFrames(url, { protocols: 'tcp', frames: 5 });
    expect(watched.frames, watched.output).toBe(5);
    const r = await server.stop('SIGINT');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('hook --on-ready (/nonexistent/hook-command)');
  });

  it('an unterminated quote in a hook is a usage error (exit 2)', async () => {
    const r = await serve(['--on-exit', `sh -c 'oops`]).stop('SIGCONT');
    expect(r.exitCode).toBe(2);
    expect(r.stdout + r.stderr).toContain('unterminated');
  });
});

describe('rtsp --webhook', () => {
  let receiver: Server;
  const bodies: { raw: string; signature: string | undefined }[] = [];
  let requests = 0;
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        // The very first POST fails: the sender must retry it, and still deliver each event once.
        if (++requests === 1) return void res.writeHead(503).end();
        bodies.push({ raw, signature: req.headers['x-lydlr-signature'] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  });
  afterAll(() => receiver.close());

  it('the receiver gets ready, client-connect, client-disconnect and exit once each, in order, signed', async () => {
    const { port } = receiver.address() as { port: number };
    const server = serve(['--webhook', `http://127.0.0.1:${port}/hook`], { LYDLR_WEBHOOK_SECRET: 's3cret' });
    const url = await urlOf(server);
    const watched = await decodeFrames(url, { protocols: 'tcp', frames: 5 });
    expect(watched.frames, watched.output).toBe(5);
    await server.waitFor((e) => e.type === 'client-disconnected');
    const r = await server.stop('SIGINT');
    expect(r.exitCode).toBe(0);
    const events = bodies.map((b) => JSON.parse(b.raw) as { event: string; seq: number });
    expect(events.map((e) => e.event)).toEqual(['ready', 'client-connect', 'client-disconnect', 'exit']);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(requests).toBe(5);
    for (const b of bodies) expect(b.signature).toBe(`sha256=${createHmac('sha256', 's3cret').update(b.raw).digest('hex')}`);
  });
});
