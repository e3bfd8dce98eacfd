// `worker`: processes the queue that `queue add` fills, one CLI child per job.
import { Option, type Command } from 'commander';
import { action } from '../action.js';
import { positiveInteger, positiveNumber } from '../parse-options.js';

export interface WorkerFlags {
  redis: string;
  queue: string;
  concurrency: number;
  stallTimeout: number;
}

export function defineWorker(program: Command): void {
  program
    .command('worker')
    .description('take jobs from a Redis queue (see `queue add`) and run them, here, until stopped')
    .addOption(new Option('--redis <url>', 'the Redis that holds the queue: redis://HOST:PORT').makeOptionMandatory())
    .option('--queue <name>', 'queue name', 'lydlr-gst')
    .addOption(new Option('--concurrency <n>', 'jobs run at once by this worker (one gst-launch child each)').argParser(positiveInteger('--concurrency')).default(1))
    .addOption(new Option('--stall-timeout <seconds>', 'a job whose worker vanished (killed, machine lost) is handed to another after this long').argParser(positiveNumber('--stall-timeout')).default(30))
    .addHelpText('after', `
Examples:
  $ lydlr-gst worker --redis redis://queue:6379                    # one job at a time
  $ lydlr-gst worker --redis redis://queue:6379 --concurrency 2    # on a machine with 4+ cores
  $ lydlr-gst --json worker --redis redis://queue:6379 --queue gpu-box

Each job runs as \`lydlr-gst --json <job…>\` in a child process, reporting progress to the queue.
SIGTERM/SIGINT: take no new jobs and finish the current ones, then exit 0; a second signal kills the
current jobs and returns them to the queue at once. A job whose input is bad or whose plugin is missing
fails once with its error; other failures are retried (3 attempts, exponential back-off).
A chunked encode (queue add --chunk) is several jobs: the worker that runs its split adds one
compress job per chunk, which any worker runs, then one runs the join.
--json: a {"type":"queue-job",…} event per job change, a {"type":"ready"} event once it takes jobs.`)
    .action(action('worker', async () => (await import('../commands/worker.js')).runWorkerCommand));
}
