// Probes a file or URI with gst-discoverer-1.0 -v (argv, LC_ALL=C) into MediaInfo.
// The tool exits 0 even when it fails, so the outcome is read from what it printed.
import { accessSync, constants } from 'node:fs';
import { statOrUndefined } from '../../process/stat-or-undefined.js';
import { gstChildEnv, readEnv } from '../../config/env.js';
import { EnvironmentError, JobError, UsageError } from '../../errors.js';
import { parseDiscoverer } from './parse.js';
import type { DiscoverOutcome, MediaInfo } from './schema.js';
import type { ToolRun } from '../../process/run-tool.js';
import { findOnPath, GST_INSTALL_LINE } from '../tools.js';
import { elementPresent, settleNoDecode } from './no-decode.js';
import { DEFAULT_PROBE_SECONDS, GST_DISCOVERER, startDiscoverer, takeEarlyProbe, toUri, URI_SCHEME } from './run.js';

export { GST_DISCOVERER, toUri };

/** Debian ships gst-discoverer-1.0 apart from the plugins, in the -apps package. */
export const DISCOVERER_PACKAGE = 'gstreamer1.0-plugins-base-apps';

export interface DiscoverOptions {
  env?: NodeJS.ProcessEnv;
  /** Discoverer's own timeout (-t), in seconds; default 10. */
  timeoutSeconds?: number;
  /** Return partial info instead of throwing when a decoder or URI handler is missing. */
  allowMissingPlugins?: boolean;
  /**
   * Local files only: AAC decoded by faad, not libav (~50 ms sooner: no-decode-env.ts), for jobs that plan
   * nothing from decoded audio. Channels and rate are then the ones the stream declares.
   */
  lightAudio?: boolean;
}


// A clear exit-2 error before spawning anything, for the common mistakes with local paths. Synchronous:
// two system calls, and node:fs/promises would be loaded for them alone (~1 ms of every job's start).
function checkLocalInput(input: string): void {
  if (URI_SCHEME.test(input)) return;
  const info = statOrUndefined(input);
  if (!info) throw new UsageError(`Input not found: ${input}`, { data: { input } });
  if (info.isDirectory()) throw new UsageError(`Input is a directory, not a media file: ${input}`, { data: { input } });
  try {
    accessSync(input, constants.R_OK);
  } catch {
    throw new UsageError(`Input is not readable: ${input}`, { fix: `check the file's permissions (ls -l "${input}")`, data: { input } });
  }
}

export async function runDiscoverer(uri: string, options: DiscoverOptions = {}): Promise<DiscoverOutcome> {
  const env = { ...(options.env ?? gstChildEnv(readEnv())), LC_ALL: 'C' };
  const tool = findOnPath(GST_DISCOVERER, env);
  if (!tool) {
    throw new EnvironmentError(`${GST_DISCOVERER} is not installed; it is needed to probe input files.`, {
      fix: `apt-get install -y ${DISCOVERER_PACKAGE}`,
      data: { tool: GST_DISCOVERER, packages: [DISCOVERER_PACKAGE] },
    });
  }
  const seconds = options.timeoutSeconds ?? DEFAULT_PROBE_SECONDS;
  const lightAudio = (options.lightAudio ?? false) && uri.startsWith('file:');
  const quick = outcomeOf(await (takeEarlyProbe(uri, seconds, env, { lightAudio }) ?? startDiscoverer(tool, uri, seconds, env, { lightAudio }).done), uri, lightAudio);
  const full = async () => outcomeOf(await startDiscoverer(tool, uri, seconds, env, { decode: true }).done, uri);
  // A light probe's failure may be faad's alone (an AAC profile it lacks): the full probe has the last word.
  if (lightAudio && quick.result !== 'ok' && quick.result !== 'missing-plugins') return full();
  // The probe without decoding answers most files; what it cannot vouch for is asked again, decoding.
  return (await settleNoDecode(quick, (element) => elementPresent(element, env))) ?? full();
}

function outcomeOf(r: ToolRun, uri: string, declaredAudio = false): DiscoverOutcome {
  if (r.exitCode !== 0) {
    const why = r.timedOut ? 'did not finish' : `failed (${r.failure ?? `exit ${r.exitCode}`})`;
    throw new JobError(`${GST_DISCOVERER} ${why} while probing ${uri}`, { data: { uri, stderr: r.stderr.slice(-2000) } });
  }
  return parseDiscoverer(r.stdout, uri, { declaredAudio });
}

// Probes `input` (a path or a URI); throws UsageError (2) for bad input, EnvironmentError (3) for missing plugins.
export async function discover(input: string, options: DiscoverOptions = {}): Promise<MediaInfo> {
  checkLocalInput(input);
  const uri = toUri(input);
  const outcome = await runDiscoverer(uri, options);
  return infoOrThrow(input, outcome, options);
}

export function infoOrThrow(input: string, outcome: DiscoverOutcome, options: DiscoverOptions = {}): MediaInfo {
  const { result, info, message, missingPlugins } = outcome;
  if (result === 'missing-plugins' && info && options.allowMissingPlugins) return info;
  if (result === 'ok' && info) return info;
  const data = { input, result, message };
  switch (result) {
    case 'missing-plugins':
      throw new EnvironmentError(`Cannot read ${input}: GStreamer lacks ${missingPlugins.join(', ') || 'a plugin'}.`, { fix: GST_INSTALL_LINE, data: { ...data, missing: missingPlugins } });
    case 'timeout':
      throw new JobError(`Probing ${input} timed out after ${options.timeoutSeconds ?? 10} s.`, { fix: 'check that the source is reachable, or raise the timeout', data });
    case 'invalid-uri':
      throw new UsageError(`Not a valid URI: ${input}`, { data });
    default:
      throw new UsageError(`Cannot read ${input} as media: ${message ?? 'gst-discoverer-1.0 gave no result'}`, { data });
  }
}
