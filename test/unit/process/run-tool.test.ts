import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, it, expect } from 'vitest';
import { runTool } from '../../../src/process/run-tool.js';
import { gstProcessesWith } from '../../helpers/cli.js';
import { waitUntil } from '../../helpers/wait.js';

const env = { ...process.env, LC_ALL: 'C' };
// The built module (npm test builds first): a plain node child cannot import TypeScript.
const RUN_TOOL_JS = fileURLToPath(new URL('../../../dist/process/run-tool.js', import.meta.url));

// A live test source named uniquely, so pgrep finds this test's gst-launch-1.0 and no other.
function liveLaunch(): { marker: string; args: string[] } {
  const marker = `runtool${randomBytes(4).toString('hex')}`;
  return { marker, args: ['-q', 'videotestsrc', `name=${marker}`, 'is-live=true', '!', 'fakesink'] };
}

describe('runTool (short-lived GStreamer tools, node:child_process)', () => {
  it('captures stdout and the exit code of a real gst-inspect-1.0', async () => {
    const r = await runTool('gst-inspect-1.0', ['--version'], { env, timeoutMs: 30_000 }).done;
    expect(r).toMatchObject({ exitCode: 0, timedOut: false, failure: undefined });
    expect(r.stdout).toMatch(/gst-inspect-1\.0 version 1\.\d+/);
  });

  it('reports a non-zero exit with its stderr', async () => {
    const r = await runTool('gst-inspect-1.0', ['no-such-element-xyz'], { env, timeoutMs: 30_000 }).done;
    expect(r.exitCode).toBe(255); // gst-inspect-1.0 1.22's exit for an unknown name
    expect(r.stdout + r.stderr).toMatch(/No such element or plugin 'no-such-element-xyz'/);
  });

  it('says why when the program cannot start, without throwing (setpriv reports it, exit 127)', async () => {
    const r = await runTool('/nonexistent/gst-tool', [], { env, timeoutMs: 5_000 }).done;
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toMatch(/\/nonexistent\/gst-tool.*No such file or directory/);
  });

  it('dies with us: the tool runs under a node parent, and once the parent is SIGKILLed no tool is left (setpriv --pdeathsig)', async () => {
    // A missing build must fail here, not pass quietly because no tool ever started.
    expect(existsSync(RUN_TOOL_JS), `${RUN_TOOL_JS} (run npm run build)`).toBe(true);
    const { marker, args } = liveLaunch();
    // The arguments go by environment: in the parent's own command line pgrep would find the marker.
    const script = `import(process.env.RUN_TOOL_JS).then((m) => m.runTool('gst-launch-1.0', JSON.parse(process.env.TOOL_ARGS), { env: process.env, timeoutMs: 60000 }))`;
    const parent = execa(process.execPath, ['-e', script], { reject: false, env: { RUN_TOOL_JS, TOOL_ARGS: JSON.stringify(args) } });
    try {
      const pids = await waitUntil('the gst-launch-1.0 started by the node parent', async () => {
        if (parent.exitCode !== null) throw new Error(`the parent exited first: ${parent.exitCode}`);
        const found = await gstProcessesWith(marker);
        return found.length > 0 ? found : undefined;
      }, { timeoutMs: 30_000 });
      expect(pids).toHaveLength(1);
      parent.kill('SIGKILL');
      expect((await parent).signal).toBe('SIGKILL');
      await waitUntil('the orphaned gst-launch-1.0 to die', async () => (await gstProcessesWith(marker)).length === 0, { timeoutMs: 30_000 });
    } finally {
      parent.kill('SIGKILL');
      for (const pid of await gstProcessesWith(marker)) process.kill(pid, 'SIGKILL'); // only when the test failed
    }
  });

  it('kills a tool that outlives its timeout: timedOut, no exit code, killed by SIGKILL, nothing left running', async () => {
    const { marker, args } = liveLaunch();
    const started = Date.now();
    const r = await runTool('gst-launch-1.0', args, { env, timeoutMs: 300 }).done;
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeUndefined();
    expect(r.failure).toBe('killed by SIGKILL');
    expect(Date.now() - started).toBeLessThan(60_000); // a hang bound, not a speed requirement
    expect(await gstProcessesWith(marker)).toEqual([]);
  });

  it('kill() ends a running tool early: failure "stopped", not timed out, the process gone', async () => {
    const { marker, args } = liveLaunch();
    const tool = runTool('gst-launch-1.0', args, { env, timeoutMs: 60_000 });
    await waitUntil('the gst-launch-1.0 to run', async () => (await gstProcessesWith(marker)).length > 0, { timeoutMs: 30_000 });
    tool.kill();
    const r = await tool.done;
    expect(r).toMatchObject({ exitCode: undefined, timedOut: false, failure: 'stopped' });
    expect(await gstProcessesWith(marker)).toEqual([]);
  });
});
