// `plugins show NAME` for people: the parsed gst-inspect record, shorter than gst-inspect's own page.
import type { ChalkInstance } from 'chalk';
import type { Caps, DescribeResult, ElementInfo, PadTemplate, PluginDetails, PluginInfo, Property } from '../gst/inspect/schema.js';
import { packageForPlugin } from '../gst/inspect/installed-packages.js';

export function renderDescribe(info: DescribeResult, chalk: ChalkInstance): string[] {
  const h = (s: string): string => chalk.bold(s);
  switch (info.kind) {
    case 'element':
      return renderElement(info, chalk);
    case 'plugin':
      return renderPlugin(info, chalk);
    case 'typefind':
      return [
        `${h(info.name)} ${chalk.dim('(typefinder)')}`,
        ...keyValues([['Rank', info.rank && `${info.rank.name} (${info.rank.value})`], ['Caps', info.caps.join('; ')], ['Extensions', info.extensions.join(', ') || 'none']]),
        ...(info.plugin ? pluginLines(info.plugin, chalk) : []),
      ];
    case 'tracer':
      return [`${h(info.name)} ${chalk.dim('(tracer)')}`, ...keyValues([['Type', info.hierarchy.at(-1)]]), ...(info.plugin ? pluginLines(info.plugin, chalk) : [])];
    case 'not-found':
      return [`${info.name}: not found${info.suggestions.length ? ` (did you mean ${info.suggestions.join(', ')}?)` : ''}`];
  }
}

function renderElement(info: ElementInfo, chalk: ChalkInstance): string[] {
  const f = info.factory;
  const lines = [
    `${chalk.bold(info.name)}${f.longName ? `: ${f.longName}` : ''}`,
    ...keyValues([['Klass', f.klass], ['Description', f.description], ['Rank', f.rank && `${f.rank.name} (${f.rank.value})`], ['Author', f.author], ['Docs', f.documentation]]),
    ...(info.plugin ? pluginLines(info.plugin, chalk) : []),
  ];
  if (info.uriHandler) lines.push(`  ${pad('URI', 12)}${info.uriHandler.type}: ${info.uriHandler.protocols.join(', ')}`);
  lines.push('', chalk.bold(`Pad templates (${info.padTemplates.length}):`), ...info.padTemplates.flatMap(padLines));
  lines.push('', chalk.bold(`Properties (${info.properties.length}):`), ...info.properties.flatMap((p) => propertyLines(p, chalk)));
  if (info.signals.length) lines.push('', `${chalk.bold('Signals:')} ${info.signals.join(', ')}`);
  if (info.actions.length) lines.push(`${chalk.bold('Actions:')} ${info.actions.join(', ')}`);
  if (info.presets.length) lines.push(`${chalk.bold('Presets:')} ${info.presets.map((p) => p.name).join(', ')}`);
  return lines;
}

function renderPlugin(info: PluginInfo, chalk: ChalkInstance): string[] {
  const counts = Object.entries(info.featureCounts).map(([k, n]) => `${n} ${k}`).join(', ');
  const width = Math.min(28, Math.max(0, ...info.features.map((f) => f.name.length)) + 2);
  return [
    `${chalk.bold(info.name)} ${chalk.dim('(plugin)')}${info.plugin.description ? `: ${info.plugin.description}` : ''}`,
    ...keyValues([['Version', [info.plugin.version, info.plugin.license, info.plugin.sourceModule].filter(Boolean).join(' · ')], ['Package', packageForPlugin(info.plugin)]]),
    ...pluginLines(info.plugin, chalk).slice(1),
    '',
    chalk.bold(`Features (${info.totalFeatures ?? info.features.length}${counts ? `: ${counts}` : ''}):`),
    ...(info.features.length ? info.features.map((f) => `  ${pad(f.name, width)}${f.description}`) : ['  none (this plugin registered no feature on this machine)']),
  ];
}

function pluginLines(p: PluginDetails, chalk: ChalkInstance): string[] {
  const pkg = packageForPlugin(p);
  const facts = [p.version, p.license, p.sourceModule, pkg && `package ${pkg}`].filter(Boolean).join(' · ');
  return [`${chalk.bold('Plugin:')} ${p.name}${facts ? ` (${facts})` : ''}`, ...keyValues([['File', p.filename], ['Released', p.releaseDate], ['Origin', p.originUrl]])];
}

function padLines(t: PadTemplate): string[] {
  return [`  ${t.name} (${t.direction}, ${t.presence})`, ...capsLines(t.caps, 4)];
}

export function capsLines(caps: Caps, indent: number): string[] {
  const sp = ' '.repeat(indent);
  if (caps.any) return [`${sp}ANY`];
  if (caps.structures.length === 0) return [`${sp}EMPTY`];
  return caps.structures.flatMap((s) => [
    `${sp}${s.name}${s.features.length ? `(${s.features.join(', ')})` : ''}`,
    ...Object.entries(s.fields).map(([k, v]) => `${sp}  ${k}: ${v}`),
  ]);
}

function propertyLines(p: Property, chalk: ChalkInstance): string[] {
  const facts = [
    p.typeName ? `${p.type} "${p.typeName}"` : p.type,
    p.range && `${p.range.min} … ${p.range.max}`,
    p.default !== undefined && `default ${formatDefault(p)}`,
    p.flags.join(', '),
  ].filter(Boolean);
  const lines = [`  ${chalk.cyan(p.name)}: ${p.blurb}`, `      ${chalk.dim(facts.join(' · '))}`];
  if (p.values?.length) lines.push(`      values: ${p.values.map((v) => `${v.nick} (${p.type === 'Flags' ? `0x${v.value.toString(16)}` : v.value})`).join(', ')}`);
  if (p.caps) lines.push(...capsLines(p.caps, 6));
  return lines;
}

function formatDefault(p: Property): string {
  if (p.defaultNicks?.length) return p.defaultNicks.join('+');
  if (p.type === 'Flags' && p.default === 0) return '0 (none)';
  return p.default === null ? 'null' : p.type === 'String' ? JSON.stringify(p.default) : String(p.default);
}

function keyValues(pairs: [string, string | undefined][]): string[] {
  return pairs.filter((p): p is [string, string] => Boolean(p[1])).map(([k, v]) => `  ${pad(k, 12)}${v}`);
}

const pad = (s: string, width: number): string => (s.length >= width ? `${s} ` : s.padEnd(width));
