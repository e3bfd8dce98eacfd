// The built CLI with --json as a long-running process (servers, live jobs, interrupted runs): its NDJSON
// events as they arrive, awaited by predicate.
import type { Options, ResultPromise } from 'execa';
import { parseNdjson, spawnCli } from './cli.js';

export type CliEvent = Record<string, unknown> & { type: string };
export type EventMatch = (e: CliEvent) => boolean;

export interface JsonCli {
  child: ResultPromise;
  /** Every event so far, in order (the same array throughout). */
  events: CliEvent[];
  /** The exit code (-1 after a signal), as soon as the process exits. */
  exited: Promise<number>;
  /** stderr so far. */
  stderr(): string;
  /** The first matching event, already received or to come; rejects when the CLI ends first or after `ms`. */
  waitFor(match: EventMatch, ms?: number, what?: string): Promise<CliEvent>;
  /** The same, among the events still to come only. */
  waitForNext(match: EventMatch, ms?: number, what?: string): Promise<CliEvent>;
}

// `lydlr-gst --json …args`; options go to spawnCli (buffer: false unless given, as the output is read here).
export function startJsonCli(args: string[], options: Options = {}): JsonCli {
  const child = spawnCli(['--json', ...args], { buffer: false, ...options });
  const events: CliEvent[] = [];
  const checks = new Set<() => void>();
  let stderr = '';
  let rest = '';
  let ended = false;
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    events.push(...(parseNdjson(lines.join('\n')) as CliEvent[]));
    checks.forEach((check) => check());
  });
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  // Waiters give up only once execa has settled (exited and stdout read to the end): no last event is missed.
  const settle = () => {
    ended = true;
    checks.forEach((check) => check());
  };
  void child.then(settle, settle);

  const waitFrom = (from: number, match: EventMatch, ms: number, what: string) => new Promise<CliEvent>((resolve, reject) => {
    const failure = (why: string) => new Error(`${why}; stderr: ${stderr.slice(-1500)}; last events: ${JSON.stringify(events.slice(-5)).slice(0, 1500)}`);
    const finish = (then: () => void) => {
      clearTimeout(timer);
      checks.delete(check);
      then();
    };
    let next = from;
    const check = () => {
      for (; next < events.length; next++) {
        const event = events[next]!;
        if (match(event)) return finish(() => resolve(event));
      }
      if (ended) finish(() => reject(failure(`the CLI exited (${child.exitCode ?? child.signalCode}) while waiting for ${what}`)));
    };
    const timer = setTimeout(() => finish(() => reject(failure(`timed out after ${ms} ms waiting for ${what}`))), ms);
    checks.add(check);
    check();
  });

  return {
    child,
    events,
    exited,
    stderr: () => stderr,
    waitFor: (match, ms = 20_000, what = 'a matching event') => waitFrom(0, match, ms, what),
    waitForNext: (match, ms = 20_000, what = 'a matching event') => waitFrom(events.length, match, ms, what),
  };
}
