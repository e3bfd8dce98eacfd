// Runs gst-inspect-1.0 (argv, no TTY) and hands back parsed records. The listing is one
// process, parsed once and cached per process per environment; element questions read the cache.
import { gstChildEnv, readEnv } from '../../config/env.js';
import { EnvironmentError, UsageError } from '../../errors.js';
import { parseDescribe } from './describe-parse.js';
import { parseBlacklist, parseListing } from './listing-parse.js';
import { packageForPlugin } from './installed-packages.js';
import type { DescribeResult, Feature, Listing } from './schema.js';
import { packageForElement } from './element-packages.js';
import { suggest } from './suggest.js';
import { requireGstTool } from '../tools.js';
import { runTool } from '../../process/run-tool.js';
import { cachedAnswer, cachedParse } from './answer-cache.js';

export const GST_INSPECT = 'gst-inspect-1.0';

export interface InspectOptions {
  /** The child's complete environment; default gstChildEnv(readEnv()). */
  env?: NodeJS.ProcessEnv;
  /** A cold first run rebuilds the registry, which can take seconds (default 60 s). */
  timeoutMs?: number;
}

interface InspectOutput { exitCode: number; stdout: string; stderr: string }

const listings = new Map<string, Promise<Listing>>();
const descriptions = new Map<string, Promise<DescribeResult>>();

const envOf = (options: InspectOptions): NodeJS.ProcessEnv => options.env ?? gstChildEnv(readEnv());

// What changes gst-inspect's answer: the plugin paths, the registry file, PATH.
function cacheKey(env: NodeJS.ProcessEnv): string {
  const keys = ['PATH', 'GST_PLUGIN_PATH', 'GST_PLUGIN_PATH_1_0', 'GST_PLUGIN_SYSTEM_PATH', 'GST_PLUGIN_SYSTEM_PATH_1_0', 'GST_REGISTRY', 'GST_REGISTRY_1_0'];
  return JSON.stringify(keys.map((k) => env[k] ?? null));
}

export async function runInspect(args: string[], options: InspectOptions = {}): Promise<InspectOutput> {
  const env = { ...envOf(options), LC_ALL: 'C', GST_INSPECT_NO_COLORS: '1' };
  const tool = requireGstTool(GST_INSPECT, env);
  return runInspectTool(tool, args, env, options.timeoutMs ?? 60_000);
}

// An element's description or presence, answered from the disk cache while plugins are unchanged
// (answer-cache.ts); with `parse`, its parsed form, also kept there.
async function askElement(args: string[], options: InspectOptions): Promise<InspectOutput>;
async function askElement<T>(args: string[], options: InspectOptions, parse: (out: InspectOutput) => T): Promise<T>;
async function askElement<T>(args: string[], options: InspectOptions, parse?: (out: InspectOutput) => T): Promise<InspectOutput | T> {
  const env = { ...envOf(options), LC_ALL: 'C', GST_INSPECT_NO_COLORS: '1' };
  const tool = requireGstTool(GST_INSPECT, env);
  const run = () => runInspectTool(tool, args, env, options.timeoutMs ?? 60_000);
  return parse ? cachedParse(tool, args, env, run, parse) : cachedAnswer(tool, args, env, run);
}

async function runInspectTool(tool: string, args: string[], env: NodeJS.ProcessEnv, timeout: number): Promise<InspectOutput> {
  const r = await runTool(tool, args, { env, timeoutMs: timeout }).done;
  if (r.timedOut) throw new EnvironmentError(`${GST_INSPECT} did not answer within ${timeout / 1000} s.`, { fix: `run ${GST_INSPECT} by hand to see where it hangs` });
  if (r.exitCode === undefined) throw new EnvironmentError(`${GST_INSPECT} could not run: ${r.failure ?? 'unknown error'}`);
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

// Every plugin feature, from one `gst-inspect-1.0` call; later calls reuse the same promise.
export function listFeatures(options: InspectOptions = {}): Promise<Listing> {
  const key = cacheKey(envOf(options));
  let listing = listings.get(key);
  if (!listing) {
    listing = runInspect([], options).then((out) => {
      if (out.exitCode !== 0) throw new EnvironmentError(`${GST_INSPECT} failed (exit ${out.exitCode}): ${out.stderr.trim().split('\n').slice(-3).join(' ')}`);
      return parseListing(out.stdout);
    });
    listing.catch(() => listings.delete(key));
    listings.set(key, listing);
  }
  return listing;
}

export function clearInspectCache(): void {
  listings.clear();
  descriptions.clear();
}

export async function findElements(predicate: (feature: Feature) => boolean, options: InspectOptions = {}): Promise<Feature[]> {
  const { features } = await listFeatures(options);
  return features.filter((f) => f.kind === 'element' && predicate(f));
}

export async function hasElement(name: string, options: InspectOptions = {}): Promise<boolean> {
  const { features } = await listFeatures(options);
  return features.some((f) => f.kind === 'element' && f.name === name);
}

// Feature and plugin names: the candidates for "did you mean".
export function knownNames(listing: Listing): string[] {
  return [...listing.features.map((f) => f.name), ...listing.plugins];
}

// `gst-inspect-1.0 NAME` parsed; an unknown name gives kind "not-found" with suggestions, never a throw.
export function describe(name: string, options: InspectOptions = {}): Promise<DescribeResult> {
  const key = `${cacheKey(envOf(options))}\n${name}`;
  let result = descriptions.get(key);
  if (!result) {
    result = describeUncached(name, options);
    result.catch(() => descriptions.delete(key));
    descriptions.set(key, result);
  }
  return result;
}

async function describeUncached(name: string, options: InspectOptions): Promise<DescribeResult> {
  // A leading "-" would be read as an option; no feature or plugin name has one or a space.
  const plausible = /^[^\s-][^\s]*$/.test(name);
  const described = plausible ? await askElement([name], options, (out) => (out.exitCode === 0 && out.stdout.trim() !== '' ? parseDescribe(name, out.stdout) : null)) : null;
  if (described) return described;
  const listing = await listFeatures(options);
  const feature = listing.features.find((f) => f.name === name);
  const base = { kind: 'not-found' as const, name, suggestions: suggest(name, knownNames(listing)) };
  return feature ? { ...base, feature } : base;
}

export type ExistsStatus = 'present' | 'missing' | 'too-old';

// `--exists` answers 0 or 1 (1.22 also says 1 when too old), so "too old" is told apart by asking again without a version.
export async function exists(name: string, atLeastVersion?: string, options: InspectOptions = {}): Promise<ExistsStatus> {
  if (atLeastVersion !== undefined && !/^\d+(\.\d+){0,2}$/.test(atLeastVersion)) {
    throw new UsageError(`Invalid version "${atLeastVersion}": use MAJOR[.MINOR[.MICRO]], e.g. 1.22.0.`);
  }
  const versionArgs = atLeastVersion === undefined ? [] : [`--atleast-version=${atLeastVersion}`];
  const out = await askElement(['--exists', ...versionArgs, '--', name], options);
  if (out.exitCode === 0) return 'present';
  if (out.exitCode === 2) return 'too-old';
  if (atLeastVersion === undefined) return 'missing';
  return (await exists(name, undefined, options)) === 'present' ? 'too-old' : 'missing';
}

// `gst-inspect-1.0 -b`: file names of plugins that failed to load.
export async function listBlacklisted(options: InspectOptions = {}): Promise<string[]> {
  return parseBlacklist((await runInspect(['-b'], options)).stdout);
}

export interface PackageHint { package: string | undefined; installed: boolean; from: 'plugin' | 'table' }

// The Debian package behind an element: read from its plugin when installed, else the static table.
export async function resolvePackage(element: string, options: InspectOptions = {}): Promise<PackageHint> {
  if (await hasElement(element, options)) {
    const info = await describe(element, options);
    const fromPlugin = info.kind === 'element' && info.plugin ? packageForPlugin(info.plugin) : undefined;
    if (fromPlugin) return { package: fromPlugin, installed: true, from: 'plugin' };
    return { package: packageForElement(element), installed: true, from: 'table' };
  }
  return { package: packageForElement(element), installed: false, from: 'table' };
}
