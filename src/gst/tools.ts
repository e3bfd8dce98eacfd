// Is GStreamer's command-line tooling on PATH? A file lookup, not a process: it runs before every job.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { EnvironmentError } from '../errors.js';
import { statOrUndefined } from '../process/stat-or-undefined.js';

export const GST_CORE_PACKAGES = ['gstreamer1.0-tools', 'gstreamer1.0-plugins-base', 'gstreamer1.0-plugins-good', 'gstreamer1.0-plugins-bad', 'gstreamer1.0-plugins-ugly', 'gstreamer1.0-libav'];
export const GST_INSTALL_LINE = `apt-get install -y ${GST_CORE_PACKAGES.join(' ')}`;

// The full path of an executable on PATH, or undefined. A job's start asks several times, and PATH
// often holds a dozen folders: each miss is a stat that throws nothing (a failed accessSync throws an
// error with a stack, ~0.1 ms each), and only a file found there is checked for execution. Where
// each was found is remembered per PATH and looked at first next time: one stat instead of one per
// folder before it (a folder earlier on PATH that gains the program meanwhile is not noticed).
const lastFound = new Map<string, string>();

export function findOnPath(program: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = `${program}\0${env.PATH ?? ''}`;
  const known = lastFound.get(key);
  if (known !== undefined && isExecutable(known)) return known;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    if (isExecutable(candidate)) {
      lastFound.set(key, candidate);
      return candidate;
    }
  }
  lastFound.delete(key);
  return undefined;
}

function isExecutable(path: string): boolean {
  if (!statOrUndefined(path)?.isFile()) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// gst-discoverer-1.0 ships apart from the other tools on Debian.
const TOOL_PACKAGE: Record<string, string> = { 'gst-discoverer-1.0': 'gstreamer1.0-plugins-base-apps' };

export function gstreamerMissing(tool = 'gst-launch-1.0'): EnvironmentError {
  const packages = TOOL_PACKAGE[tool] ? [...GST_CORE_PACKAGES, TOOL_PACKAGE[tool]] : GST_CORE_PACKAGES;
  return new EnvironmentError(`GStreamer is not installed (${tool} is not on PATH).`, {
    fix: `apt-get update && apt-get install -y ${packages.join(' ')}`,
    data: { tool, packages },
  });
}

// Throws exit 3 with the apt line when a GStreamer tool is missing.
export function requireGstTool(tool: 'gst-launch-1.0' | 'gst-inspect-1.0' | 'gst-discoverer-1.0', env: NodeJS.ProcessEnv): string {
  const path = findOnPath(tool, env);
  if (!path) throw gstreamerMissing(tool);
  return path;
}
