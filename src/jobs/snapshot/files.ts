// Where the picture goes: checked before anything runs, written under a hidden name, renamed at the end.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { ensureWritableFolder } from '../output-folder.js';
import type { InputSpec } from '../../pipeline/sources.js';

export function checkOutput(output: string, input: InputSpec, overwrite: boolean): void {
  if (input.kind === 'file' && resolve(input.path) === resolve(output)) {
    throw new UsageError('The output is the input.', { fix: 'Give another output name.', data: { output } });
  }
  if (existsSync(output) && !overwrite) {
    throw new UsageError(`"${output}" exists.`, { fix: 'Add --overwrite to replace it, or give another name.', data: { output } });
  }
  ensureWritableFolder(dirname(output), { create: false, label: `The output's folder "${dirname(output)}"` });
}

// The finished picture takes its final name in one rename: nobody ever sees half of it.
export function publish(partial: string, output: string): void {
  try {
    renameSync(partial, output);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
