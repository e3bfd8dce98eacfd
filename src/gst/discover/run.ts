// Starting gst-discoverer-1.0, on demand or early. Early: as soon as the command line is parsed,
// before the command's modules load, so probing a file (~100 ms for 720p H.264, no frame
// decoded: see no-decode.ts) overlaps that loading (~100 ms) instead of following it (bench/compress.mjs).
// Kept light (node built-ins only) because it runs before everything else.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gstChildEnv, readEnv } from '../../config/env.js';
import { runTool, type ToolRun } from '../../process/run-tool.js';
import { findOnPath } from '../tools.js';
import { noDecodeEnv, type NoDecodeOptions } from './no-decode-env.js';

export const GST_DISCOVERER = 'gst-discoverer-1.0';
export const DEFAULT_PROBE_SECONDS = 10;

export const URI_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

// A URI stays as is; a path becomes an absolute file:// URI with spaces, quotes, % and non-ASCII escaped.
export function toUri(input: string): string {
  return URI_SCHEME.test(input) ? input : pathToFileURL(resolve(input)).href;
}

// `decode: false` (the default) stops at the parsed caps: see no-decode.ts.
export function startDiscoverer(tool: string, uri: string, seconds: number, env: NodeJS.ProcessEnv, options: { decode?: boolean } & NoDecodeOptions = {}): { done: Promise<ToolRun>; kill: () => void } {
  const childEnv = options.decode ? env : noDecodeEnv(env, options);
  return runTool(tool, ['-v', '-t', String(seconds), uri], { env: childEnv, timeoutMs: (seconds + 20) * 1000 });
}

interface EarlyProbe { done: Promise<ToolRun>; kill: () => void; env: NodeJS.ProcessEnv }
// One table per process, though two bundles carry this module: the launcher's early probe and the CLI.
const EARLY_PROBES = Symbol.for('lydlr-gst.early-probes');
const early = ((globalThis as { [EARLY_PROBES]?: Map<string, EarlyProbe> })[EARLY_PROBES] ??= new Map<string, EarlyProbe>());
const EARLY_LIMIT = 2;

// What changes the discoverer's answer besides the URI.
const sameEnv = (a: NodeJS.ProcessEnv, b: NodeJS.ProcessEnv) => a.GST_PLUGIN_PATH === b.GST_PLUGIN_PATH && a.PATH === b.PATH;

// Starts probes for the local files among `inputs` (best effort: anything odd is left to the
// command's own checks). Returns a function that stops the probes nobody took. Only compress and
// hls probe early, and both ask for light audio (no-decode-env.ts), so these probes are light.
export function probeEarly(inputs: string[]): () => void {
  let env: NodeJS.ProcessEnv;
  try {
    env = gstChildEnv(readEnv()); // LC_ALL=C included
  } catch {
    return () => {}; // a bad environment variable: the command reports it
  }
  const tool = findOnPath(GST_DISCOVERER, env);
  if (!tool) return () => {};
  // Only the first few: a batch of hundreds must not start hundreds of probes at once.
  for (const input of inputs.slice(0, EARLY_LIMIT)) {
    if (URI_SCHEME.test(input) || !isFile(input)) continue;
    const uri = toUri(input);
    if (!early.has(uri)) early.set(uri, { ...startDiscoverer(tool, uri, DEFAULT_PROBE_SECONDS, env, { lightAudio: true }), env });
  }
  return () => {
    for (const probe of early.values()) probe.kill();
    early.clear();
  };
}

// The early probe of `uri`, if one was started with the same settings (light audio included); each is taken once.
export function takeEarlyProbe(uri: string, seconds: number, env: NodeJS.ProcessEnv, options: NoDecodeOptions = {}): Promise<ToolRun> | undefined {
  const probe = early.get(uri);
  if (!probe || seconds !== DEFAULT_PROBE_SECONDS || !sameEnv(probe.env, env) || !options.lightAudio) return undefined;
  early.delete(uri);
  return probe.done;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
