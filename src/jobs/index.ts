// The registry: the one list of jobs. The CLI's commands, the REST routes and OpenAPI document,
// doctor's readiness rows and the library are all generated from it. A new job is a folder
// under src/jobs with an index.ts exporting its spec, and one line here.
import { pathToFileURL } from 'node:url';
import type { JobSpec } from './spec.js';
import { importExternal } from '../process/import-external.js';
import { compress } from './compress/index.js';
import { hls } from './hls/index.js';
import { rtsp } from './rtsp/index.js';
import { webrtc } from './webrtc/index.js';
import { deepstreamInference } from './deepstream/index.js';
import { launch } from './launch/index.js';
import { testPipeline } from './test-pipeline/index.js';
import { graph } from './graph/index.js';
import { record } from './record/index.js';
import { probe } from './probe/index.js';
import { snapshot } from './snapshot/index.js';
import { thumbnails } from './thumbnails/index.js';
import { chunkSplit } from './chunk-split/index.js';
import { chunkAudio } from './chunk-audio/index.js';
import { chunkJoin } from './chunk-join/index.js';

export const BUILTIN_JOBS: readonly JobSpec[] = [compress, hls, rtsp, webrtc, deepstreamInference, launch, testPipeline, graph, record, probe, snapshot, thumbnails, chunkSplit, chunkAudio, chunkJoin];

/** Modules that each export job specs (`export const jobs = [...]` or `export default spec`), colon-separated. */
export const EXTRA_JOBS_ENV = 'LYDLR_JOBS';

const registered: JobSpec[] = [...BUILTIN_JOBS];

/** Every job: the built-in ones, then those registered (from LYDLR_JOBS or by a library user). */
export function allJobs(): readonly JobSpec[] {
  return registered;
}

/** Adds a job to the registry (before the CLI, serve or doctor is built from it). */
export function registerJob(spec: JobSpec): void {
  const name = spec.command.join(' ');
  if (registered.some((s) => s.command.join(' ') === name)) throw new Error(`a job named "${name}" is already registered`);
  registered.push(spec);
}

// Imports the job modules listed in LYDLR_JOBS (absolute paths or file: URLs) and registers their specs.
export async function loadExtraJobs(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const list = env[EXTRA_JOBS_ENV];
  if (!list) return;
  for (const entry of list.split(':').filter(Boolean)) {
    const url = entry.startsWith('file:') ? entry : pathToFileURL(entry).href;
    const mod = (await importExternal(url)) as { jobs?: JobSpec[]; default?: JobSpec };
    for (const spec of mod.jobs ?? (mod.default ? [mod.default] : [])) {
      if (!registered.includes(spec)) registerJob(spec);
    }
  }
}
