// The deepstream line: the very status `deepstream status` reports, judged as a command's readiness.
// It counts against the exit code only when asked for (--for deepstream) or switched on (DEEPSTREAM_ENABLED).
import type { DeepstreamStatus } from '../jobs/deepstream/status.js';
import { NVIDIA_NOTE } from '../gst/inspect/element-packages.js';
import type { Readiness } from './readiness.js';
import type { Check, MissingElement } from './types.js';

const ELEMENT_CHECK = /^nv/;
const ENABLE_HINT = 'export DEEPSTREAM_ENABLED=true once the NVIDIA DeepStream SDK and GPU are in place';

export function deepstreamReadiness(status: DeepstreamStatus, asked: boolean): Readiness {
  const required = asked || status.enabled;
  const details = status.checks.map((c) => {
    const mark = c.found ? '✓' : c.ok ? '!' : '✗';
    return `${mark} ${c.name}${c.detail ? `: ${c.detail}` : ''}${!c.found && c.reason ? `: ${c.reason}` : ''}`;
  });
  const missing: MissingElement[] = status.checks
    .filter((c) => ELEMENT_CHECK.test(c.name) && !c.found)
    .map((c) => ({ element: c.name, package: NVIDIA_NOTE, required: c.required }));
  const fixes = [...new Set(status.checks.filter((c) => !c.ok && c.fix).map((c) => c.fix!))];
  const base = { id: 'command:deepstream', group: 'commands' as const, title: 'deepstream', details, ...(missing.length ? { missing } : {}) };
  const version = status.version ? `DeepStream ${status.version}` : 'DeepStream';

  if (status.available) {
    const check: Check = { ...base, verdict: 'ok', summary: `deepstream ready: ${version}${status.gpu ? `, ${status.gpu.name}` : ''}` };
    return { check, readiness: { ready: true, required, missing } };
  }
  const fix = fixes.join('; ') || undefined;
  if (!required) {
    // Off and not asked for: one short hint, not the whole list of what a DeepStream machine has.
    const hint = `${ENABLE_HINT} (details: lydlr-gst deepstream status)`;
    const check: Check = { ...base, verdict: 'warn', summary: `deepstream not enabled: ${status.reasons[0] ?? 'DEEPSTREAM_ENABLED is not true'} (optional: needs the NVIDIA DeepStream SDK and GPU)`, fix: hint };
    return { check, readiness: { ready: false, required, missing, fix: hint } };
  }
  const check: Check = { ...base, verdict: 'fail', summary: `deepstream not ready: ${status.reasons.join('; ')}`, ...(fix ? { fix } : {}) };
  return { check, readiness: { ready: false, required, missing, ...(fix ? { fix } : {}) } };
}
