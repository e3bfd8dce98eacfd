// The job process supervisor against a small fake CLI (test/fixtures/api/fake-job.mjs): events,
// graceful stop, SIGKILL after the timeout, a crash, and no process left behind.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JobProcess, parseEvent } from '../../../src/api/job-process.js';
import type { JobEvent } from '../../../src/api/job.js';
import { waitUntil } from '../../helpers/wait.js';

const FAKE = fileURLToPath(new URL('../../fixtures/api/fake-job.mjs', import.meta.url));

function run(mode: string, stopTimeoutMs = 5000) {
  const events: JobEvent[] = [];
  const proc = new JobProcess({ args: [mode], cwd: process.cwd(), env: process.env, stopTimeoutMs, script: FAKE });
  const exit = proc.start((e) => events.push(e));
  // Fails loudly when the event never comes: a silent give-up would let the checks after it pass vacuously.
  const waitFor = (type: string) => waitUntil(`a ${type} event from the fake job`, () => events.find((e) => e.type === type), { timeoutMs: 30_000 });
  return { proc, exit, events, waitFor };
}

// Running (a zombie nobody reaped in a container counts as gone).
const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('JobProcess', () => {
  it('NDJSON stdout becomes events, stderr lines become log events; a finished run exits 0', async () => {
    const { exit, events } = run('finish');
    const done = await exit;
    expect(done).toMatchObject({ exitCode: 0, signal: null, killed: false, stderrTail: ['working…'] });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['progress', 'stats', 'result', 'log']));
    expect(events.find((e) => e.type === 'log')).toEqual({ type: 'log', stream: 'stderr', message: 'working…' });
  });

  it('runs in its own process group (its pgid is its pid)', async () => {
    const { proc, exit, waitFor } = run('graceful');
    await waitFor('ready');
    const pgid = Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(proc.pid)]).toString().trim());
    expect(pgid).toBe(proc.pid);
    proc.stop();
    await exit;
  });

  it('stop(): SIGINT, and the process finishes its own way', async () => {
    const { proc, exit, events, waitFor } = run('graceful');
    await waitFor('ready');
    proc.stop();
    expect(await exit).toMatchObject({ exitCode: 0, killed: false });
    expect(events.at(-1)).toMatchObject({ type: 'result', ok: true, stopped: true });
  });

  it('a process that ignores SIGINT is killed by SIGKILL no sooner than the stop timeout; a second stop() kills it despite a 60 s timeout', async () => {
    const slow = run('stubborn', 300);
    await slow.waitFor('ready');
    const started = Date.now();
    slow.proc.stop();
    expect(await slow.exit).toMatchObject({ signal: 'SIGKILL', killed: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);

    const twice = run('stubborn', 60_000);
    await twice.waitFor('ready');
    twice.proc.stop();
    twice.proc.stop();
    expect(await twice.exit).toMatchObject({ signal: 'SIGKILL', killed: true });
  });

  it('the whole group goes: a grandchild does not outlive a kill', async () => {
    const { proc, exit, waitFor } = run('grandchild', 60_000);
    const ready = await waitFor('ready');
    const grandchild = ready.grandchild as number;
    expect(grandchild).toBeGreaterThan(0);
    expect(alive(grandchild)).toBe(true);
    proc.kill();
    await exit;
    await waitUntil(`the grandchild ${grandchild} to be gone`, () => !alive(grandchild), { timeoutMs: 30_000 });
  });

  it('a crash without a result: its exit code and the last stderr lines (stack frames left out)', async () => {
    const { exit } = run('crash');
    expect(await exit).toMatchObject({ exitCode: 1, stderrTail: ['working…', 'Segmentation fault (pretend)'] });
  });

  it('a script that cannot start', async () => {
    const proc = new JobProcess({ args: [], cwd: '/nonexistent-folder-for-sure', env: process.env, stopTimeoutMs: 100, script: FAKE });
    expect(await proc.start(() => {})).toMatchObject({ spawnError: expect.stringContaining('ENOENT') });
  });

  it('parseEvent takes JSON objects with a type, nothing else', () => {
    expect(parseEvent('{"type":"eos"}')).toEqual({ type: 'eos' });
    for (const line of ['', 'text', '{"no":"type"}', '{broken', '[1]', '{"type":3}']) expect(parseEvent(line)).toBeUndefined();
  });
});
