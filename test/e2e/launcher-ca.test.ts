// The launcher's shell part (bin/lydlr-gst.cjs run as a program, as npm's bin link runs it): Node 20
// parses NODE_EXTRA_CA_CERTS while it starts, so a command line that makes no TLS connection from
// Node starts it without them and puts the variable back for the children; one that may (an https
// or rediss URL, serve, worker, queue) keeps it, and a private CA then still works for a webhook.
import { execa } from 'execa';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';

const tmp = tempDir('lydlr-launcher-ca-');
afterAll(() => tmp.cleanup());

// Shims first on PATH that note the environment they were started with, then become the real tool.
const shims = join(tmp.dir, 'shims');
const seen = (tool: string) => join(tmp.dir, `${tool}.env`);
beforeAll(() => {
  mkdirSync(shims);
  for (const [tool, real] of [['node', process.execPath], ['gst-launch-1.0', '/usr/bin/gst-launch-1.0']] as const) {
    const shim = join(shims, tool);
    writeFileSync(shim, `#!/bin/sh\nprintf 'ca=%s deferred=%s\\n' "\${NODE_EXTRA_CA_CERTS-unset}" "\${LYDLR_GST_DEFERRED_CA_CERTS-unset}" >> "${seen(tool)}"\nexec "${real}" "$@"\n`);
    chmodSync(shim, 0o755);
  }
});

const CA_FILE = '/some/where/private-ca.pem'; // only named here: nothing reads it when the launcher defers it
const run = (args: string[], env: Record<string, string> = {}) =>
  execa(BIN, args, { reject: false, env: { NO_COLOR: '1', PATH: `${shims}:${process.env.PATH}`, NODE_EXTRA_CA_CERTS: CA_FILE, ...env }, timeout: 60_000 });
const lastSeen = (tool: string) => readFileSync(seen(tool), 'utf8').trim().split('\n').at(-1);

describe('NODE_EXTRA_CA_CERTS and the launcher', () => {
  it('a local job: Node starts without it, gst-launch-1.0 gets it back as it was given', async () => {
    const r = await run(['launch', 'videotestsrc num-buffers=5 ! fakesink']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(lastSeen('node')).toBe(`ca=unset deferred=${CA_FILE}`);
    expect(lastSeen('gst-launch-1.0')).toBe(`ca=${CA_FILE} deferred=unset`);
  });

  it.each([
    ['an https URL', ['hls', 'test', '-o', 'x', '--webhook', 'https://example.com/hook', '--dry-run']],
    ['a rediss URL', ['worker', '--redis', 'rediss://example.com:6380', '--help']],
    ['serve', ['serve', '--help']],
    ['queue', ['--json', 'queue', '--help']],
  ])('kept for a command line that may connect over TLS: %s', async (_, args) => {
    await run(args);
    expect(lastSeen('node')).toBe(`ca=${CA_FILE} deferred=unset`);
  });
});

describe('a webhook to a server whose certificate a private CA signed', () => {
  let server: Server;
  let url: string;
  let caFile: string;
  const received: string[] = [];
  beforeAll(async () => {
    const dir = join(tmp.dir, 'pki');
    mkdirSync(dir);
    const ssl = (args: string[]) => execa('openssl', args, { cwd: dir });
    await ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=lydlr test CA']);
    await ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'host.key', '-out', 'host.csr', '-subj', '/CN=127.0.0.1']);
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
    await ssl(['x509', '-req', '-in', 'host.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'host.pem', '-days', '2', '-extfile', 'san.ext']);
    caFile = join(dir, 'ca.pem');
    server = createServer({ key: readFileSync(join(dir, 'host.key')), cert: readFileSync(join(dir, 'host.pem')) }, (req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body).event as string);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const hls = (env: Record<string, string>) =>
    run(['hls', 'test', '-o', join(tmp.dir, `hls-${received.length}-${Date.now()}`), '--scale', '160x120', '--segment-duration', '1', '--duration', '1', '--webhook', url], env);

  it('is delivered when NODE_EXTRA_CA_CERTS names the CA', async () => {
    received.length = 0;
    const r = await hls({ NODE_EXTRA_CA_CERTS: caFile });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(received).toContain('exit');
    expect(r.stderr).not.toMatch(/webhook/i);
  });

  it('fails with a warning when nothing names the CA (the check above can fail)', async () => {
    received.length = 0;
    const r = await hls({ NODE_EXTRA_CA_CERTS: '' });
    expect(received).toEqual([]);
    expect(r.stderr).toMatch(/webhook/i);
  });
});
