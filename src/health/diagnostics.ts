// Everything doctor knows plus the raw facts a bug report needs: versions (tool, Node, GStreamer,
// Debian packages), the environment, the registry file, blacklisted plugins, failed checks' stderr.
import { runTool } from '../process/run-tool.js';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listBlacklisted } from '../gst/inspect/inspect.js';
import { GST_CORE_PACKAGES } from '../gst/tools.js';
import { HELPER_PACKAGES } from '../server/python.js';
import { inspectEnv } from './env-check.js';
import { gstChildEnv } from '../config/env.js';
import { PLUGIN_SETS } from './plugin-sets.js';
import { healthReport, type HealthOptions } from './report.js';
import type { HealthReport } from './types.js';

export interface Diagnostics {
  generatedAt: string;
  tool: { name: string; version: string };
  node: { version: string; execPath: string };
  report: HealthReport;
  /** Debian packages as dpkg sees them (name, version, status such as "ii"). */
  packages: { name: string; version: string; status: string }[];
  env: Record<string, string | null>;
  registry: { path: string; exists: boolean; bytes?: number; modified?: string }[];
  blacklisted: string[];
  /** Failed or warning checks, with the first lines of a probe's stderr when there was one. */
  problems: { id: string; verdict: string; summary: string; fix?: string; stderr?: string }[];
  /** Probes that could not run at all (dpkg-query missing, gst-inspect -b failing). */
  errors: string[];
}

const ENV_KEYS = ['GSTREAMER_PLUGINS_PATH', 'GSTREAMER_DEBUG', 'DEEPSTREAM_ENABLED', 'NVIDIA_DEEPSTREAM_PATH', 'GST_PLUGIN_PATH', 'GST_PLUGIN_PATH_1_0',
  'GST_PLUGIN_SYSTEM_PATH', 'GST_PLUGIN_SYSTEM_PATH_1_0', 'GST_REGISTRY', 'GST_REGISTRY_1_0', 'GST_DEBUG', 'LYDLR_PYTHON', 'PATH', 'LANG', 'LC_ALL', 'XDG_CACHE_HOME'];

const PACKAGES = [...new Set(['libgstreamer1.0-0', ...GST_CORE_PACKAGES, 'gstreamer1.0-plugins-base-apps', ...PLUGIN_SETS.map((s) => s.package), ...HELPER_PACKAGES,
  'gir1.2-gstreamer-1.0', 'gir1.2-gst-plugins-base-1.0', 'python3'])];

export async function diagnostics(options: HealthOptions = {}): Promise<Diagnostics> {
  const env = options.env ?? process.env;
  const errors: string[] = [];
  const checked = inspectEnv(env);
  const childEnv = gstChildEnv(checked.config, { gstDebug: options.gstDebug }, checked.cleaned);
  const [report, packages, blacklisted] = await Promise.all([
    healthReport(options),
    debianPackages(env).catch((e: unknown) => (errors.push(`dpkg-query: ${message(e)}`), [])),
    listBlacklisted({ env: childEnv }).catch((e: unknown) => (errors.push(`gst-inspect-1.0 -b: ${message(e)}`), [])),
  ]);
  return {
    generatedAt: new Date().toISOString(),
    tool: { name: 'lydlr-gst', version: toolVersion() },
    node: { version: process.version, execPath: process.execPath },
    report,
    packages,
    env: Object.fromEntries(ENV_KEYS.map((k) => [k, env[k] ?? null])),
    registry: registryFiles(env),
    blacklisted,
    problems: report.checks.filter((c) => c.verdict !== 'ok').map((c) => ({
      id: c.id, verdict: c.verdict, summary: c.summary, ...(c.fix ? { fix: c.fix } : {}), ...(c.stderr ? { stderr: c.stderr } : {}),
    })),
    errors,
  };
}

// The `diagnostics` command's exit code: GStreamer missing (3) and an invalid variable (2) are the
// report's own; commands that are not ready are only reported (0).
export function diagnosticsExitCode(d: Diagnostics): 0 | 2 | 3 {
  return d.report.exitCode === 3 || d.report.exitCode === 2 ? d.report.exitCode : 0;
}

async function debianPackages(env: NodeJS.ProcessEnv): Promise<Diagnostics['packages']> {
  const r = await runTool('dpkg-query', ['-W', '-f=${Package}\t${Version}\t${db:Status-Abbrev}\n', ...PACKAGES], { env, timeoutMs: 10_000 }).done;
  if (r.exitCode === undefined) throw new Error(r.failure ?? 'could not run');
  const found = String(r.stdout).split('\n').filter(Boolean).map((line) => {
    const [name = '', version = '', status = ''] = line.split('\t');
    return { name: name.replace(/:.*$/, ''), version, status: status.trim() };
  });
  const seen = new Set(found.map((p) => p.name));
  return [...found, ...PACKAGES.filter((p) => !seen.has(p)).map((name) => ({ name, version: '', status: 'not installed' }))];
}

// GST_REGISTRY(_1_0) when set, else every registry.*.bin in GStreamer's cache folder.
function registryFiles(env: NodeJS.ProcessEnv): Diagnostics['registry'] {
  const explicit = env.GST_REGISTRY_1_0 || env.GST_REGISTRY;
  const dir = join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'gstreamer-1.0');
  let paths: string[];
  try {
    paths = explicit ? [explicit] : readdirSync(dir).filter((f) => /^registry\..*\.bin$/.test(f)).map((f) => join(dir, f));
  } catch {
    paths = [];
  }
  if (paths.length === 0) return [{ path: explicit ?? join(dir, 'registry.<arch>.bin'), exists: false }];
  return paths.map((path) => {
    try {
      const s = statSync(path);
      return { path, exists: true, bytes: s.size, modified: s.mtime.toISOString() };
    } catch {
      return { path, exists: false };
    }
  });
}

function toolVersion(): string {
  try {
    const file = fileURLToPath(new URL('../../package.json', import.meta.url));
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
