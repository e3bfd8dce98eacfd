// `queue add --chunk`: each input checked for what a chunked encode needs (after the compress line was
// checked as compress checks it), planned as a flow, then added (or only shown, for a dry run).
import type { JobLine } from '../cli/job-line.js';
import { silentContext } from '../jobs/context.js';
import { discover } from '../gst/discover/discover.js';
import { requireVideo } from '../jobs/video-input.js';
import { requireFileInput } from '../jobs/chunk-input.js';
import { checkChunkFlags, checkChunkInput } from './chunk-checks.js';
import { codecOf, planChunkFlow, type PlannedFlow } from './chunk-flow.js';
import { absoluteLine } from './plan.js';
import { withQueue } from './open-queue.js';
import { addFlows } from './add-flow.js';
import type { EnqueuedJob, EnqueueRequest } from './enqueue.js';

export async function enqueueChunked(request: EnqueueRequest, chunkSeconds: number, outputs: Map<string, string>): Promise<EnqueuedJob[]> {
  const flows = await planFlows(request.line, chunkSeconds, outputs, request);
  const shown = flows.map((f) => ({
    id: f.id, kind: f.join.data.kind, input: f.input, output: f.output, workDir: f.workDir, argv: f.join.data.argv,
    steps: f.children.map((c) => ({ id: c.id, kind: c.data.kind, argv: c.data.argv })), notes: f.notes,
  }));
  if (request.dryRun) return shown;
  const added = await withQueue(request.target, (queue) => addFlows(queue, request.target, flows, request.priority));
  return shown.map(({ argv: _argv, ...flow }, i) => ({ ...flow, added: added[i]!.added }));
}

async function planFlows(line: JobLine, chunkSeconds: number, outputs: Map<string, string>, request: EnqueueRequest): Promise<PlannedFlow[]> {
  const { flags, words } = await absoluteLine({ spec: line.spec, words: line.args.flat().map(String), flags: line.given }, request.cwd);
  checkChunkFlags(codecOf(flags), flags);
  const env = silentContext('queue add', new Set(), request.processEnv).childEnv();
  const flows: PlannedFlow[] = [];
  for (const word of words) {
    const input = requireFileInput(word);
    const media = await discover(input, { env });
    requireVideo(input, media);
    checkChunkInput(input, media);
    // compress named the output by the input as given (a path, or a file:// URI).
    const output = outputs.get(input) ?? outputs.get(word);
    if (!output) throw new Error(`compress --dry-run named no output for ${word}`);
    flows.push(planChunkFlow({ spec: line.spec, input, output, flags, chunkSeconds, media }));
  }
  return flows;
}
