// Finds the Python that can host GStreamer objects (PyGObject + gi typelibs), explicitly:
// the python3 first on PATH may be another interpreter (pyenv, venv) without `gi`.
import { runTool } from '../process/run-tool.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from '../errors.js';

export const DEBIAN_PYTHON = '/usr/bin/python3';
export const HELPER_PACKAGES = ['python3-gi', 'python3-gst-1.0', 'gir1.2-gst-rtsp-server-1.0', 'gir1.2-gst-plugins-bad-1.0', 'gstreamer1.0-nice'];

/** Which GObject-introspection namespaces a helper needs. */
export type GiNamespace = 'Gst' | 'GstRtspServer' | 'GstWebRTC' | 'GstSdp' | 'GstVideo';

const REQUIRED_VERSION: Record<GiNamespace, string> = {
  Gst: '1.0',
  GstRtspServer: '1.0',
  GstWebRTC: '1.0',
  GstSdp: '1.0',
  GstVideo: '1.0',
};

export interface PythonCheck {
  interpreter: string;
  ok: boolean;
  missing: GiNamespace[];
  stderr: string;
}

// LYDLR_PYTHON overrides (tests, unusual installs); otherwise Debian's interpreter.
export function pythonInterpreter(env: NodeJS.ProcessEnv = process.env): string {
  return env.LYDLR_PYTHON || DEBIAN_PYTHON;
}

// Imports the namespaces for real in the interpreter the helper will use.
export async function checkPythonBindings(namespaces: GiNamespace[], env: NodeJS.ProcessEnv = process.env): Promise<PythonCheck> {
  const interpreter = pythonInterpreter(env);
  if (!existsSync(interpreter)) return { interpreter, ok: false, missing: namespaces, stderr: `${interpreter} not found` };
  const script = [
    'import sys, json',
    'missing = []',
    'try:',
    '    import gi',
    'except Exception:',
    `    print(json.dumps(${JSON.stringify(namespaces)})); sys.exit(0)`,
    `for ns, ver in ${JSON.stringify(namespaces.map((n) => [n, REQUIRED_VERSION[n]]))}:`,
    '    try:',
    '        gi.require_version(ns, ver)',
    '        __import__("gi.repository." + ns)',
    '    except Exception:',
    '        missing.append(ns)',
    'print(json.dumps(missing))',
  ].join('\n');
  const result = await runTool(interpreter, ['-c', script], { env, timeoutMs: 15_000 }).done;
  let missing: GiNamespace[] = namespaces;
  try {
    missing = JSON.parse(result.stdout.trim().split('\n').pop() ?? '[]') as GiNamespace[];
  } catch {
    // Unparseable output: treat everything as missing, keep stderr for the report.
  }
  return { interpreter, ok: result.exitCode === 0 && missing.length === 0, missing, stderr: result.stderr.slice(0, 2000) };
}

// Throws exit 3 with the apt line when the helper cannot run.
export async function requirePythonBindings(namespaces: GiNamespace[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const check = await checkPythonBindings(namespaces, env);
  if (check.ok) return check.interpreter;
  throw new EnvironmentError(
    `The streaming helper needs Python GStreamer bindings (${check.missing.join(', ')}) in ${check.interpreter}.`,
    { fix: `apt-get install -y ${HELPER_PACKAGES.join(' ')}`, data: { interpreter: check.interpreter, missing: check.missing } },
  );
}

// Where a shipped helper script lives (copied next to this module in dist/ by the build).
export function helperScript(name: string): string {
  return fileURLToPath(new URL(`./helper/${name}`, import.meta.url));
}
