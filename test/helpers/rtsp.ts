// Real RTSP clients for e2e tests (gst-launch-1.0 rtspsrc, ffprobe), and the CLI as a running server.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { execa } from 'execa';
import { toCliResult, type CliResult } from './cli.js';
import { startJsonCli, type JsonCli } from './ndjson-process.js';

export interface SinkReport {
  /** Buffers that reached this fakesink (decoded frames when the branch decodes). */
  frames: number;
  /** The caps the sink negotiated (codec, size, rate), as gst-launch -v prints them. */
  caps: string | undefined;
  /** Timestamps of the first and last buffer, in seconds (stream time, not wall-clock). */
  firstPts: number | undefined;
  lastPts: number | undefined;
  /** End-of-stream reached this sink. */
  eos: boolean;
}

export interface Received {
  video: SinkReport;
  audio: SinkReport;
  /** The stream ended (EOS at the video sink, and at the audio sink when audio was linked) before the client had what it was asked for. */
  ended: boolean;
  /** The server's RTCP BYE reached the client (see watchSinks). */
  byeReceived: boolean;
  exitCode: number | undefined;
  /** Killed by the timeout (the stream neither delivered the frames nor ended). */
  timedOut: boolean;
  output: string;
}

export interface ReceiveOptions {
  protocols?: 'tcp' | 'udp';
  /** Video frames to wait for. */
  frames?: number;
  /** Audio buffers to wait for as well (0: audio is linked but not waited for). */
  audioFrames?: number;
  /** Elements from the video RTP pad to raw frames; default decodebin. Naming the depayloader and decoder checks the codec. */
  video?: string[];
  /** Elements from the audio RTP pad; default none (the RTP packets are counted and discarded). */
  audio?: string[];
  timeoutMs?: number;
  /** Extra rtspsrc properties. */
  props?: string[];
  kill?: AbortSignal;
}

const PTS = /pts: (\d+):(\d+):([\d.]+)/;
const seconds = (m: RegExpExecArray | null) => (m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined);

export interface Watched {
  sinks: Record<string, SinkReport>;
  /** Every sink that got data also got EOS (a sink never linked counts as done). */
  ended: boolean;
  /** The client's RTP session got an RTCP BYE from the server (the server's end of stream). */
  byeReceived: boolean;
  exitCode: number | undefined;
  timedOut: boolean;
  output: string;
  /** gst-launch said "Delayed linking failed": a stream of the client was never linked (see receive). */
  linkFailed: boolean;
}

// Runs `gst-launch-1.0 -v …argv` whose fakesinks (silent=false) are named in `wanted`, counting the
// buffers each receives from its per-buffer notify (-v can drop one notify line under load: a sink
// that counted buffers is linked even when its caps line is missing). Stops the client once every sink has its count, or
// once the streams have ended (gst-launch alone would wait for an EOS from a sink that was never linked).
export async function watchSinks(argv: string[], wanted: Record<string, number>, options: { timeoutMs?: number; kill?: AbortSignal } = {}): Promise<Watched> {
  const child = execa('gst-launch-1.0', ['-v', ...argv], { reject: false, timeout: options.timeoutMs ?? 20_000, env: { ...process.env, LC_ALL: 'C' }, all: true, buffer: false, cancelSignal: options.kill });
  const names = Object.keys(wanted);
  const sinks = Object.fromEntries(names.map((n) => [n, { frames: 0, caps: undefined, firstPts: undefined, lastPts: undefined, eos: false } as SinkReport]));
  const sinkOf = new RegExp(`GstFakeSink:(${names.join('|')})[:.]`);
  let output = '';
  let rest = '';
  let stopped = false;
  let ended = false;
  let byeReceived = false;
  let linkFailed = false;
  const stop = () => {
    stopped = true;
    child.kill('SIGTERM');
  };
  child.all?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (stopped) break; // counts stay as they were when the client had enough
      output = (output + line + '\n').slice(-6000);
      if (line.includes('Delayed linking failed')) linkFailed = true;
      // rtspsrc turns a BYE into EOS, but on a loaded machine that EOS can stall before the sinks (seen
      // 3 runs in 8: BYE received, every frame decoded, no EOS at the sink): stop a few seconds after it.
      if (!byeReceived && line.includes('received-bye\\=\\(boolean\\)true')) {
        byeReceived = true;
        setTimeout(() => !stopped && stop(), 3000).unref();
      }
      const s = sinks[sinkOf.exec(line)?.[1] ?? ''];
      if (!s) continue;
      if (line.includes('last-message = chain')) {
        s.frames += 1;
        const pts = seconds(PTS.exec(line));
        s.firstPts ??= pts;
        s.lastPts = pts ?? s.lastPts;
        if (names.every((n) => sinks[n]!.frames >= wanted[n]!)) stop();
      } else if (line.includes('.GstPad:sink: caps = ')) {
        s.caps = line.slice(line.indexOf('caps = ') + 7);
      } else if (line.includes('last-message = event') && line.includes('(type: eos')) {
        s.eos = true;
        if (names.every((n) => sinks[n]!.eos || (sinks[n]!.caps === undefined && sinks[n]!.frames === 0))) {
          ended = true;
          stop();
        }
      }
    }
  });
  const r = await child;
  return { sinks, ended, byeReceived, exitCode: r.exitCode, timedOut: Boolean(r.timedOut), output: output.slice(-3000), linkFailed };
}

/** A fakesink that counts what reaches it; async=false: one that is never linked must not hold the pipeline out of PLAYING. */
export const countingSink = (name: string): string[] => ['fakesink', `name=${name}`, 'silent=false', 'sync=false', 'async=false'];

// A real rtspsrc client with both streams linked: an unlinked audio pad makes rtspsrc stop with
// not-linked when audio arrives before the video pad is linked. Counts what reaches each sink, not
// exit codes: a UDP client may exit 1 after decoding everything.
export async function receive(url: string, options: ReceiveOptions = {}): Promise<Received> {
  const { protocols = 'tcp', frames = 60, audioFrames = 0, timeoutMs = 20_000, props = [] } = options;
  const video = options.video ?? ['decodebin', '!', 'video/x-raw'];
  const audio = options.audio ?? [];
  const branch = (media: string, chain: string[], sink: string) => ['src.', '!', `application/x-rtp,media=${media}`, '!', ...chain, ...(chain.length ? ['!'] : []), ...countingSink(sink)];
  const run = () => watchSinks(
    ['rtspsrc', 'name=src', `location=${url}`, `protocols=${protocols}`, 'latency=200', ...props, ...branch('video', video, 'vsink'), ...branch('audio', audio, 'asink')],
    { vsink: frames, asink: audioFrames },
    { timeoutMs, kill: options.kill },
  );
  // gst-launch (1.22) races its own delayed links: rtspsrc adds its pads from two threads, each tries both
  // caps-filtered links, and one can leave the video unlinked for good ("Delayed linking failed", no frame
  // while RTP arrives; seen once in CI). That is the client's parser, not the server: such a client runs
  // again. (The same warning for the audio link of a video-only stream is expected.)
  let w = await run();
  if (w.linkFailed && frames > 0 && w.sinks.vsink!.frames === 0) w = await run();
  return { video: w.sinks.vsink!, audio: w.sinks.asink!, ended: w.ended, byeReceived: w.byeReceived, exitCode: w.exitCode, timedOut: w.timedOut, output: w.output };
}

export interface Decoded {
  /** Decoded video frames that reached the sink. */
  frames: number;
  exitCode: number | undefined;
  /** The last timestamp seen, in seconds. */
  lastPts: number | undefined;
  timedOut: boolean;
  /** The stream ended (EOS) before the client had the frames. */
  ended: boolean;
  /** The server's RTCP BYE reached the client (see watchSinks). */
  byeReceived: boolean;
  output: string;
}

// Decodes the video of `url` (any codec decodebin knows) until `frames` frames have arrived.
export async function decodeFrames(url: string, options: Omit<ReceiveOptions, 'video' | 'audio' | 'audioFrames'> = {}): Promise<Decoded> {
  const r = await receive(url, options);
  return { frames: r.video.frames, lastPts: r.video.lastPts, exitCode: r.exitCode, timedOut: r.timedOut, ended: r.ended, byeReceived: r.byeReceived, output: r.output };
}

export interface Probed {
  exitCode: number | undefined;
  codecs: string[];
  stderr: string;
}

// ffprobe over interleaved TCP: which codecs the server announces (and whether it let us in).
export async function probeStream(url: string, timeoutMs = 15_000): Promise<Probed> {
  const r = await execa('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', url], { reject: false, timeout: timeoutMs });
  return { exitCode: r.exitCode, codecs: String(r.stdout).split('\n').map((s) => s.trim().replace(/,$/, '')).filter(Boolean), stderr: String(r.stderr) };
}

// A port nobody listens on right now (the kernel's pick, released).
export async function freePort(kind: 'tcp' | 'udp' = 'tcp'): Promise<number> {
  if (kind === 'udp') {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    const { port } = socket.address();
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    return port;
  }
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

export interface RunningCli extends JsonCli {
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
  /** Direct children of the CLI process (the helper, gst-launch). */
  childPids(): Promise<number[]>;
}

// `lydlr-gst --json …args`, running; events are read as they come (output also buffered, for stop()).
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const run = startJsonCli(args, { env, buffer: true });
  const { child } = run;
  const done = child.then((r) => toCliResult(r.exitCode ?? -1, String(r.stdout ?? ''), String(r.stderr ?? '')));
  return {
    ...run,
    stop: async (signal = 'SIGINT') => {
      child.kill(signal);
      return done;
    },
    childPids: async () => {
      const r = await execa('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { reject: false });
      return String(r.stdout).split('\n').map((s) => Number(s.trim())).filter((n) => n > 0);
    },
  };
}

// True while a process with this pid runs (a zombie waiting for its reaper counts as gone).
export function alive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== undefined && state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

// Waits until none of the pids runs; returns those still running after timeoutMs.
export async function waitGone(pids: number[], timeoutMs = 3000): Promise<number[]> {
  const until = Date.now() + timeoutMs;
  while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return pids.filter(alive);
}
