// `lydlr-gst --json serve` as a test fixture: start it, call it over real HTTP, wait for its jobs.
import type { ResultPromise } from 'execa';
import { startJsonCli, type CliEvent } from './ndjson-process.js';
import { waitUntil } from './wait.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Serve {
  /** http://HOST:PORT/api/gstreamer/ from its ready event */
  url: string;
  proc: ResultPromise;
  /** Its NDJSON lines so far. */
  lines: CliEvent[];
  exited: Promise<number>;
  /** Sends the signal and resolves the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Json;
  text: string;
}

const started: Serve[] = [];

// `lydlr-gst --json serve --port 0 …args` in `cwd`, once its ready event says where it listens.
export async function startServe(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Serve> {
  const run = startJsonCli(['serve', '--port', '0', ...args], { cwd: options.cwd, env: options.env });
  const ready = await run.waitFor((e) => e.type === 'ready', 120_000, 'serve to be ready');
  const serve: Serve = {
    url: ready.url as string,
    proc: run.child,
    lines: run.events,
    exited: run.exited,
    stop: async (signal = 'SIGINT') => {
      run.child.kill(signal);
      return run.exited;
    },
  };
  started.push(serve);
  return serve;
}

// For afterAll: whatever a failed test left running.
export async function stopAllServes(): Promise<void> {
  for (const s of started.splice(0)) if (s.proc.exitCode === null) await s.stop('SIGKILL');
}

// One request, its body parsed when it is JSON.
export async function call(base: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Answer> {
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
  return { status: res.status, headers: res.headers, body, text };
}

export const isFinal = (job: Json): boolean => ['succeeded', 'failed', 'stopped'].includes(job.state as string);

// Polls GET jobs/<id>/ until `done(job)`; throws saying what never happened.
export async function waitForJob(base: string, id: string, what: string, done: (job: Json) => boolean = isFinal, timeoutMs = 90_000): Promise<Json> {
  return waitUntil(`job ${id} ${what}`, async () => {
    const { body } = await call(base, `jobs/${id}/`);
    return done(body) ? body : undefined;
  }, { timeoutMs, intervalMs: 100 });
}
