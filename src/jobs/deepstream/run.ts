// One DeepStream run, shared by the CLI and the DeepstreamPipeline class: refuse (exit 3) unless
// DeepStream is available, write files under a temporary name, host the RTSP relay, map failures.
import { renameSync, rmSync } from 'node:fs';
import { EnvironmentError, type LydlrError } from '../../errors.js';
import { failureOf } from '../../gst/launch/failure.js';
import type { RunResult } from '../../gst/launch/runner.js';
import { buildDeepstreamPipeline } from './pipeline.js';
import { partialPath, type DeepstreamPlan } from './plan.js';
import { freeUdpPort, startRtspRelay, type RtspRelay } from './rtsp-relay.js';
import { deepstreamStatus, type DeepstreamStatus } from './status.js';

export interface DeepstreamRunHooks {
  /** The process environment (DEEPSTREAM_ENABLED, NVIDIA_DEEPSTREAM_PATH, PATH…). */
  env: NodeJS.ProcessEnv;
  /** Runs the pipeline tokens with DeepStream's plugin folder first on the plugin path. */
  launch: (pipeline: string[], extraPluginPaths: string[]) => Promise<RunResult>;
  onRtspReady?: (url: string) => void;
}

export interface DeepstreamRunResult {
  result: RunResult;
  status: DeepstreamStatus;
  /** The finished file (--output), renamed from its temporary name. */
  output?: string;
  rtspUrl?: string;
}

// The status, or exit 3 with every reason and the first fix.
export async function requireDeepstream(env: NodeJS.ProcessEnv): Promise<DeepstreamStatus> {
  const status = await deepstreamStatus({ env });
  if (status.available) return status;
  const firstFix = status.checks.find((c) => !c.ok && c.fix)?.fix;
  throw new EnvironmentError(`DeepStream is not available: ${status.reasons.join('; ')}.`, {
    fix: firstFix ?? 'Run `lydlr-gst deepstream status` for details.',
    data: { available: false, enabled: status.enabled, version: status.version, path: status.path, reasons: status.reasons, checks: status.checks },
  });
}

export async function runDeepstream(plan: DeepstreamPlan, hooks: DeepstreamRunHooks): Promise<DeepstreamRunResult> {
  const status = await requireDeepstream(hooks.env);
  const out = plan.output;
  const temp = out.kind === 'file' ? partialPath(out.path) : undefined;
  let relay: RtspRelay | undefined;
  try {
    const udpPort = out.kind === 'rtsp' ? out.udpPort || (await freeUdpPort()) : undefined;
    if (out.kind === 'rtsp') {
      relay = await startRtspRelay({ port: out.port, host: out.host, mount: out.mount, udpPort: udpPort!, env: hooks.env });
      hooks.onRtspReady?.(relay.url);
    }
    const pipeline = buildDeepstreamPipeline(plan, { outputLocation: temp, udpPort }).toArgv();
    const result = await hooks.launch(pipeline, [status.pluginPath]);
    const failure = failureOf(result);
    if (failure) throw deepstreamFailure(failure, status);
    if (temp && out.kind === 'file' && result.eos) {
      renameSync(temp, out.path);
      return { result, status, output: out.path };
    }
    return { result, status, ...(relay ? { rtspUrl: relay.url } : {}) };
  } finally {
    if (temp) rmSync(temp, { force: true });
    await relay?.stop();
  }
}

// A missing nv* element is DeepStream's, not a Debian package's: say where it should come from.
function deepstreamFailure(error: LydlrError, status: DeepstreamStatus): LydlrError {
  const element = error.data.element;
  if (!(error instanceof EnvironmentError) || typeof element !== 'string' || !element.startsWith('nv')) return error;
  return new EnvironmentError(`DeepStream element "${element}" is not installed (DeepStream ${status.version ?? '?'} at ${status.path}).`, {
    fix: `Check \`lydlr-gst deepstream status\`; the element should be in ${status.pluginPath} (export GSTREAMER_PLUGINS_PATH=${status.pluginPath}).`,
    data: { ...error.data, element, deepstreamPath: status.path, pluginPath: status.pluginPath },
  });
}
