// rtsp --multicast, received for real. Server and client must be different hosts: on one host the
// client's multicast sockets collide with the ports the server binds for RTCP. So the test builds
// two network namespaces joined by a veth pair (root only, iproute2), with a multicast route on each.
import { randomBytes } from 'node:crypto';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, parseNdjson } from '../helpers/cli.js';

const isRoot = process.getuid?.() === 0;
const id = randomBytes(3).toString('hex');
const server = { ns: `lyd-srv-${id}`, dev: `lyds${id}`, ip: '10.77.0.1' };
const client = { ns: `lyd-cli-${id}`, dev: `lydc${id}`, ip: '10.77.0.2' };
const ip = (...args: string[]) => execa('ip', args);

beforeAll(async () => {
  if (!isRoot) return;
  await ip('netns', 'add', server.ns);
  await ip('netns', 'add', client.ns);
  await ip('link', 'add', server.dev, 'type', 'veth', 'peer', 'name', client.dev);
  for (const host of [server, client]) {
    await ip('link', 'set', host.dev, 'netns', host.ns);
    await ip('-n', host.ns, 'addr', 'add', `${host.ip}/24`, 'dev', host.dev);
    await ip('-n', host.ns, 'link', 'set', 'lo', 'up');
    await ip('-n', host.ns, 'link', 'set', host.dev, 'up');
    await ip('-n', host.ns, 'route', 'add', '224.0.0.0/4', 'dev', host.dev);
  }
});

afterAll(async () => {
  if (!isRoot) return;
  // Deleting a namespace deletes its end of the veth pair, and with it the other end.
  for (const host of [server, client]) await execa('ip', ['netns', 'del', host.ns], { reject: false });
});

// The built CLI inside the server namespace; resolves with its NDJSON once "ready" arrives.
async function startServer(port: number): Promise<{ child: ResultPromise; ready: Record<string, unknown> }> {
  const child = execa('ip', ['netns', 'exec', server.ns, process.execPath, BIN, '--json', 'rtsp', 'test', '--host', '0.0.0.0', '--port', String(port), '--mount', '/mc', '--multicast'], { reject: false, buffer: false, env: { NO_COLOR: '1' } });
  let out = '';
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready event: ${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const event = parseNdjson(out).find((e) => e.type === 'ready');
      if (event) {
        clearTimeout(timer);
        resolve(event);
      }
    });
    void child.then(() => reject(new Error(`the server exited: ${out}`)));
  });
  return { child, ready };
}

describe.skipIf(!isRoot)('rtsp --multicast between two network namespaces', () => {
  it('two clients that allow only multicast both decode the stream; SIGINT stops the server with exit 0', async () => {
    const port = 18000 + Math.floor(Math.random() * 1000);
    const { child, ready } = await startServer(port);
    try {
      expect(ready).toMatchObject({ type: 'ready', mount: '/mc' });
      const url = `rtsp://${server.ip}:${port}/mc`;
      // protocols=udp-mcast: rtspsrc may not fall back to unicast UDP or TCP, so success means multicast.
      const receive = () => execa('ip', ['netns', 'exec', client.ns, 'gst-launch-1.0', '-q', 'rtspsrc', `location=${url}`, 'protocols=udp-mcast', '!',
        'rtph264depay', '!', 'h264parse', '!', 'avdec_h264', '!', 'fakesink', 'num-buffers=30', 'sync=false'], { reject: false, timeout: 30_000 });
      const [a, b] = await Promise.all([receive(), receive()]);
      expect(a.exitCode, a.stderr).toBe(0);
      expect(b.exitCode, b.stderr).toBe(0);
      // ffmpeg, an independent client, asks for multicast too and finds H.264.
      const probe = await execa('ip', ['netns', 'exec', client.ns, 'ffprobe', '-v', 'error', '-rtsp_transport', 'udp_multicast', '-show_streams', '-of', 'json', url], { timeout: 30_000 });
      expect(JSON.parse(probe.stdout).streams[0].codec_name).toBe('h264');
      child.kill('SIGINT');
      const done = await child;
      expect(done.exitCode).toBe(0);
    } finally {
      child.kill('SIGKILL'); // a failed assertion must not leave the server running in the namespace
    }
  });
});
