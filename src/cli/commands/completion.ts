// Prints the shipped completion script for a shell (completions/ is generated from the program).
import { readFileSync } from 'node:fs';
import type { JobContext, JobResult } from '../../jobs/context.js';

const FILES = { bash: 'lydlr-gst.bash', zsh: '_lydlr-gst', fish: 'lydlr-gst.fish' } as const;

export async function runCompletion(ctx: JobContext, shell: keyof typeof FILES): Promise<JobResult> {
  const script = readFileSync(new URL(`../../../completions/${FILES[shell]}`, import.meta.url), 'utf8');
  if (ctx.options.json) return { ok: true, data: { shell, script } };
  process.stdout.write(script);
  return { ok: true, data: { shell } };
}
