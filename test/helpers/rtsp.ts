// Real RTSP clients for e2e tests (gst-launch-1.0 rtspsrc, ffprobe), and the CLI as a running server.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import { execa } from 'execa';
import { toCliResult, type CliResult } from './cli.js';
import { startJsonCli, type JsonCli } from './ndjson-process.js';

export interface Decoded {
  /** Decoded video frames that reached the sink. */
  frames: number;
  exitCode: number | undefined;
  /** The last timestamp seen, in seconds. */
  lastPts: number | undefined;
  /** Killed by the timeout (the stream neither delivered the frames nor ended). */
  timedOut: boolean;
  output: string;
}

// Only the video stream is linked (with audio, rtspsrc's first pad may be the audio one).
// Counts decoded frames (fakesink's per-buffer notify with -v), not exit codes: a UDP client may exit 1
// after decoding everything, and A+V clients may miss EOS (facts about the clients, not the server).
export async function decodeFrames(url: string, options: { protocols?: 'tcp' | 'udp'; frames?: number; timeoutMs?: number; props?: string[]; kill?: AbortSignal } = {}): Promise<Decoded> {
  const { protocols = 'tcp', frames = 60, timeoutMs = 20_000, props = [] } = options;
  const r = await execa('gst-launch-1.0', [
    '-v', 'rtspsrc', `location=${url}`, `protocols=${protocols}`, 'latency=200', ...props, '!', 'application/x-rtp,media=video', '!', 'decodebin', '!', 'video/x-raw', '!',
    'fakesink', 'silent=false', `num-buffers=${frames}`,
  ], { reject: false, timeout: timeoutMs, env: { ...process.env, LC_ALL: 'C' }, all: true, cancelSignal: options.kill });
  const output = String(r.all ?? '');
  const chains = output.match(/last-message = chain .*/g) ?? [];
  const pts = /pts: (\d+):(\d+):([\d.]+)/.exec(chains[chains.length - 1] ?? '');
  return { frames: chains.length, exitCode: r.exitCode, timedOut: Boolean(r.timedOut), lastPts: pts ? Number(pts[1]) * 3600 + Number(pts[2]) * 60 + Number(pts[3]) : undefined, output: output.slice(-3000) };
}

export interface Probed {
  exitCode: number | undefined;
  codecs: string[];
  stderr: string;
}

// ffprobe over interleaved TCP: which codecs the server announces (and whether it let us in).
export async function probeStream(url: string): Promise<Probed> {
  const r = await execa('ffprobe', ['-v', 'error', '-rtsp_transport', 'tcp', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', url], { reject: false, timeout: 15_000 });
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
