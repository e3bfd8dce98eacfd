// The pipeline pictures of serve's jobs. Each job process runs with LYDLR_GRAPH_FILE naming a .dot
// file in serve's own folder: the job copies GStreamer's dump there whenever one of its gst-launch-1.0
// pipelines is PLAYING or fails (a text copy, cheap); the SVG is drawn only when someone asks for it,
// and kept until the dump changes. The folder goes with serve.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GRAPH_FILE_ENV } from '../jobs/run-graph.js';
import { svgOf } from '../gst/graph/render.js';

const PREFIX = 'lydlr-serve-graphs-';

export class JobGraphs {
  /** Made with the first job (a serve that fails to start leaves nothing behind). */
  private folder: string | undefined;
  private readonly drawn = new Map<string, { mtimeMs: number; svg: string }>();

  constructor(private readonly env: () => NodeJS.ProcessEnv) {}

  /** What a job's environment gets: where its pictures go. */
  jobEnv(jobId: string): Record<string, string> {
    return { [GRAPH_FILE_ENV]: this.dotFile(jobId) };
  }

  /** The job's latest pipeline as SVG, or undefined when it has drawn none (yet). */
  async svg(jobId: string): Promise<string | undefined> {
    const file = this.dotFile(jobId);
    const mtimeMs = await stat(file).then((s) => s.mtimeMs, () => undefined);
    if (mtimeMs === undefined) return undefined;
    const cached = this.drawn.get(jobId);
    if (cached?.mtimeMs === mtimeMs) return cached.svg;
    const svg = await svgOf(file, await readFile(file, 'utf8'), this.env());
    this.drawn.set(jobId, { mtimeMs, svg });
    return svg;
  }

  /** A job serve no longer lists: its picture goes too. */
  forget(jobId: string): void {
    this.drawn.delete(jobId);
    rmSync(this.dotFile(jobId), { force: true });
  }

  remove(): void {
    this.drawn.clear();
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
  }

  private dotFile(jobId: string): string {
    if (!this.folder) {
      removeDeadServes();
      this.folder = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
    }
    return join(this.folder, `${jobId}.dot`);
  }
}

// A serve that was killed (SIGKILL, a crash) could not remove its folder: the next one does, by the
// process id in the name, never the folder of a serve still running.
function removeDeadServes(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (pid > 0 && pid !== process.pid && !running(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // someone else's: alive
  }
}
