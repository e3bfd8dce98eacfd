// WHEP signalling over node:http (draft-ietf-wish-whep): POST an SDP offer → 201 + Location + the
// answer; DELETE the Location ends that session; OPTIONS and CORS so pages on other origins play.
// Non-trickle: answers carry every ICE candidate, so PATCH is refused (405) as the draft allows.
// The same server hands out one page (the viewer) at "/". Sessions themselves are the handler's.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { UsageError } from '../errors.js';

/** A refusal with its HTTP status (400 bad offer, 503 full or stopping, …). */
export class WhepError extends Error {
  constructor(readonly status: number, message: string, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'WhepError';
  }
}

export interface WhepHandler {
  /** A session for this offer; throw WhepError to refuse it. */
  create(offer: string, request: { remote: string | undefined }): Promise<{ id: string; answer: string }>;
  /** Ends a session; false when there is none with this id. */
  remove(id: string): Promise<boolean>;
}

export interface WhepRefusal {
  status: number;
  method: string;
  path: string;
  message: string;
  remote: string | undefined;
}

export interface WhepServerOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** The WHEP endpoint; sessions live under it. */
  path?: string;
  /** Requests must carry `Authorization: Bearer <token>`. */
  token?: string | undefined;
  corsOrigin?: string;
  /** Link header values sent with each answer (ICE servers). */
  links?: string[];
  /** The page served at "/". */
  page?: string | undefined;
  maxOfferBytes?: number;
  /** Told about every 4xx/5xx answered to a WHEP request. */
  onRefused?: (refusal: WhepRefusal) => void;
}

export interface WhepServer {
  /** http://host:port/ (a wildcard host shown as loopback). */
  url: string;
  whepUrl: string;
  port: number;
  close(): Promise<void>;
}

const ALLOWED = 'OPTIONS, POST, DELETE, PATCH';

export async function startWhepServer(handler: WhepHandler, options: WhepServerOptions): Promise<WhepServer> {
  const path = options.path ?? '/whep';
  const server = createServer((req, res) => {
    route(req, res, handler, { ...options, path }).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, error instanceof Error ? error.message : String(error));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await listen(server, options.host, options.port);
  const port = (server.address() as { port: number }).port;
  const url = displayUrl(options.host, port);
  return {
    url,
    whepUrl: new URL(path, url).href,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// A busy port, a privileged one or a foreign address are usage errors (exit 2) naming the value.
function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE') reject(new UsageError(`Port ${port} is already in use (${where}).`, { fix: 'choose another --port, or --port 0 for any free one', data: { port, host } }));
      else if (error.code === 'EACCES') reject(new UsageError(`Port ${port} needs privileges to listen on (${where}).`, { fix: 'use a port above 1023', data: { port, host } }));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') reject(new UsageError(`--host ${host} is not an address of this machine.`, { fix: 'use 127.0.0.1, 0.0.0.0 (all interfaces) or one of this machine\'s addresses', data: { port, host } }));
      else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}

export function displayUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

type RouteOptions = WhepServerOptions & { path: string };

async function route(req: IncomingMessage, res: ServerResponse, handler: WhepHandler, options: RouteOptions): Promise<void> {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  const method = req.method ?? 'GET';
  cors(res, options.corsOrigin ?? '*');
  const inWhep = pathname === options.path || pathname.startsWith(`${options.path}/`);
  const refuse = (status: number, message: string, headers: Record<string, string> = {}) => {
    if (inWhep) options.onRefused?.({ status, method, path: pathname, message, remote: req.socket.remoteAddress });
    send(res, status, message, headers);
  };
  if (method === 'OPTIONS') {
    const headers: Record<string, string> = { 'Access-Control-Allow-Methods': ALLOWED, 'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-Match', 'Access-Control-Max-Age': '86400', 'Accept-Post': 'application/sdp' };
    // Chromium's Private Network Access: a public (secure) page may reach this LAN/loopback server.
    if (req.headers['access-control-request-private-network'] === 'true') headers['Access-Control-Allow-Private-Network'] = 'true';
    res.writeHead(204, headers);
    res.end();
    return;
  }
  if (!inWhep) return servePage(req, res, pathname, options.page);
  if (!authorized(req, options.token)) return refuse(401, 'a valid Authorization: Bearer token is required', { 'WWW-Authenticate': 'Bearer realm="lydlr-gst"' });
  const id = pathname === options.path ? undefined : decodeURIComponent(pathname.slice(options.path.length + 1));
  if (id === undefined) {
    if (method !== 'POST') return refuse(405, `use POST with an SDP offer (${method} is not allowed here)`, { Allow: 'OPTIONS, POST' });
    return createSession(req, res, handler, options, refuse);
  }
  if (method === 'DELETE') {
    const removed = await handler.remove(id);
    if (!removed) return refuse(404, `no session ${id}`);
    send(res, 200, '');
    return;
  }
  if (method === 'PATCH') return refuse(405, 'trickle ICE is not supported: the answer carries every candidate', { Allow: 'DELETE, OPTIONS' });
  refuse(405, `${method} is not allowed on a session`, { Allow: 'DELETE, OPTIONS' });
}

async function createSession(req: IncomingMessage, res: ServerResponse, handler: WhepHandler, options: RouteOptions, refuse: (status: number, message: string, headers?: Record<string, string>) => void): Promise<void> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/sdp') return refuse(415, `the offer must be sent as Content-Type: application/sdp${type ? `, not ${type}` : ''}`, { 'Accept-Post': 'application/sdp' });
  const body = await readBody(req, options.maxOfferBytes ?? 128 * 1024);
  if (body === undefined) return refuse(413, 'the offer is too large', { Connection: 'close' });
  if (body.trim() === '') return refuse(400, 'the request has no SDP offer');
  let session: { id: string; answer: string };
  try {
    session = await handler.create(body, { remote: req.socket.remoteAddress });
  } catch (error) {
    if (!(error instanceof WhepError)) throw error;
    return refuse(error.status, error.message, error.retryAfterSeconds !== undefined ? { 'Retry-After': String(error.retryAfterSeconds) } : {});
  }
  const headers: Record<string, string | string[]> = { 'Content-Type': 'application/sdp', Location: `${options.path}/${encodeURIComponent(session.id)}` };
  if (options.links && options.links.length > 0) headers.Link = options.links;
  res.writeHead(201, headers);
  res.end(session.answer);
}

function servePage(req: IncomingMessage, res: ServerResponse, pathname: string, page: string | undefined): void {
  if (page === undefined || (pathname !== '/' && pathname !== '/index.html')) return send(res, 404, 'not found');
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'only GET', { Allow: 'GET, HEAD, OPTIONS' });
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
  res.end(req.method === 'HEAD' ? undefined : page);
}

function cors(res: ServerResponse, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', 'Location, Link, Retry-After, Accept-Post');
  if (origin !== '*') res.setHeader('Vary', 'Origin');
}

function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

// The body as text, or undefined as soon as it passes `limit` bytes (the rest is not stored).
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        resolve(undefined);
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text === '' ? undefined : `${text}\n`);
}
