// `status` and `diagnostics` for people.
import type { ChalkInstance } from 'chalk';
import type { Diagnostics } from '../health/diagnostics.js';
import type { GstStatus } from '../health/status.js';
import { renderDoctor } from './doctor-view.js';

const KINDS: [string, string][] = [['element', 'elements'], ['typefind', 'typefinders'], ['tracer', 'tracers'], ['device-provider', 'device providers'], ['dynamic-type', 'dynamic types'], ['other', 'other']];

export function renderStatus(s: GstStatus, chalk: ChalkInstance): string[] {
  const kinds = KINDS.filter(([k]) => s.features.byKind[k as keyof GstStatus['features']['byKind']]).map(([k, label]) => `${s.features.byKind[k as keyof GstStatus['features']['byKind']]} ${label}`);
  const ds = s.deepstream;
  return [
    `${chalk.green('✓')} GStreamer ${s.version ?? '(version unknown)'} installed (${s.tools['gst-launch-1.0']})`,
    `  Plugins   ${s.plugins.total} (${s.plugins.listed} with features, ${s.plugins.featureless} without, ${s.plugins.blacklisted} blacklisted)`,
    `  Features  ${s.features.total} (${kinds.join(', ')})`,
    `  DeepStream ${ds.available ? chalk.green(`available${ds.version ? ` (${ds.version})` : ''}`) : `not available: ${ds.reasons[0] ?? 'unknown'}`}`,
  ];
}

// The whole bug-report text: the verbose doctor, then the raw facts.
export function renderDiagnostics(d: Diagnostics, chalk: ChalkInstance): string[] {
  const section = (title: string): string[] => ['', chalk.bold(`== ${title} ==`)];
  const r = d.report;
  return [
    `lydlr-gst diagnostics, ${d.generatedAt}`,
    ...section('Doctor'),
    ...renderDoctor(r, { verbose: true, chalk }),
    ...section('Versions'),
    `lydlr-gst ${d.tool.version} · Node.js ${d.node.version} · GStreamer ${r.gstreamer.version ?? 'not found'} · ${r.system.os.name} (${r.system.os.arch})`,
    ...d.packages.map((p) => `  ${p.name.padEnd(32)}${(p.version || '-').padEnd(22)}${p.status}`),
    ...section('Environment'),
    ...Object.entries(d.env).map(([k, v]) => `  ${k}=${v ?? chalk.dim('(unset)')}`),
    ...section('Registry'),
    ...d.registry.map((f) => `  ${f.path}${f.exists ? ` (${f.bytes} bytes, ${f.modified})` : ' (missing)'}`),
    ...(r.plugins ? [`  ${r.plugins.total} plugins, ${r.plugins.features} features; ${r.plugins.featureless} plugins registered no feature`] : []),
    ...section('Blacklisted plugins'),
    ...(d.blacklisted.length ? d.blacklisted.map((b) => `  ${b}`) : ['  none']),
    ...section('Checks that need attention'),
    ...(d.problems.length
      ? d.problems.flatMap((f) => [`  [${f.verdict}] ${f.id}: ${f.summary}`, ...(f.fix ? [`      fix: ${f.fix}`] : []), ...(f.stderr ? f.stderr.split('\n').map((l) => `      | ${l}`) : [])])
      : ['  none']),
    ...(d.errors.length ? [...section('Probe errors'), ...d.errors.map((e) => `  ${e}`)] : []),
  ];
}
