// Lists plugins (from the one cached listing) and describes one element or plugin.
import { Chalk } from 'chalk';
import type { CommandContext, CommandResult } from '../context.js';
import type { PluginsFlags } from '../defs/plugins.js';
import { listFeatures } from '../../gst/inspect.js';
import { filterListing } from '../../gst/plugin-list.js';
import { inspect, notFoundError } from '../../gst/describe-element.js';
import { packageForPlugin } from '../../gst/inspect-packages.js';
import { PLUGIN_SETS, pluginSetStatus } from '../../health/plugin-sets.js';
import { renderPluginList, renderPluginSets } from '../../report/plugins-view.js';
import { renderDescribe } from '../../report/element-view.js';

const chalkFor = (ctx: CommandContext) => new Chalk({ level: ctx.options.color ? 3 : 0 });

export async function runPlugins(ctx: CommandContext, flags: PluginsFlags): Promise<CommandResult> {
  const listing = await listFeatures({ env: ctx.childEnv() });
  if (flags.missing) {
    const sets = pluginSetStatus(new Set(listing.plugins), PLUGIN_SETS);
    const missing = sets.filter((s) => s.state !== 'installed').map((s) => s.package);
    return {
      ok: true,
      data: { sets, missing, ...(missing.length ? { fix: `apt-get install -y ${missing.join(' ')}` } : {}) },
      lines: renderPluginSets(sets, chalkFor(ctx)),
    };
  }
  const list = filterListing(listing, { search: flags.search, type: flags.type });
  return {
    ok: true,
    data: {
      totals: list.totals,
      accounting: list.accounting,
      consistent: list.consistent,
      filter: list.filter,
      plugins: list.plugins.map((p) => ({ name: p.name, counts: p.counts, features: p.features.map((f) => f.name) })),
      features: list.features,
    },
    lines: renderPluginList(list, chalkFor(ctx)),
  };
}

export async function runPluginsShow(ctx: CommandContext, name: string): Promise<CommandResult> {
  const info = await inspect(name, { env: ctx.childEnv() });
  if (info.kind === 'not-found') throw notFoundError(info);
  const plugin = info.kind === 'plugin' ? info.plugin : info.plugin ?? undefined;
  const pkg = plugin ? packageForPlugin(plugin) : undefined;
  return {
    ok: true,
    data: { ...info, ...(pkg ? { package: pkg } : {}) },
    lines: renderDescribe(info, chalkFor(ctx)),
  };
}
