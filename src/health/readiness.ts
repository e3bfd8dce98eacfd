// Is a command ready? Its element needs against the listing, and the helper's Python imports.
import type { PythonCheck } from '../server/python.js';
import { NAMESPACE_PACKAGES, type Need } from './needs.js';
import { needsOf } from './job-needs.js';
import { fixForMissing, missingElement } from './fixes.js';
import type { Check, CommandReadiness, HealthCommand, MissingElement } from './types.js';

export interface Readiness { check: Check; readiness: CommandReadiness }

// The first alternative that is complete, else the preferred (first) one with what it lacks.
export function evaluateNeed(need: Need, names: ReadonlySet<string>): { met: boolean; elements: string[]; missing: string[] } {
  const complete = need.anyOf.find((set) => set.every((e) => names.has(e)));
  if (complete) return { met: true, elements: complete, missing: [] };
  const preferred = need.anyOf[0] ?? [];
  return { met: false, elements: preferred, missing: preferred.filter((e) => !names.has(e)) };
}

export function commandReadiness(command: HealthCommand, names: ReadonlySet<string>, python: PythonCheck | undefined): Readiness {
  const needs = needsOf(command) ?? { elements: [], python: [] };
  const details: string[] = [];
  const missing: MissingElement[] = [];
  for (const need of needs.elements) {
    const r = evaluateNeed(need, names);
    if (r.met) details.push(`✓ ${need.what}: ${r.elements.join(', ')}`);
    else {
      const lacking = r.missing.map((e) => missingElement(e, need.required));
      missing.push(...lacking);
      const mark = need.required ? '✗' : '!';
      details.push(`${mark} ${need.what}${need.required ? '' : ' (optional)'}: missing ${lacking.map((m) => `${m.element}${m.package ? ` (${m.package})` : ''}`).join(', ')}`);
    }
  }
  const py = needs.python.length > 0 ? pythonPart(needs.python, python) : undefined;
  if (py) details.push(py.detail);
  const required = missing.filter((m) => m.required);
  const optional = missing.filter((m) => !m.required);
  const ready = required.length === 0 && (py?.ok ?? true);
  const verdict = !ready ? 'fail' : optional.length > 0 ? 'warn' : 'ok';
  const fix = !ready
    ? fixForMissing(required, py?.ok === false ? py.packages : [])
    : optional.length > 0 ? fixForMissing(optional) : undefined;
  const lacks = [...required.map((m) => m.element), ...(py?.ok === false ? [`Python ${py.missing.join(', ')}`] : [])];
  const summary = !ready
    ? `${command} not ready: missing ${lacks.join(', ')}`
    : `${command} ready${optional.length > 0 ? ` (optional, missing: ${optional.map((m) => m.element).join(', ')})` : ''}`;
  const check: Check = {
    id: `command:${command}`, group: 'commands', title: command, verdict, summary, details,
    ...(fix ? { fix } : {}), ...(missing.length ? { missing } : {}), ...(py?.ok === false && py.stderr ? { stderr: py.stderr } : {}),
  };
  return { check, readiness: { ready, required: true, missing, ...(fix && !ready ? { fix } : {}) } };
}

function pythonPart(namespaces: PythonCheck['missing'], python: PythonCheck | undefined) {
  if (!python) return { ok: false, missing: namespaces, packages: [], detail: '✗ Python bindings were not checked', stderr: '' };
  const lacking = namespaces.filter((n) => python.missing.includes(n));
  if (lacking.length === 0) return { ok: true, missing: [], packages: [], detail: `✓ ${python.interpreter} imports ${namespaces.join(', ')}`, stderr: '' };
  const interpreterMissing = python.stderr.endsWith('not found');
  const packages = [...(interpreterMissing ? ['python3'] : []), 'python3-gi', ...lacking.map((n) => NAMESPACE_PACKAGES[n])];
  const why = interpreterMissing ? `${python.interpreter} not found` : `${python.interpreter} cannot import ${lacking.join(', ')}`;
  return { ok: false, missing: lacking, packages: [...new Set(packages)], detail: `✗ ${why} (${[...new Set(packages)].join(', ')})`, stderr: firstLines(python.stderr) };
}

export function firstLines(text: string, count = 8): string {
  return text.trim().split('\n').slice(0, count).join('\n');
}

// A command that could not be judged: GStreamer missing (the same apt line for all), or its probe failed.
export function notReady(command: HealthCommand, reason: string, fix: string | undefined): Readiness {
  const check: Check = { id: `command:${command}`, group: 'commands', title: command, verdict: 'fail', summary: `${command} not ready: ${reason}`, details: [], ...(fix ? { fix } : {}) };
  return { check, readiness: { ready: false, required: true, missing: [], ...(fix ? { fix } : {}) } };
}
