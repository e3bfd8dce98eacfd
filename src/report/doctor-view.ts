// `doctor` for people, in the style of `flutter doctor`: one [✓]/[!]/[✗] line per area, what is
// wrong and its fix under it, every item with --verbose.
import type { ChalkInstance } from 'chalk';
import type { Check, CheckGroup, HealthReport, Verdict } from '../health/types.js';

export interface DoctorViewOptions { verbose: boolean; chalk: ChalkInstance }

// A fix already printed above (GStreamer's apt line under every command) is not repeated.
interface ViewState extends DoctorViewOptions { shownFixes: Set<string> }

const WORST: Verdict[] = ['fail', 'warn', 'ok'];
const worst = (checks: Check[]): Verdict => WORST.find((v) => checks.some((c) => c.verdict === v)) ?? 'ok';

// Areas shown as one line (with their members under it); the others are a line per check.
const FOLDED: Partial<Record<CheckGroup, string>> = { plugins: 'Plugin sets', codecs: 'Codecs', muxers: 'Muxers', environment: 'Environment' };

export function renderDoctor(report: HealthReport, options: DoctorViewOptions): string[] {
  const o: ViewState = { ...options, shownFixes: new Set() };
  const mark = (v: Verdict): string => (v === 'ok' ? o.chalk.green('[✓]') : v === 'warn' ? o.chalk.yellow('[!]') : o.chalk.red('[✗]'));
  const lines: string[] = [];
  const done = new Set<CheckGroup>();
  for (const check of report.checks) {
    const title = FOLDED[check.group];
    if (!title) {
      lines.push(`${mark(check.verdict)} ${headline(check)}`, ...under(check, o, true));
      continue;
    }
    if (done.has(check.group)) continue;
    done.add(check.group);
    const members = report.checks.filter((c) => c.group === check.group);
    lines.push(`${mark(worst(members))} ${title}: ${foldedSummary(check.group, members, report)}`);
    for (const m of members) {
      if (m.verdict !== 'ok') lines.push(`    ${m.verdict === 'fail' ? o.chalk.red('✗') : o.chalk.yellow('!')} ${m.summary}`, ...under(m, o, false).map((l) => `  ${l}`));
      else if (o.verbose) lines.push(`    ${o.chalk.green('✓')} ${m.summary}`, ...under(m, o, false).map((l) => `  ${l}`));
    }
  }
  lines.push('', footer(report, o));
  return lines;
}

function headline(check: Check): string {
  return check.group === 'system' ? `System: ${check.summary}` : check.summary;
}

// Details with --verbose (or under a failed command, whose lines say what is missing); then the fix.
function under(check: Check, o: ViewState, own: boolean): string[] {
  const show = o.verbose || (own && check.verdict === 'fail');
  const lines = show ? check.details.filter((d) => o.verbose || !d.startsWith('✓')).map((d) => `    ${paintMark(d, o)}`) : [];
  if (check.fix && check.verdict !== 'ok' && !o.shownFixes.has(check.fix)) {
    o.shownFixes.add(check.fix);
    lines.push(`    ${o.chalk.cyan('fix:')} ${check.fix}`);
  }
  if (o.verbose && check.stderr) lines.push(...check.stderr.split('\n').map((l) => `    ${o.chalk.dim(`| ${l}`)}`));
  return lines;
}

function paintMark(line: string, o: DoctorViewOptions): string {
  if (line.startsWith('✓')) return o.chalk.green('✓') + line.slice(1);
  if (line.startsWith('✗')) return o.chalk.red('✗') + line.slice(1);
  if (line.startsWith('!')) return o.chalk.yellow('!') + line.slice(1);
  return line;
}

function foldedSummary(group: CheckGroup, members: Check[], report: HealthReport): string {
  const ok = members.filter((m) => m.verdict === 'ok').map((m) => m.title);
  const notOk = members.filter((m) => m.verdict !== 'ok').map((m) => m.title);
  switch (group) {
    case 'plugins': {
      const p = report.plugins;
      const counts = p ? ` (${p.total} plugins, ${p.features} features)` : '';
      return notOk.length === 0 ? `${ok.join(', ')}${counts}` : `${notOk.length} of ${members.length} not complete${counts}`;
    }
    case 'codecs': {
      const hardware = [...new Set(report.codecs.flatMap((c) => c.present.hardware))];
      const state = notOk.length === 0 ? ok.join(', ') : `${ok.join(', ') || 'none'} ok; incomplete: ${notOk.join(', ')}`;
      return `${state} · hardware: ${hardware.join(', ') || 'none'}`;
    }
    case 'muxers':
      return members.map((m) => m.summary).join('; ');
    case 'environment': {
      const set = members.filter((m) => !/ not set/.test(m.summary)).map((m) => m.title);
      const state = set.length === 0 ? 'no lydlr-gst variables set (defaults)' : `${set.join(', ')} set`;
      return notOk.length === 0 ? state : `${notOk.join(', ')} need attention`;
    }
    default:
      return members.map((m) => m.summary).join('; ');
  }
}

function footer(report: HealthReport, o: DoctorViewOptions): string {
  const { fail, warn } = report.counts;
  const hint = o.verbose ? '' : ' (details: lydlr-gst doctor --verbose)';
  if (report.exitCode === 3) return o.chalk.red(`✗ GStreamer is missing: install it first${hint}.`);
  if (fail > 0) return o.chalk.red(`✗ Doctor found ${plural(fail, 'problem')}${warn ? ` and ${plural(warn, 'warning')}` : ''}${hint}.`);
  if (warn > 0) return o.chalk.yellow(`! Doctor found ${plural(warn, 'warning')}, nothing blocking${hint}.`);
  return o.chalk.green(`• No issues found!${hint}`);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
