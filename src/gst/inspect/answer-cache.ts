// gst-inspect-1.0 answers kept on disk between runs (~/.cache/lydlr-gst/inspect-answers.json), under the
// fingerprint of the registry and plugin folders (registry-state.ts): a job's start asks up to ten
// narrow questions (encoder choice, decoders, encoder limits), 10-100 ms of processes each, whose
// answers change only when plugins do. An answer is recorded only when the fingerprint was the same
// before and after the tool ran, and a file that cannot be read or written is simply not used.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { answerCacheFile, registryState } from './registry-state.js';

export interface InspectAnswer { exitCode: number; stdout: string; stderr: string }

interface CacheFile { states: { state: string; answers: Record<string, InspectAnswer> }[] }

// Fingerprints kept: tests and tools run with their own registries; the file stays small.
const KEEP_STATES = 8;

let loaded: { file: string; data: CacheFile } | undefined;

function load(file: string): CacheFile {
  if (loaded?.file === file) return loaded.data;
  let data: CacheFile = { states: [] };
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    if (Array.isArray(parsed.states)) data = parsed;
  } catch {
    // none yet, or unreadable: start empty
  }
  loaded = { file, data };
  return data;
}

function save(file: string, data: CacheFile): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, file); // whole or not at all, for runs that read it meanwhile
  } catch {
    // a read-only home: answers are asked again next time
  }
}

/** The recorded answer, or asks `run` and records its answer when the registry did not change meanwhile. */
export async function cachedAnswer(tool: string, args: string[], env: NodeJS.ProcessEnv, run: () => Promise<InspectAnswer>): Promise<InspectAnswer> {
  const state = registryState(tool, env);
  if (state === undefined || env.LYDLR_GST_NO_CACHE === '1') return run();
  const file = answerCacheFile(env);
  const key = args.join('\0');
  const hit = load(file).states.find((s) => s.state === state)?.answers[key];
  if (hit) return hit;
  const answer = await run();
  if (registryState(tool, env) !== state) return answer;
  const data = load(file);
  let entry = data.states.find((s) => s.state === state);
  if (!entry) {
    entry = { state, answers: {} };
    data.states = [entry, ...data.states].slice(0, KEEP_STATES);
  }
  entry.answers[key] = answer;
  save(file, data);
  return answer;
}
