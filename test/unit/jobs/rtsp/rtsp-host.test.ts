// RtspServer's rare paths against tiny fake hosts (a crash, a refusal, a hang); the real host is
// exercised by test/e2e/rtsp.test.ts.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RtspServer } from '../../../../src/jobs/rtsp/rtsp-host.js';
import { startupError } from '../../../../src/jobs/rtsp/host-errors.js';
import { connectableUrl } from '../../../../src/jobs/rtsp/urls.js';
import { helperEventSchema, type HelperConfig } from '../../../../src/jobs/rtsp/helper-events.js';
import { statsLine } from '../../../../src/report/rtsp-view.js';
import { EnvironmentError, JobError, UsageError } from '../../../../src/errors.js';
import { tempDir } from '../../../helpers/cli.js';
import { waitUntil } from '../../../helpers/wait.js';

const CONFIG: HelperConfig = {
  host: '127.0.0.1', port: 8554, auth: [], authScheme: 'basic', protocols: 'udp-tcp', multicast: false, statsIntervalMs: 0,
  mounts: [{ path: '/a', launch: '( videotestsrc ! rtpvrawpay name=pay0 )', shared: true, loop: false, record: false }],
};
const READY = '{"type":"ready","url":"rtsp://127.0.0.1:8554/a","mount":"/a","port":8554}';
let dir: string;
let cleanup: () => void;
// A fake host: a shell script that reads the config line and does what it is told.
const fakeHost = (name: string, body: string): string => {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nread config\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
};
const server = (interpreter: string, over: Partial<ConstructorParameters<typeof RtspServer>[0]> = {}) =>
  new RtspServer({ config: CONFIG, interpreter, env: process.env, readyTimeoutMs: 3000, stopTimeoutMs: 300, ...over });

beforeAll(() => ({ dir, cleanup } = tempDir('lydlr-rtsp-server-')));
afterAll(() => cleanup());

describe('RtspServer with fake hosts', () => {
  it('ready, stats, clients, then stop: exit 0 and the counts', async () => {
    const host = fakeHost('ok.sh', [
      `echo '${READY}'`,
      `echo '{"type":"client-connected","address":"127.0.0.1","port":5000}'`,
      `echo '{"type":"stats","clients":1,"uptimeSeconds":1,"bytes":1000,"mounts":{"/a":{"bytes":1000}}}'`,
      'read cmd; echo "$cmd" >&2; exit 0',
    ].join('\n'));
    const s = server(host);
    const events: string[] = [];
    s.on((e) => events.push(e.type));
    expect(await s.start()).toEqual(['rtsp://127.0.0.1:8554/a']);
    await waitUntil('the stats line after ready', () => events.includes('server-stats'), { timeoutMs: 5000 });
    expect(s.getStats()).toMatchObject({ running: true, clients: 1, clientsServed: 1, bytes: 1000 });
    const outcome = await s.stop();
    expect(outcome).toMatchObject({ stopped: true, exitCode: 0, running: false, clientsServed: 1 });
    expect(outcome?.stderrTail).toEqual(['{"cmd":"stop"}']);
    expect(events).toEqual(['ready', 'client-connected', 'server-stats']);
  });

  it('a busy port is a UsageError naming the port (exit 2)', async () => {
    const host = fakeHost('busy.sh', `echo '{"type":"error","code":"port-busy","message":"port 8554 is already in use"}'; exit 2`);
    const error = await server(host).start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe('Port 8554 is already in use (127.0.0.1:8554).');
  });

  it('exits before ready: a JobError with its stderr', async () => {
    const host = fakeHost('crash.sh', 'echo "Traceback: boom" >&2; exit 7');
    const error = await server(host).start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).message).toBe('The RTSP host exited before it was ready (exit 7).');
    expect((error as JobError).data.stderr).toContain('Traceback: boom');
  });

  it('silent: not ready in time', async () => {
    const host = fakeHost('silent.sh', 'sleep 30');
    await expect(server(host, { readyTimeoutMs: 300 }).start()).rejects.toThrow(/not ready within 0.3 s/);
  });

  it('dies after ready: done() says it was not stopped', async () => {
    const s = server(fakeHost('dies.sh', `echo '${READY}'; sleep 0.2; exit 9`));
    await s.start();
    expect(await s.done()).toMatchObject({ stopped: false, exitCode: 9 });
  });

  it('ignores stop and SIGTERM: stop() still returns, the host killed with SIGKILL', async () => {
    const s = server(fakeHost('hang.sh', `trap '' TERM INT; echo '${READY}'; while true; do sleep 0.1; done`));
    await s.start();
    // The host never exits by itself: only the kill after the 300 ms deadline ends it (20 s only detects a hang).
    let outcome: Awaited<ReturnType<RtspServer['stop']>> | null = null;
    void s.stop().then((o) => (outcome = o));
    await waitUntil('stop() to return', () => outcome, { timeoutMs: 20_000 });
    expect(outcome).toMatchObject({ stopped: true, signal: 'SIGKILL' });
  });
});

describe('startupError', () => {
  const error = (code: string, message = 'x') => startupError({ type: 'error', code, message }, CONFIG);
  it.each([
    ['port-denied', UsageError, /Port 8554 needs privileges/],
    ['bad-host', UsageError, /--host 127.0.0.1: x/],
    ['listen-failed', UsageError, /Cannot listen on 127.0.0.1:8554/],
    ['bad-config', JobError, /could not start/],
  ] as const)('%s', (code, type, message) => {
    expect(error(code)).toBeInstanceOf(type);
    expect(error(code).message).toMatch(message);
  });

  it('a missing element in a launch line: exit 3 with its package', () => {
    const e = error('bad-launch', '/a: no element "x265enc"');
    expect(e).toBeInstanceOf(EnvironmentError);
    expect(e.fix).toBe('apt-get install -y gstreamer1.0-plugins-bad');
  });
});

describe('helper events and stats', () => {
  it('parses what the host prints; odd lines are not events', () => {
    expect(helperEventSchema.safeParse(JSON.parse(READY)).success).toBe(true);
    expect(helperEventSchema.safeParse({ type: 'client-connected', address: '::1', port: null }).success).toBe(true);
    expect(helperEventSchema.safeParse({ type: 'ready' }).success).toBe(false);
    expect(helperEventSchema.safeParse({ type: 'output', line: 'x' }).success).toBe(false);
  });

  it('a URL on every interface names the loopback', () => {
    expect(connectableUrl('rtsp://0.0.0.0:8554/a')).toBe('rtsp://127.0.0.1:8554/a');
    expect(connectableUrl('rtsp://[::]:8554/a')).toBe('rtsp://[::1]:8554/a');
    expect(connectableUrl('rtsp://192.168.1.4:8554/a')).toBe('rtsp://192.168.1.4:8554/a');
  });

  it('statsLine: sizes in the same decimal units as every other command', () => {
    expect(statsLine({ type: 'server-stats', clients: 2, uptimeSeconds: 61.4, bytes: 3_000_000, bitrateKbps: 1950, mounts: {} })).toBe('2 clients · 1.95 Mbit/s · 3.0 MB sent · up 61 s');
    expect(statsLine({ type: 'server-stats', clients: 1, uptimeSeconds: 1, bytes: 0, bitrateKbps: null, mounts: {} })).toBe('1 client · 0 B sent · up 1 s');
  });
});
