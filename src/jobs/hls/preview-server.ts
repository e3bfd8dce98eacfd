// --serve: a small HTTP server for the output folder: HLS MIME types, CORS, no caching of live playlists,
// byte ranges, and a preview page at / that plays the stream with hls.js (served from the npm package).
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, sep } from 'node:path';
import { UsageError } from '../../errors.js';
import { readReloadQuery, Waiters, type BlockingOptions } from './blocking-reload.js';
import { readSkipDirective } from './delta-update.js';

export interface HlsServerOptions {
  root: string;
  host: string;
  port: number;
  /** The playlist the preview page plays, relative to the root ("master.m3u8"). */
  entry: string;
  /** Live playlists must never be cached; a VOD playlist may be revalidated. */
  isLive: () => boolean;
  /** LL-HLS: hold playlist requests with _HLS_msn/_HLS_part, and part requests, until they exist. */
  blocking?: BlockingOptions;
}

export interface HlsServer {
  /** http://HOST:PORT/<entry> */
  url: string;
  /** http://HOST:PORT/ (the preview page) */
  page: string;
  port: number;
  /** Something new was published: held LL-HLS requests are checked again. */
  notify(): void;
  close(): Promise<void>;
}

export const MIME_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.aac': 'audio/aac',
  '.vtt': 'text/vtt; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
};

const HLS_JS_PATH = '/__lydlr/hls.min.js';
const LIVE_PLAYLIST_CACHE = 'no-cache, no-store, must-revalidate';

export async function startHlsServer(options: HlsServerOptions): Promise<HlsServer> {
  const page = previewPage(`/${options.entry}`);
  const hlsJs = readFileSync(createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js'));
  const waiters = new Waiters();
  const server = createServer((req, res) => {
    handle(req, res, options, page, hlsJs, waiters).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, options)));
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const base = `http://${urlHost(options.host)}:${port}`;
  return {
    url: `${base}/${options.entry}`,
    page: `${base}/`,
    port,
    notify: () => waiters.notify(),
    close: () =>
      new Promise<void>((resolve) => {
        waiters.releaseAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HlsServerOptions, page: string, hlsJs: Buffer, waiters: Waiters): Promise<void> {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Range');
  res.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range');
  if (req.method === 'OPTIONS') return send(res, 204);
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n', { Allow: 'GET, HEAD, OPTIONS' });
  const path = decodePath(req.url ?? '/');
  if (path === undefined) return send(res, 400, 'text/plain; charset=utf-8', 'bad path\n');
  if (path === '/' || path === '/index.html') return send(res, 200, MIME_TYPES['.html']!, req.method === 'HEAD' ? '' : page, { 'Cache-Control': 'no-cache' });
  if (path === HLS_JS_PATH) return send(res, 200, MIME_TYPES['.js']!, req.method === 'HEAD' ? '' : hlsJs, { 'Cache-Control': 'public, max-age=3600' });
  // No dotfiles (hlssink2's working playlists, temp files) and nothing outside the root.
  if (path.split('/').some((part) => part.startsWith('.'))) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  const file = normalize(join(options.root, path));
  if (file !== normalize(options.root) && !file.startsWith(normalize(options.root) + sep)) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  const answer = options.blocking ? await held(req, res, file, options.blocking, waiters) : {};
  if (!answer) return;
  const delta = answer.delta?.();
  if (delta !== undefined) return send(res, 200, MIME_TYPES['.m3u8']!, req.method === 'HEAD' ? '' : delta, { 'Cache-Control': LIVE_PLAYLIST_CACHE, 'Content-Length': String(Buffer.byteLength(delta)) });
  sendFile(req, res, file, options);
}

// LL-HLS: waits for a requested segment/part to be listed, or for a hinted part file to be written. False
// when the answer has been sent already (400, 503, or the client left); else `delta` when the request asked
// for a delta update (_HLS_skip=YES) of this playlist.
async function held(req: IncomingMessage, res: ServerResponse, file: string, blocking: BlockingOptions, waiters: Waiters): Promise<false | { delta?: () => string | undefined }> {
  const cancel = (abort: () => void) => req.once('close', abort);
  const playlist = blocking.playlist(file);
  if (playlist) {
    const params = new URL(req.url ?? '/', 'http://x').searchParams;
    const query = readReloadQuery(params);
    const skip = readSkipDirective(params);
    const error = (query && 'error' in query ? query.error : undefined) ?? (typeof skip === 'object' ? skip.error : undefined);
    if (error) return send(res, 400, 'text/plain; charset=utf-8', `${error}\n`), false;
    const answer = skip === true ? { delta: () => playlist.deltaUpdate() } : {};
    if (query === undefined || 'error' in query) return answer;
    // A request more than two segments ahead is a client error, not something to wait for.
    if (query.msn > playlist.nextSequence + 2) return send(res, 400, 'text/plain; charset=utf-8', '_HLS_msn is too far ahead of the live edge\n'), false;
    const ok = await waiters.wait(() => playlist.has(query.msn, query.part), 3 * blocking.targetDuration * 1000, cancel);
    if (!ok && !res.destroyed) send(res, 503, 'text/plain; charset=utf-8', 'that segment or part did not appear in time\n', { 'Retry-After': '1' });
    return ok && answer;
  }
  if (extname(file) !== '.m4s' || existsSync(file)) return {};
  // A part named by EXT-X-PRELOAD-HINT: answered once written (one part later, or 404 after three).
  await waiters.wait(() => existsSync(file), 3 * blocking.partTarget * 1000, cancel);
  return !res.destroyed && {};
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, options: HlsServerOptions): void {
  let size: number;
  try {
    const info = statSync(file);
    if (!info.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    size = info.size;
  } catch {
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  }
  const ext = extname(file).toLowerCase();
  const headers: Record<string, string | number> = {
    'Content-Type': MIME_TYPES[ext] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': ext === '.m3u8' ? (options.isLive() ? LIVE_PLAYLIST_CACHE : 'no-cache') : 'public, max-age=60',
  };
  const range = parseRange(req.headers.range, size);
  if (range === 'invalid') return send(res, 416, 'text/plain; charset=utf-8', '', { 'Content-Range': `bytes */${size}` });
  const [start, end] = range ?? [0, size - 1];
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  headers['Content-Length'] = size === 0 ? 0 : end - start + 1;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || size === 0) return void res.end();
  const stream = createReadStream(file, { start, end });
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

// "bytes=100-199" → [100, 199]; undefined for no/unsupported header; 'invalid' when unsatisfiable.
export function parseRange(header: string | undefined, size: number): [number, number] | undefined | 'invalid' {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start > end || start >= size ? 'invalid' : [start, end];
}

function decodePath(url: string): string | undefined {
  try {
    const path = decodeURIComponent(new URL(url, 'http://x').pathname);
    return path.includes('\0') ? undefined : path;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, type?: string, body: string | Buffer = '', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...(type ? { 'Content-Type': type } : {}), 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

// The preview page with its default source filled in (as a JS string literal safe inside <script>).
export function previewPage(source: string): string {
  const html = readFileSync(new URL('../../server/assets/hls-preview.html', import.meta.url), 'utf8');
  return html.replace('__LYDLR_SOURCE__', JSON.stringify(source).replace(/</g, '\\u003c'));
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function listenError(error: NodeJS.ErrnoException, options: HlsServerOptions): Error {
  const where = `${options.host}:${options.port}`;
  if (error.code === 'EADDRINUSE') return new UsageError(`Cannot serve on ${where}: the port is in use.`, { fix: 'Choose another --serve port (or 0 for any free port).', data: { host: options.host, port: options.port } });
  if (error.code === 'EACCES') return new UsageError(`Cannot serve on ${where}: permission denied (ports below 1024 need privileges).`, { fix: 'Use a port above 1024.', data: { host: options.host, port: options.port } });
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new UsageError(`Cannot serve on ${where}: no such address on this machine.`, { fix: 'Use --host 127.0.0.1 or 0.0.0.0.', data: { host: options.host } });
  return error;
}
