// The helper supervisor against tiny fake helpers (node scripts): the protocol, and every way a helper ends.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HelperProcess, HelperWaitError, parseEvent } from '../../../src/server/helper-process.js';
import { helperFailure } from '../../../src/jobs/webrtc/failure.js';
import { EnvironmentError, JobError } from '../../../src/errors.js';
import { tempDir } from '../../helpers/cli.js';
import { waitUntil } from '../../helpers/wait.js';

let dir: string;
let cleanup: () => void;
const script = (name: string, body: string): string => {
  const path = join(dir, name);
  writeFileSync(path, `const rl = require('node:readline').createInterface({ input: process.stdin });\nconst out = (e) => process.stdout.write(JSON.stringify(e) + '\\n');\n${body}`);
  return path;
};
const helper = (path: string, config: unknown = { hello: 'world' }, stopTimeoutMs = 3000) =>
  new HelperProcess({ interpreter: process.execPath, args: [path], config, stopTimeoutMs });
// Running (a zombie waiting for a reaper does not count).
const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

beforeAll(() => {
  ({ dir, cleanup } = tempDir('lydlr-helper-'));
});
afterAll(() => cleanup());

describe('HelperProcess', () => {
  it('config first, commands as NDJSON, events back; stop → a clean exit 0', async () => {
    const path = script('echo.cjs', `
let config;
rl.on('line', (line) => {
  const msg = JSON.parse(line);
  if (!config) { config = msg; out({ type: 'ready', config }); console.log('not json'); console.error('a stderr line'); return; }
  if (msg.cmd === 'ping') out({ type: 'pong', n: msg.n });
  if (msg.cmd === 'stop') { out({ type: 'stopped' }); process.exit(0); }
});`);
    const h = helper(path);
    const seen: string[] = [];
    h.on((e) => seen.push(e.type));
    const exited = h.start();
    expect(await h.waitFor((e) => e.type === 'ready', 10_000)).toEqual({ type: 'ready', config: { hello: 'world' } });
    expect(h.running).toBe(true);
    expect(h.send({ cmd: 'ping', n: 7 })).toBe(true);
    expect(await h.waitFor((e) => e.type === 'pong', 5000)).toEqual({ type: 'pong', n: 7 });
    const exit = await h.stop();
    expect(exit).toMatchObject({ exitCode: 0, signal: undefined, stopRequested: true, killed: false, error: undefined });
    expect(exit.stderrTail).toContain('a stderr line');
    expect(await exited).toBe(exit);
    expect(seen).toEqual(['ready', 'output', 'pong', 'stopped']);
    expect(h.send({ cmd: 'ping' })).toBe(false);
  });

  it('a helper that fails at start: waitFor rejects with its exit and last error event', async () => {
    const path = script('missing.cjs', `out({ type: 'error', code: 'missing-element', message: 'media description: no element "vp8enc"' }); process.exit(3);`);
    const h = helper(path);
    void h.start();
    const error = await h.waitFor((e) => e.type === 'ready', 10_000, 'ready').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelperWaitError);
    expect((error as HelperWaitError).message).toBe('the helper exited (exit 3) before ready');
    const exit = (error as HelperWaitError).exit!;
    expect(exit).toMatchObject({ exitCode: 3, error: { code: 'missing-element' } });
    const typed = helperFailure(exit, 'starting');
    expect(typed).toBeInstanceOf(EnvironmentError);
    expect(typed.message).toBe('GStreamer element "vp8enc" is not installed.');
    expect(typed.fix).toBe('apt-get install -y gstreamer1.0-plugins-good');
  });

  it('a media failure (exit 1) becomes a JobError with the element and message', async () => {
    const path = script('fails.cjs', `rl.once('line', () => { out({ type: 'ready' }); setTimeout(() => { out({ type: 'error', element: 'in_src', message: 'Could not open resource' }); process.exit(1); }, 50); });`);
    const h = helper(path);
    const exit = await h.start();
    const typed = helperFailure(exit, 'running');
    expect(typed).toBeInstanceOf(JobError);
    expect(typed.message).toBe('The WebRTC media pipeline failed while running: in_src: Could not open resource');
  });

  it('a crash without an error event still says how it ended', async () => {
    const path = script('crash.cjs', `console.error('Segmentation fault'); process.kill(process.pid, 'SIGSEGV');`);
    const exit = await helper(path).start();
    expect(exit.signal).toBe('SIGSEGV');
    expect(helperFailure(exit, 'running').message).toBe('The WebRTC media pipeline failed while running: it ended with signal SIGSEGV: Segmentation fault');
  });

  it('a helper that ignores stop is killed after the deadline, with its whole process group', async () => {
    const path = script('stubborn.cjs', `
const { spawn } = require('node:child_process');
const child = spawn('sleep', ['60'], { stdio: 'ignore' });
rl.once('line', () => out({ type: 'ready', grandchild: child.pid }));
process.on('SIGTERM', () => {});
setInterval(() => {}, 1000);`);
    const h = helper(path, {}, 300);
    void h.start();
    const ready = await h.waitFor((e) => e.type === 'ready', 10_000);
    const grandchild = Number(ready.grandchild);
    expect(alive(grandchild)).toBe(true);
    const started = Date.now();
    const exit = await h.stop();
    expect(Date.now() - started).toBeLessThan(60_000); // a hang bound: stop() must not wait for the helper forever
    expect(exit).toMatchObject({ killed: true, stopRequested: true, signal: 'SIGKILL' });
    await waitUntil(`the helper's grandchild ${grandchild} to be killed with its group`, () => !alive(grandchild), { timeoutMs: 30_000 });
  });

  it('waitFor times out when the event never comes', async () => {
    const h = helper(script('silent.cjs', `setInterval(() => {}, 1000);`));
    void h.start();
    await expect(h.waitFor((e) => e.type === 'ready', 100, 'ready')).rejects.toThrow('no ready from the helper within 100 ms');
    h.kill();
    expect((await h.start()).killed).toBe(true);
  });

  it('an interpreter that does not exist: an exit, not a throw', async () => {
    const h = new HelperProcess({ interpreter: '/nonexistent/python3', args: ['x.py'], config: {} });
    const exit = await h.start();
    expect(exit.exitCode === undefined ? 'error' : exit.exitCode).not.toBe(0);
    expect(exit.stderrTail.join('\n')).toMatch(/nonexistent|No such file/);
  });
});

describe('parseEvent', () => {
  it.each([
    ['{"type":"ready","n":1}', { type: 'ready', n: 1 }],
    ['{"no":"type"}', { type: 'output', line: '{"no":"type"}' }],
    ['[1,2]', { type: 'output', line: '[1,2]' }],
    ['GStreamer-CRITICAL **: oops', { type: 'output', line: 'GStreamer-CRITICAL **: oops' }],
  ])('%s', (line, event) => {
    expect(parseEvent(line)).toEqual(event);
  });
});
