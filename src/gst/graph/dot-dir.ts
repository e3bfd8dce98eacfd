// GStreamer writes the pipeline as a dot graph on each state change (and gst-launch-1.0 on an
// error) into GST_DEBUG_DUMP_DOT_DIR. A run gets its own folder; afterwards the picture that
// shows the pipeline as it ran is chosen: the error's, else the last PAUSED→PLAYING, else the last.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// gst-launch writes a dump while handling the state change it has just printed: a few ms later.
const POLL_MS = 20;

export interface DotDir {
  env: NodeJS.ProcessEnv;
  /** The chosen graph, or undefined when the pipeline never got far enough to be drawn. */
  pick(): Promise<{ file: string; text: string } | undefined>;
  /** Resolves true once a dump whose name ends with `suffix` is there, false after `timeoutMs`. */
  waitFor(suffix: string, timeoutMs: number): Promise<boolean>;
  remove(): Promise<void>;
}

// File names start with the running time (h.mm.ss.ns), so names sort in time order.
export function pickDotFile(names: string[]): string | undefined {
  const dots = names.filter((n) => n.endsWith('.dot')).sort();
  const last = (suffix: string) => dots.filter((n) => n.endsWith(suffix)).pop();
  return last('.error.dot') ?? last('.PAUSED_PLAYING.dot') ?? dots.pop();
}

export async function dotDir(env: NodeJS.ProcessEnv): Promise<DotDir> {
  const dir = await mkdtemp(join(tmpdir(), 'lydlr-graph-'));
  return {
    env: { ...env, GST_DEBUG_DUMP_DOT_DIR: dir },
    async pick() {
      const name = pickDotFile(await readdir(dir));
      if (!name) return undefined;
      const file = join(dir, name);
      return { file, text: await readFile(file, 'utf8') };
    },
    async waitFor(suffix, timeoutMs) {
      for (const end = performance.now() + timeoutMs; ; await sleep(POLL_MS)) {
        // The folder is gone once the run is over: nothing more will come.
        const names = await readdir(dir).catch(() => undefined);
        if (!names) return false;
        if (names.some((n) => n.endsWith(suffix))) return true;
        if (performance.now() >= end) return false;
      }
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
