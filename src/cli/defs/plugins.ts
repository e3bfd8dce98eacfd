// `plugins [--search T] [--type K] [--missing]` and `plugins show <name>`: what GStreamer has here.
import { Option, type Command } from 'commander';
import { action } from '../action.js';
import type { FeatureKind } from '../../gst/inspect/schema.js';
import { FEATURE_KINDS } from '../../gst/inspect/feature-kinds.js';

export interface PluginsFlags {
  search?: string;
  type?: FeatureKind;
  missing?: boolean;
}

export function definePlugins(program: Command): void {
  const plugins = program
    .command('plugins')
    .description('list every plugin with its features, filterable; "plugins show NAME" describes one')
    .option('--search <text>', 'only features whose name, description or plugin contains the text')
    .addOption(new Option('--type <kind>', 'only one kind of feature').choices(FEATURE_KINDS))
    .option('--missing', 'show the common plugin sets (Debian packages) and which are not installed')
    .addHelpText('after', `
Examples:
  $ lydlr-gst plugins --search h264
  $ lydlr-gst plugins --type tracer --json
  $ lydlr-gst plugins --missing
  $ lydlr-gst plugins show x264enc`)
    .action(action('plugins', async () => (await import('../commands/plugins.js')).runPlugins));

  plugins
    .command('show')
    .description('an element, plugin, typefinder or tracer: details, pad templates and caps, properties')
    .argument('<name>', 'element or plugin name, e.g. x264enc or coreelements')
    .addHelpText('after', `
Examples:
  $ lydlr-gst plugins show x264enc
  $ lydlr-gst plugins show x264enc --json | jq '.properties[] | select(.name=="speed-preset")'

Exit codes: 0 found · 2 unknown name (with suggestions) · 3 a known element that is not installed`)
    .action(action('plugins show', async () => (await import('../commands/plugins.js')).runPluginsShow));
}
