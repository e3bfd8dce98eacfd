import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { displayUrl, startWhepServer, WhepError, type WhepHandler, type WhepRefusal, type WhepServer } from '../../../src/server/whep.js';
import { UsageError } from '../../../src/errors.js';

// Sessions in memory: "v=0…" offers are answered, "v=0 full" is refused as a full server would.
function fakeHandler() {
  const sessions = new Set<string>();
  let n = 0;
  const handler: WhepHandler = {
    async create(offer) {
      if (offer.includes('full')) throw new WhepError(503, 'the server is full', 5);
      if (!offer.startsWith('v=0')) throw new WhepError(400, 'the offer is not an SDP session description');
      const id = `s${++n}`;
      sessions.add(id);
      return { id, answer: `v=0\r\na=answer-for:${id}\r\n` };
    },
    async remove(id) {
      return sessions.delete(id);
    },
  };
  return { handler, sessions };
}

const sdp = (body: string, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'Content-Type': 'application/sdp', ...headers }, body });

describe('WHEP server', () => {
  let server: WhepServer;
  let sessions: Set<string>;
  const refusals: WhepRefusal[] = [];

  beforeAll(async () => {
    const fake = fakeHandler();
    sessions = fake.sessions;
    server = await startWhepServer(fake.handler, {
      host: '127.0.0.1', port: 0, page: '<!doctype html><title>viewer</title>', links: ['<stun:stun.example.com:3478>; rel="ice-server"'],
      onRefused: (r) => refusals.push(r),
    });
  });
  afterAll(() => server.close());

  it('POST an offer → 201, Location, the answer as application/sdp, ICE servers as Link, CORS', async () => {
    const res = await fetch(server.whepUrl, sdp('v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n'));
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/sdp');
    expect(res.headers.get('location')).toBe('/whep/s1');
    expect(res.headers.get('link')).toBe('<stun:stun.example.com:3478>; rel="ice-server"');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('Location');
    expect(await res.text()).toBe('v=0\r\na=answer-for:s1\r\n');
    expect(sessions.has('s1')).toBe(true);
  });

  it('DELETE the Location ends the session; again is 404', async () => {
    const created = await fetch(server.whepUrl, sdp('v=0'));
    const location = new URL(created.headers.get('location')!, server.url).href;
    expect((await fetch(location, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(location, { method: 'DELETE' })).status).toBe(404);
  });

  it('a preflight from another origin is allowed', async () => {
    const res = await fetch(server.whepUrl, { method: 'OPTIONS', headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, authorization' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization.*Content-Type/);
    expect(res.headers.get('accept-post')).toBe('application/sdp');
    expect(res.headers.get('access-control-allow-private-network')).toBeNull();
    const pna = await fetch(server.whepUrl, { method: 'OPTIONS', headers: { Origin: 'https://public.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Private-Network': 'true' } });
    expect(pna.headers.get('access-control-allow-private-network')).toBe('true');
  });

  it.each([
    ['a wrong content type', 415, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'v=0' }, /application\/sdp, not text\/plain/],
    ['no content type', 415, { method: 'POST', body: 'v=0' }, /application\/sdp/],
    ['an empty offer', 400, sdp(''), /no SDP offer/],
    ['a garbage offer', 400, sdp('hello'), /not an SDP session description/],
    ['a full server', 503, sdp('v=0 full'), /full/],
    ['GET on the endpoint', 405, { method: 'GET' }, /use POST/],
    ['trickle ICE (PATCH)', 405, { method: 'PATCH', headers: { 'Content-Type': 'application/trickle-ice-sdpfrag' }, body: 'a=candidate' }, /trickle ICE is not supported/],
  ])('%s → %i', async (_what, status, init, message) => {
    const url = init.method === 'PATCH' ? `${server.whepUrl}/s1` : server.whepUrl;
    const res = await fetch(url, init as RequestInit);
    expect(res.status).toBe(status);
    expect(await res.text()).toMatch(message);
    expect(refusals.at(-1)).toMatchObject({ status, method: init.method });
  });

  it('503 says when to retry; a huge offer is 413', async () => {
    expect((await fetch(server.whepUrl, sdp('v=0 full'))).headers.get('retry-after')).toBe('5');
    expect((await fetch(server.whepUrl, sdp(`v=0${'x'.repeat(200_000)}`))).status).toBe(413);
  });

  it('serves the page at / (and nothing else)', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>viewer</title>');
    expect((await fetch(new URL('/index.html', server.url))).status).toBe(200);
    expect((await fetch(new URL('/etc/passwd', server.url))).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });
});

describe('WHEP server with --token', () => {
  it('POST and DELETE need Authorization: Bearer <token>; the page and preflights do not', async () => {
    const { handler } = fakeHandler();
    const server = await startWhepServer(handler, { host: '127.0.0.1', port: 0, token: 's3cret', page: 'page', corsOrigin: 'https://app.example' });
    try {
      const none = await fetch(server.whepUrl, sdp('v=0'));
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await fetch(server.whepUrl, sdp('v=0', { Authorization: 'Bearer wrong' }))).status).toBe(401);
      expect((await fetch(server.whepUrl, sdp('v=0', { Authorization: 'Basic czNjcmV0' }))).status).toBe(401);
      const ok = await fetch(server.whepUrl, sdp('v=0', { Authorization: 'Bearer s3cret' }));
      expect(ok.status).toBe(201);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example');
      const location = new URL(ok.headers.get('location')!, server.url).href;
      expect((await fetch(location, { method: 'DELETE' })).status).toBe(401);
      expect((await fetch(location, { method: 'DELETE', headers: { Authorization: 'Bearer s3cret' } })).status).toBe(200);
      expect((await fetch(server.url)).status).toBe(200);
      expect((await fetch(server.whepUrl, { method: 'OPTIONS' })).status).toBe(204);
    } finally {
      await server.close();
    }
  });
});

describe('listening', () => {
  it('a busy port is a usage error naming the port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const attempt = startWhepServer(fakeHandler().handler, { host: '127.0.0.1', port });
      await expect(attempt).rejects.toBeInstanceOf(UsageError);
      await expect(attempt).rejects.toThrow(`Port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('a host that is not ours is a usage error', async () => {
    await expect(startWhepServer(fakeHandler().handler, { host: '192.0.2.1', port: 0 })).rejects.toThrow('--host 192.0.2.1 is not an address of this machine');
  });

  it.each([
    ['127.0.0.1', 'http://127.0.0.1:8080/'],
    ['0.0.0.0', 'http://127.0.0.1:8080/'],
    ['::', 'http://[::1]:8080/'],
    ['192.168.1.5', 'http://192.168.1.5:8080/'],
  ])('displayUrl(%s)', (host, url) => {
    expect(displayUrl(host, 8080)).toBe(url);
  });
});
