// Where each input's output goes, and the refusals that protect the user's files (exit 2).
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { CODECS, type Container, type VideoCodec } from '../../pipeline/codecs.js';
import { CONTAINER_SPECS, codecsForContainer, containerForPath, defaultContainer } from '../../pipeline/containers.js';
import type { InputSpec } from '../../pipeline/sources.js';
import { ensureWritableFolder } from '../output-folder.js';

// The output path for one input: the given file, or DIR/<input name>.<container extension>.
export function outputPathFor(input: InputSpec, options: { output?: string | undefined; outputDir?: string | undefined; container?: Container | undefined; codec: VideoCodec }): string {
  if (options.output !== undefined) return options.output;
  const container = options.container ?? defaultContainer(options.codec);
  const stem = input.kind === 'file' ? basename(input.path, extname(input.path)) : input.kind === 'test' ? `test-${input.pattern}` : 'output';
  return join(options.outputDir!, `${stem}${CONTAINER_SPECS[container].extensions[0]}`);
}

// The container an output path names; refuses unknown extensions and codecs the container cannot hold.
export function containerFor(output: string, codec: VideoCodec): Container {
  const container = containerForPath(output);
  if (!container) {
    const known = Object.values(CONTAINER_SPECS).flatMap((c) => c.extensions).join(' ');
    throw new UsageError(`Cannot tell the container from "${basename(output)}".`, { fix: `Use one of these extensions: ${known}` });
  }
  if (!CODECS[codec].containers.includes(container)) {
    const goesInto = CODECS[codec].containers.map((c) => `.${c}`).join(', ');
    const takes = codecsForContainer(container).join(', ');
    throw new UsageError(`${codec} cannot go into .${container}.`, {
      fix: `${codec} goes into ${goesInto}; .${container} takes ${takes}.`,
      data: { codec, container, codecContainers: CODECS[codec].containers, containerCodecs: codecsForContainer(container) },
    });
  }
  return container;
}

// Refuses a missing input, an output folder that cannot take files, an output that would clobber a file, and output = input.
export function checkPaths(input: InputSpec, output: string, overwrite: boolean): void {
  if (input.kind === 'file') {
    if (!existsSync(input.path)) throw new UsageError(`Input not found: ${input.path}`, { fix: 'Check the path (quote names with spaces).' });
    if (!statSync(input.path).isFile()) throw new UsageError(`Input is not a file: ${input.path}`);
    if (existsSync(output) && realpathSync(output) === realpathSync(input.path)) {
      throw new UsageError('The output is the input file.', { fix: 'Write to another file name; the input is never overwritten.' });
    }
  }
  const dir = resolve(output, '..');
  if (!existsSync(dir)) throw new UsageError(`Output folder does not exist: ${dir}`, { fix: `mkdir -p "${dir}"` });
  ensureWritableFolder(dir, { create: false, label: `Output folder "${dir}"` });
  if (existsSync(output)) {
    if (statSync(output).isDirectory()) throw new UsageError(`Output is a folder: ${output}`, { fix: 'Give a file name, or use --output-dir.' });
    if (!overwrite) throw new UsageError(`Output exists: ${output}`, { fix: 'Pass --overwrite to replace it, or choose another name.' });
  }
}
