// Lists plugins (from the one cached listing) and describes one element or plugin.
import { Chalk } from 'chalk';
import type { CommandContext, CommandResult } from '../context.js';
import type { PluginsFlags } from '../defs/plugins.js';
import { listFeatures } from '../../gst/inspect.js';
import { filterListing, pluginListData } from '../../gst/plugin-list.js';
import { pluginDetails } from '../../gst/describe-element.js';
import { missingPluginSets } from '../../health/plugin-sets.js';
import { renderPluginList, renderPluginSets } from '../../report/plugins-view.js';
import { renderDescribe } from '../../report/element-view.js';

const chalkFor = (ctx: CommandContext) => new Chalk({ level: ctx.options.color ? 3 : 0 });

export async function runPlugins(ctx: CommandContext, flags: PluginsFlags): Promise<CommandResult> {
  const listing = await listFeatures({ env: ctx.childEnv() });
  if (flags.missing) {
    const data = missingPluginSets(new Set(listing.plugins));
    return { ok: true, data, lines: renderPluginSets(data.sets, chalkFor(ctx)) };
  }
  const list = filterListing(listing, { search: flags.search, type: flags.type });
  return { ok: true, data: pluginListData(list), lines: renderPluginList(list, chalkFor(ctx)) };
}

export async function runPluginsShow(ctx: CommandContext, name: string): Promise<CommandResult> {
  const info = await pluginDetails(name, { env: ctx.childEnv() });
  return { ok: true, data: { ...info }, lines: renderDescribe(info, chalkFor(ctx)) };
}
