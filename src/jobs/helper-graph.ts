// --graph for the servers whose pipelines run inside a Python helper (rtsp, webrtc): no gst-launch-1.0,
// so no dump folder. Once a media pipeline is PLAYING the helper is asked for it as dot text
// (Gst.debug_bin_to_dot_data, what GStreamer would dump), which is drawn like a gst-launch dump.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobContext } from './context.js';
import { checkedTargets, graphTargets, renderTargets, type GraphRequest } from './run-graph.js';

export class HelperGraph {
  private asked = false;
  private pending: Promise<void> = Promise.resolve();
  private readonly written = new Set<string>();

  private constructor(
    private readonly ctx: JobContext,
    private readonly targets: GraphRequest[],
    private readonly own: string | undefined,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Checks the targets (throws before anything starts); undefined when no picture is asked for. */
  static prepare(ctx: JobContext, request: GraphRequest | undefined, env: NodeJS.ProcessEnv): HelperGraph | undefined {
    const targets = checkedTargets(ctx, graphTargets(request, ctx.processEnv), env);
    return targets.length > 0 ? new HelperGraph(ctx, targets, request?.file, env) : undefined;
  }

  /**
   * The first media pipeline that plays is drawn (with several mounts: the first one a viewer opens);
   * later calls do nothing. A server goes on whatever happens here: failures are warnings.
   */
  drawOnce(dotText: () => Promise<string>): void {
    if (this.asked) return;
    this.asked = true;
    this.pending = (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'lydlr-graph-'));
      try {
        const dot = { file: join(dir, 'pipeline.dot'), text: await dotText() };
        await writeFile(dot.file, dot.text);
        for (const file of (await renderTargets(this.ctx, dot, this.targets, this.env, false)).written) this.written.add(file);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    })().catch((error: unknown) => this.ctx.reporter.log('warn', `no pipeline graph: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Waits for a drawing under way; the command's own --graph file when it was written. */
  async settle(): Promise<string | undefined> {
    await this.pending;
    if (!this.asked && this.own) this.ctx.reporter.log('warn', `no pipeline graph: no media pipeline played (no viewer came), so --graph ${this.own} was not written`);
    return this.own && this.written.has(this.own) ? this.own : undefined;
  }
}
