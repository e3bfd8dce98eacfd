import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, it, expect } from 'vitest';
import { runTool } from '../../../src/process/run-tool.js';

const env = { ...process.env, LC_ALL: 'C' };
// The built module (npm test builds first): a plain node child cannot import TypeScript.
const RUN_TOOL_JS = fileURLToPath(new URL('../../../dist/gst/run-tool.js', import.meta.url));

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
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

  it('dies with us: a SIGKILLed parent leaves no tool behind (setpriv --pdeathsig)', async () => {
    const marker = `pattern=${16 + Math.floor(Math.random() * 8)} is-live=true`; // unique enough for pgrep
    const script = `import(${JSON.stringify(RUN_TOOL_JS)}).then((m) => m.runTool('gst-launch-1.0', ['-q', 'videotestsrc', ...${JSON.stringify(marker.split(' '))}, '!', 'fakesink'], { env: process.env, timeoutMs: 60000 }))`;
    const parent = execa(process.execPath, ['-e', script], { reject: false });
    const running = () => execa('pgrep', ['-f', `gst-launch-1.0 -q videotestsrc ${marker}`], { reject: false }).then((r) => r.stdout.trim());
    await waitFor(async () => (await running()) !== '');
    parent.kill('SIGKILL');
    await parent;
    await waitFor(async () => (await running()) === '');
    expect(await running()).toBe('');
  });

  it('kills a tool that outlives its timeout', async () => {
    const started = Date.now();
    const r = await runTool('gst-launch-1.0', ['-q', 'videotestsrc', 'is-live=true', '!', 'fakesink'], { env, timeoutMs: 300 }).done;
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeUndefined();
    expect(r.failure).toBe('killed by SIGKILL');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('kill() ends it early and says it was stopped', async () => {
    const tool = runTool('gst-launch-1.0', ['-q', 'videotestsrc', 'is-live=true', '!', 'fakesink'], { env, timeoutMs: 30_000 });
    setTimeout(tool.kill, 100);
    const r = await tool.done;
    expect(r).toMatchObject({ exitCode: undefined, timedOut: false, failure: 'stopped' });
  });
});
