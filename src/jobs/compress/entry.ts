// compress: one file (exit 2 on refusal) or a batch (per-file failures, exit 1 if any failed).
import type { JobContext, JobResult } from '../context.js';
import type { CompressFlags } from './index.js';
import { compressOptionsSchema, type CompressOptions } from './options.js';
import { parseJobOptions } from '../validate.js';
import { planJob } from './plan-job.js';
import { runJob } from './run-job.js';
import { runBatch } from './batch.js';
import { buildCompressPipeline } from './pipeline.js';
import { gstLaunchCommand } from '../../gst/launch/runner.js';
import { ExitCode, UsageError } from '../../errors.js';
import { mkdirSync } from 'node:fs';
import { batchLines, compressLines } from '../../report/compress-view.js';

export async function runCompress(ctx: JobContext, words: string[], flags: CompressFlags): Promise<JobResult> {
  const options = parseJobOptions(compressOptionsSchema, toOptions(words, flags));
  if (options.dryRun) return dryRun(ctx, options);
  if (options.outputDir === undefined) {
    const job = await planJob(options.inputs[0]!, options, ctx.childEnv());
    ctx.reporter.log('info', `Encoding ${job.inputSpec} → ${job.output} (${job.plan.codec}, ${job.encoder.element}${job.encoder.hardware ? ', hardware' : ''})`);
    for (const message of job.notes) ctx.reporter.event({ type: 'warning', message, input: job.inputSpec });
    const result = await runJob(ctx, job, undefined, options.graph ? { file: options.graph, overwrite: options.overwrite } : undefined);
    return { ok: true, data: { ...result }, lines: compressLines(result, ctx.options.color) };
  }
  createOutputDir(options.outputDir);
  const items = await runBatch(ctx, options);
  const failed = items.filter((i) => !i.ok).length;
  const interrupted = items.some((i) => !i.ok && i.exitCode === ExitCode.interrupted);
  return {
    ok: failed === 0,
    exitCode: interrupted ? ExitCode.interrupted : failed > 0 ? ExitCode.failed : ExitCode.ok,
    data: { items, succeeded: items.length - failed, failed },
    lines: batchLines(items, ctx.options.color),
  };
}

// Positional words: inputs, then the output file unless --output-dir is given.
function toOptions(words: string[], flags: CompressFlags): Record<string, unknown> {
  const batch = flags.outputDir !== undefined;
  const inputs = batch || words.length < 2 ? words : words.slice(0, -1);
  const output = batch || words.length < 2 ? undefined : words[words.length - 1];
  return { ...flags, inputs, output };
}

async function dryRun(ctx: JobContext, options: CompressOptions): Promise<JobResult> {
  const jobs = [];
  for (const input of options.inputs) {
    const job = await planJob(input, options, ctx.childEnv());
    const pipeline = buildCompressPipeline(job.plan);
    jobs.push({ input, output: job.output, encoder: job.encoder.element, pipeline: pipeline.build(), argv: pipeline.toArgv(), gstCommand: gstLaunchCommand(pipeline.toArgv()) });
  }
  return { ok: true, data: { dryRun: true, jobs }, lines: jobs.flatMap((j) => [`# ${j.input} → ${j.output} (${j.encoder})`, j.gstCommand]) };
}

// --output-dir is created when missing (as hls does); when it cannot be, the batch is refused once.
function createOutputDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : (error as Error).message;
    throw new UsageError(`Cannot create --output-dir "${dir}": ${why}.`, { fix: 'Give a folder you can write to.', data: { outputDir: dir } });
  }
}
