// `serve`: the same checks and jobs as REST endpoints under /api/gstreamer/, for dashboards and orchestrators.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { action } from '../action.js';
import { positiveInteger, positiveNumber } from '../parse-options.js';
import { parseListenAddress, type ListenAddress } from '../../ops/address.js';

export interface ServeFlags {
  port: number;
  host: string;
  token?: string;
  maxJobs: number;
  root?: string;
  allowNetworkInputs?: boolean;
  maxBody: number;
  stopTimeout: number;
  redis?: string;
  queue: string;
  metrics?: ListenAddress;
  metricsPublic?: boolean;
}

export function defineServe(program: Command): void {
  program
    .command('serve')
    .description('a REST API (/api/gstreamer/...) over the same checks and jobs: status, health, plugins, compression, HLS, RTSP, WebRTC, DeepStream')
    .addOption(new Option('--port <port>', 'HTTP port; 0 = any free port (the ready event says which)').argParser(portOrZero).default(8000))
    .option('--host <address>', 'address to listen on (0.0.0.0: every interface; then use --token)', '127.0.0.1')
    .option('--token <token>', 'every request needs Authorization: Bearer TOKEN (visible in ps: prefer LYDLR_API_TOKEN)')
    .addOption(new Option('--max-jobs <n>', 'jobs running at once; the rest queue').argParser(positiveInteger('--max-jobs')).default(4))
    .option('--root <dir>', 'file paths in request bodies are relative to DIR and must stay inside it; jobs run there')
    .option('--allow-network-inputs', 'with --root, also accept network inputs (http://, rtsp://, …), which the server then fetches')
    .addOption(new Option('--max-body <bytes>', 'largest request body accepted (413 beyond)').argParser(positiveInteger('--max-body')).default(1024 * 1024))
    .addOption(new Option('--stop-timeout <seconds>', 'a stopped job may take this long to finish its files before it is killed').argParser(positiveNumber('--stop-timeout')).default(15))
    .option('--redis <url>', 'also serve the distributed queue (queue/: add, status, retry, clean) on this Redis: redis://HOST:PORT')
    .option('--queue <name>', 'with --redis: the queue name (workers take jobs from the queue they name)', 'lydlr-gst')
    .option('--metrics-public', 'GET /metrics answers without the --token (for a scraper that has no secret)')
    .addOption(new Option('--metrics <host:port>', 'also serve the Prometheus metrics at http://HOST:PORT/metrics, without a token').argParser(parseListenAddress))
    .addHelpText('after', `
Examples:
  $ lydlr-gst serve                                   # http://127.0.0.1:8000/api/gstreamer/
  $ LYDLR_API_TOKEN=s3cret lydlr-gst serve --host 0.0.0.0 --root /srv/media --max-jobs 2
  $ curl -s localhost:8000/api/gstreamer/health/      # 200 healthy, 503 not (a container health check)
  $ curl -s -XPOST localhost:8000/api/gstreamer/pipeline/compression/ \\
      -H 'content-type: application/json' -d '{"input": "in.mp4", "output": "out.webm", "codec": "vp9"}'
  $ curl -sN localhost:8000/api/gstreamer/jobs/<id>/events     # Server-Sent Events
  $ curl -s -XDELETE localhost:8000/api/gstreamer/jobs/<id>/   # stop gracefully
  $ curl -s localhost:8000/api/gstreamer/jobs/<id>/graph.svg > job.svg  # its pipeline, once PLAYING
  $ lydlr-gst serve --redis redis://queue:6379 --root /shared     # + the queue that \`lydlr-gst worker\`s take
  $ curl -s -XPOST localhost:8000/api/gstreamer/queue/ -H 'content-type: application/json' \\
      -d '{"job": {"input": ["in/a.mp4", "in/b.mp4"], "outputDir": "out", "codec": "h265"}}'
  $ curl -s localhost:8000/api/gstreamer/queue/                   # counts, progress, failures
  $ curl -s localhost:8000/metrics                             # Prometheus (with --token: the bearer token too)

Every route is in GET /api/gstreamer/openapi.json. Job bodies take the command's long options in camelCase
and its positional arguments as "input" (and "output"); jobs run this CLI itself as child processes.
GET /metrics: lydlr_serve_jobs{state}, lydlr_job_duration_seconds{kind,state} (buckets 1 s, 2 s, 4 s … 9 h) and Node's
process metrics, under --token unless --metrics-public. Job bodies take hooks too: {"onReady": "CMD", "webhook": ["URL"], …}.
--json: {"type":"ready","url":…} once requests are answered. SIGINT/SIGTERM: every job stops gracefully, exit 0.`)
    .action(action('serve', async () => (await import('../commands/serve.js')).runServe));
}

function portOrZero(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError(`--port must be a port from 1 to 65535 (or 0 for any free port), got "${value}"`);
  return n;
}
