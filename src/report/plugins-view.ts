// `plugins` for people: each plugin and its features, then totals checked against gst-inspect's own count.
import type { ChalkInstance } from 'chalk';
import type { PluginList } from '../gst/inspect/plugins.js';
import type { PluginSetStatus } from '../health/plugin-sets.js';

const KIND_LABEL: Record<string, string> = { element: 'element', typefind: 'typefinder', tracer: 'tracer', 'device-provider': 'device provider', 'dynamic-type': 'dynamic type', other: 'other' };

export function renderPluginList(list: PluginList, chalk: ChalkInstance): string[] {
  const lines: string[] = [];
  for (const plugin of list.plugins) {
    const counts = Object.entries(plugin.counts).map(([kind, n]) => `${n} ${KIND_LABEL[kind] ?? kind}${n === 1 ? '' : 's'}`).join(', ');
    lines.push(`${chalk.bold(plugin.name)} ${chalk.dim(`(${counts})`)}`);
    const width = Math.min(30, Math.max(...plugin.features.map((f) => f.name.length)) + 2);
    for (const f of plugin.features) {
      const kind = f.kind === 'element' ? '' : chalk.dim(`[${KIND_LABEL[f.kind] ?? f.kind}] `);
      const text = f.kind === 'typefind' ? (f.extensions?.join(', ') || 'no extensions') : f.kind === 'element' ? f.description : '';
      lines.push(`  ${f.name.padEnd(width)}${kind}${text}`.trimEnd());
    }
  }
  lines.push('', totalsLine(list, chalk));
  return lines;
}

function totalsLine(list: PluginList, chalk: ChalkInstance): string {
  const t = list.totals;
  if (!t) return chalk.yellow(`${list.plugins.length} plugins, ${list.features.length} features (gst-inspect-1.0 printed no Total count line)`);
  const a = list.accounting;
  const all = `${t.plugins} plugins, ${t.features} features: ${a.listed} with features + ${a.featureless} that registered none + ${a.blacklisted} blacklisted`;
  const filtered = list.filter.search || list.filter.type;
  const check = list.consistent ? chalk.green('✓ matches gst-inspect-1.0') : chalk.yellow('! does not add up to gst-inspect-1.0\'s Total count');
  if (!filtered) return `${all} ${check}`;
  const what = [list.filter.type && `type ${list.filter.type}`, list.filter.search && `"${list.filter.search}"`].filter(Boolean).join(', ');
  return `${plural(list.features.length, 'feature')} in ${plural(list.plugins.length, 'plugin')} match ${what} (of ${all})`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderPluginSets(sets: PluginSetStatus[], chalk: ChalkInstance): string[] {
  const lines = sets.map((s) => {
    const mark = s.state === 'installed' ? chalk.green('✓') : s.state === 'partial' ? chalk.yellow('!') : chalk.red('✗');
    const state = s.state === 'partial' ? `partial (no ${s.missingPlugins.join(', ')})` : s.state;
    return `${mark} ${s.package.padEnd(28)}${state.padEnd(11)}${chalk.dim(s.purpose)}${s.core ? '' : chalk.dim(' (optional)')}`;
  });
  const missing = sets.filter((s) => s.state !== 'installed').map((s) => s.package);
  lines.push('', missing.length === 0 ? 'All common plugin sets are installed.' : `Not installed: ${missing.join(', ')}. To add them: apt-get install -y ${missing.join(' ')}`);
  return lines;
}
