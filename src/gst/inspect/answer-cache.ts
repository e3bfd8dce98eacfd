// gst-inspect-1.0 answers kept on disk between runs, under the fingerprint of the registry and plugin
// folders (registry-state.ts): a job's start asks up to ten narrow questions (encoder choice, decoders,
// encoder limits), 10-100 ms of processes each, whose answers change only when plugins do. An answer is
// recorded only when the fingerprint was the same before and after the tool ran, and a file that
// cannot be read or written is simply not used.
//
// One small file per question, in a folder per fingerprint (~/.cache/lydlr-gst/inspect/<fingerprint>/
// <question>.json): a start reads the few answers it asks, not every description another command once
// asked for. Beside an answer, what this build of the program parsed from it: parsing a description
// is most of the cost of asking (~4 ms of a compress start for x264enc), and the parser may change
// from one build to the next, so the parsed value is used only by the build that wrote it.
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerCacheFolder, registryState } from './registry-state.js';
import { BUILD_ID } from '../../process/build-id.js';

export interface InspectAnswer { exitCode: number; stdout: string; stderr: string }

interface Entry {
  state: string;
  args: string[];
  answer: InspectAnswer;
  parsed?: { build: string; value: unknown };
}

// Fingerprints kept: tests and tools run with their own registries; the folder stays small.
const KEEP_STATES = 8;

/** The recorded answer, or asks `run` and records its answer when the registry did not change meanwhile. */
export async function cachedAnswer(tool: string, args: string[], env: NodeJS.ProcessEnv, run: () => Promise<InspectAnswer>): Promise<InspectAnswer> {
  const place = placeOf(tool, args, env);
  if (!place) return run();
  const hit = read(place);
  if (hit) return hit.answer;
  const answer = await run();
  record(place, tool, env, { state: place.state, args, answer });
  return answer;
}

/**
 * `parse(answer)`, recorded beside the answer for this build (`build`; none: parsed every time). The
 * parsed value goes through JSON: plain data only.
 */
export async function cachedParse<T>(tool: string, args: string[], env: NodeJS.ProcessEnv, run: () => Promise<InspectAnswer>, parse: (answer: InspectAnswer) => T, build = BUILD_ID): Promise<T> {
  if (build === undefined) return parse(await cachedAnswer(tool, args, env, run));
  const place = placeOf(tool, args, env);
  if (!place) return parse(await run());
  const hit = read(place);
  if (hit?.parsed?.build === build) return hit.parsed.value as T;
  const answer = hit?.answer ?? (await run());
  const value = parse(answer);
  record(place, tool, env, { state: place.state, args, answer, parsed: { build, value } });
  return value;
}

interface Place { state: string; folder: string; file: string }

function placeOf(tool: string, args: string[], env: NodeJS.ProcessEnv): Place | undefined {
  const state = registryState(tool, env);
  if (state === undefined || env.LYDLR_GST_NO_CACHE === '1') return undefined;
  const folder = join(answerCacheFolder(env), shortHash(state));
  return { state, folder, file: join(folder, `${shortHash(args.join('\0'))}.json`) };
}

// The file's own record of its fingerprint and question is checked: a hash is only a file name.
function read(place: Place): Entry | undefined {
  try {
    const entry = JSON.parse(readFileSync(place.file, 'utf8')) as Entry;
    return entry.state === place.state && Array.isArray(entry.args) && entry.answer ? entry : undefined;
  } catch {
    return undefined; // none yet, or unreadable
  }
}

// Only when the fingerprint is still the one the answer was asked under (GStreamer may have rebuilt
// its registry meanwhile). Whole or not at all, for runs that read it meanwhile.
function record(place: Place, tool: string, env: NodeJS.ProcessEnv, entry: Entry): void {
  if (registryState(tool, env) !== place.state) return;
  try {
    const created = mkdirSync(place.folder, { recursive: true }) !== undefined;
    const tmp = `${place.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, place.file);
    if (created) pruneStates(place.folder);
  } catch {
    // a read-only home: answers are asked again next time
  }
}

// Keeps the folders of the KEEP_STATES fingerprints last written to.
function pruneStates(current: string): void {
  const root = join(current, '..');
  const others = readdirSync(root).map((name) => join(root, name)).filter((dir) => dir !== current);
  const newestFirst = others.map((dir) => [dir, statSync(dir).mtimeMs] as const).sort((a, b) => b[1] - a[1]);
  for (const [dir] of newestFirst.slice(KEEP_STATES - 1)) rmSync(dir, { recursive: true, force: true });
}

// File names: 32-bit FNV-1a and the length, in hex (node:crypto would add its loading to every start).
// A start takes the same fingerprint a dozen times: each is hashed once.
const hashes = new Map<string, string>();
function shortHash(text: string): string {
  let name = hashes.get(text);
  if (name === undefined) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    name = `${(h >>> 0).toString(16).padStart(8, '0')}${text.length.toString(16)}`;
    if (hashes.size > 64) hashes.clear();
    hashes.set(text, name);
  }
  return name;
}
