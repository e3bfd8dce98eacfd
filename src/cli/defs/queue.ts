// `queue add|status|retry|clean`: the distributed queue (BullMQ on Redis) that `worker` processes.
import { Option, type Command } from 'commander';
import { action } from '../action.js';
import { cliParser, positiveInteger, positiveNumber } from '../parse-options.js';
import { parseChunkLength } from '../../jobs/chunk-length.js';

export interface QueueFlags {
  redis: string;
  queue: string;
}

export interface QueueAddFlags extends QueueFlags {
  kind: string;
  priority?: number;
  dryRun?: boolean;
  chunk?: number;
}

export interface QueueStatusFlags extends QueueFlags {
  watch?: boolean;
  interval: number;
}

export interface QueueCleanFlags extends QueueFlags {
  state: 'completed' | 'failed' | 'all';
  grace: number;
}

const redisOption = () => new Option('--redis <url>', 'the Redis that holds the queue: redis://HOST:PORT (rediss:// for TLS)').makeOptionMandatory();
const queueOption = () => new Option('--queue <name>', 'queue name (workers take jobs from the queue they name)').default('lydlr-gst');

export function defineQueue(program: Command): void {
  const queue = program.command('queue').description('a transcoding queue on Redis (BullMQ) shared by any number of `lydlr-gst worker`s');

  queue
    .command('add')
    .description('enqueue a job per input: the same arguments and flags as the job command (compress by default)')
    .argument('<input...>', 'inputs, then the job\'s own flags (e.g. --output-dir DIR --codec vp9)')
    .allowUnknownOption()
    .addOption(redisOption())
    .addOption(queueOption())
    .option('--kind <job>', 'the job to queue (a command of this CLI: compress, hls…)', 'compress')
    .addOption(new Option('--priority <n>', 'lower runs first (1 = highest); default: in order added').argParser(positiveInteger('--priority')))
    .addOption(new Option('--chunk <duration>', 'compress: split each input at keyframes into chunks this long (at most; ≥ 2s), encoded by several workers at once, joined without re-encoding').argParser(cliParser(parseChunkLength)))
    .option('--dry-run', 'check the job and print the queue jobs it makes; enqueue nothing')
    .addHelpText('after', `
Examples:
  $ lydlr-gst queue add /shared/in/*.mp4 --output-dir /shared/out --codec h265 --redis redis://queue:6379
  $ lydlr-gst queue add /shared/in/film.mp4 --output-dir /shared/out --chunk 30s --redis redis://queue:6379
  $ lydlr-gst queue add talk.mp4 --kind hls --output-dir /shared/hls/talk --redis redis://queue:6379
  $ lydlr-gst --json queue add a.mp4 --output-dir out --redis redis://127.0.0.1:6379 --dry-run

Inputs and --output-dir must be on storage every worker sees, at the same path. The job is checked
here exactly as its command checks it (bad flags or inputs: exit 2, nothing queued); an existing
output is refused unless --overwrite. The job id comes from the input and the options: adding the same
work twice is one job. Unreachable Redis: exit 3.

--chunk (H.264, H.265, VP9, AV1): a flow per input. A worker splits the file at keyframes (no decoding)
into a hidden folder beside the output; one compress job per chunk is then queued, for any worker;
the audio is encoded once over the whole file; when all are done, a worker joins the chunks without
re-encoding (exactly the input's frames, or the join fails) and removes the folder. Refused (exit 2):
other jobs and codecs, --fps, inputs that are not files or are stored turned.`)
    .action(action('queue add', async () => (await import('../commands/queue.js')).runQueueAdd));

  queue
    .command('status')
    .description('jobs by state, per-job progress, failures with their error')
    .addOption(redisOption())
    .addOption(queueOption())
    .option('--watch', 'keep printing the status until Ctrl-C (--json: one status event per interval)')
    .addOption(new Option('--interval <seconds>', 'seconds between updates with --watch').argParser(positiveNumber('--interval')).default(2))
    .addHelpText('after', `
Examples:
  $ lydlr-gst queue status --redis redis://queue:6379
  $ lydlr-gst --json queue status --redis redis://queue:6379 | jq .counts`)
    .action(action('queue status', async () => (await import('../commands/queue.js')).runQueueStatus));

  queue
    .command('retry')
    .description('put failed jobs back in the queue (all of them, or those named)')
    .argument('[id...]', 'job ids (from queue status); none = every failed job')
    .addOption(redisOption())
    .addOption(queueOption())
    .addHelpText('after', `
Examples:
  $ lydlr-gst queue retry --redis redis://queue:6379
  $ lydlr-gst queue retry compress-3f2a… --redis redis://queue:6379`)
    .action(action('queue retry', async () => (await import('../commands/queue.js')).runQueueRetry));

  queue
    .command('clean')
    .description('remove finished jobs from Redis (output files stay)')
    .addOption(redisOption())
    .addOption(queueOption())
    .addOption(new Option('--state <state>', 'which finished jobs').choices(['completed', 'failed', 'all']).default('all'))
    .addOption(new Option('--grace <seconds>', 'keep jobs that finished less than this long ago').argParser(positiveNumberOrZero).default(0))
    .addHelpText('after', `
Examples:
  $ lydlr-gst queue clean --redis redis://queue:6379
  $ lydlr-gst queue clean --state completed --grace 3600 --redis redis://queue:6379`)
    .action(action('queue clean', async () => (await import('../commands/queue.js')).runQueueClean));
}

function positiveNumberOrZero(value: string): number {
  return value.trim() === '0' ? 0 : positiveNumber('--grace')(value);
}
