// Serving a registry the way Prometheus expects: text format 0.0.4, or OpenMetrics when the scraper
// asks for it in Accept. Also a small server of its own for --metrics HOST:PORT.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { openMetricsContentType, prometheusContentType, type Registry, type RegistryContentType } from 'prom-client';
import { UsageError } from '../errors.js';
import type { ListenAddress } from './address.js';

export async function sendMetrics(registry: Registry<RegistryContentType>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const open = /application\/openmetrics-text/.test(req.headers.accept ?? '');
  const body = open ? await openMetrics(registry) : await registry.metrics();
  res.writeHead(200, { 'content-type': open ? openMetricsContentType : prometheusContentType, 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

// prom-client renames counters for good (drops _total) when it renders OpenMetrics, which would break
// every later text scrape: the names are put back, and the registry stays in the text format.
async function openMetrics(registry: Registry<RegistryContentType>): Promise<string> {
  const names = registry.getMetricsAsArray().map((metric) => [metric as unknown as { name: string }, metric.name] as const);
  registry.setContentType(openMetricsContentType);
  try {
    return await registry.metrics();
  } finally {
    for (const [metric, name] of names) metric.name = name;
    registry.setContentType(prometheusContentType);
  }
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

// GET /metrics on its own address; a busy or forbidden address is a usage error (exit 2).
export async function startMetricsServer(address: ListenAddress, registry: Registry<RegistryContentType>): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.url?.split('?')[0] !== '/metrics') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the metrics are at /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    sendMetrics(registry, req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await listen(server, address);
  const { port } = server.address() as { port: number };
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/metrics`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function listen(server: Server, { host, port }: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'is in use' : error.code === 'EACCES' ? 'needs privileges' : `cannot be used (${error.code ?? error.message})`;
      reject(new UsageError(`--metrics ${host}:${port} ${why}.`, { fix: 'Choose another --metrics address, e.g. 127.0.0.1:0 for any free port.' }));
    });
    server.listen(port, host, () => resolve());
  });
}
