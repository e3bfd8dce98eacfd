// `deepstream status`: is NVIDIA DeepStream usable here? (`deepstream inference` is a job: src/jobs/deepstream.)
import type { Command } from 'commander';
import { action } from '../action.js';

export function defineDeepstream(program: Command): void {
  const deepstream = program.commands.find((c) => c.name() === 'deepstream') ?? program.command('deepstream');
  deepstream.description('NVIDIA DeepStream: is it usable here, and AI inference pipelines (nvstreammux → nvinfer → nvdsosd)');

  deepstream
    .command('status')
    .description('is DeepStream available? (DEEPSTREAM_ENABLED, install and version, nv* elements, GPU and driver)')
    .addHelpText('after', `
Exit 0 whenever it could answer; "available" says the answer. Environment: DEEPSTREAM_ENABLED (true/false),
NVIDIA_DEEPSTREAM_PATH (default /opt/nvidia/deepstream/deepstream).

Examples:
  $ DEEPSTREAM_ENABLED=true lydlr-gst deepstream status
  $ lydlr-gst deepstream status --json | jq .available`)
    .action(action('deepstream status', async () => (await import('../commands/deepstream.js')).runDeepstreamStatus));
}
