// Lists plugins (from the one cached listing) and describes one element or plugin.
import { Chalk } from 'chalk';
import type { JobContext, JobResult } from '../../jobs/context.js';
import type { PluginsFlags } from '../defs/plugins.js';
import { listFeatures } from '../../gst/inspect/inspect.js';
import { filterListing, pluginListData } from '../../gst/inspect/plugins.js';
import { pluginDetails } from '../../gst/inspect/describe.js';
import { missingPluginSets } from '../../health/plugin-sets.js';
import { renderPluginList, renderPluginSets } from '../../report/plugins-view.js';
import { renderDescribe } from '../../report/element-view.js';

const chalkFor = (ctx: JobContext) => new Chalk({ level: ctx.options.color ? 3 : 0 });

export async function runPlugins(ctx: JobContext, flags: PluginsFlags): Promise<JobResult> {
  const listing = await listFeatures({ env: ctx.childEnv() });
  if (flags.missing) {
    const data = missingPluginSets(new Set(listing.plugins));
    return { ok: true, data, lines: renderPluginSets(data.sets, chalkFor(ctx)) };
  }
  const list = filterListing(listing, { search: flags.search, type: flags.type });
  return { ok: true, data: pluginListData(list), lines: renderPluginList(list, chalkFor(ctx)) };
}

export async function runPluginsShow(ctx: JobContext, name: string): Promise<JobResult> {
  const info = await pluginDetails(name, { env: ctx.childEnv() });
  return { ok: true, data: { ...info }, lines: renderDescribe(info, chalkFor(ctx)) };
}
