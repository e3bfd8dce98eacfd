// A new job is one spec and one registry entry: a toy job, loaded by the built CLI from LYDLR_JOBS,
// appears in --help, runs, is checked by doctor, and is a REST route with an OpenAPI body, with no
// other wiring. Without LYDLR_JOBS none of it exists.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { cli } from '../helpers/cli.js';
import { startJsonCli } from '../helpers/ndjson-process.js';

const TOY = fileURLToPath(new URL('../fixtures/jobs/toy-job.mjs', import.meta.url));
const withToy = { env: { LYDLR_JOBS: TOY } };

describe('a job added by its spec alone (LYDLR_JOBS)', () => {
  it('is a command with its own --help, and runs', async () => {
    const help = await cli(['--help'], withToy);
    expect(help.stdout).toMatch(/^\s+toy \[options\]\s+count test frames through fakesink/m);
    const own = await cli(['toy', '--help'], withToy);
    expect(own.stdout).toContain('--frames <n>');
    expect(own.stdout).toContain('$ lydlr-gst toy --frames 5');
    const run = await cli(['--json', 'toy', '--frames', '7'], withToy);
    expect(run.exitCode).toBe(0);
    expect(run.result).toMatchObject({ ok: true, command: 'toy', frames: 7, eos: true });
    const bad = await cli(['toy', '--frames', 'many'], withToy);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--frames must be a whole number above 0, got "many"');
  });

  it('is absent without LYDLR_JOBS', async () => {
    expect((await cli(['--help'])).stdout).not.toMatch(/^\s+toy /m);
    const r = await cli(['toy']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown command 'toy'");
  });

  it('has a doctor row from its declared needs', async () => {
    const all = await cli(['--json', 'doctor'], withToy);
    const row = (all.result?.checks as { id: string; verdict: string; details: string[] }[]).find((c) => c.id === 'command:toy');
    expect(row).toMatchObject({ verdict: 'ok' });
    expect(row!.details).toContain('✓ a test source into fakesink: videotestsrc, fakesink');
    const scoped = await cli(['--json', 'doctor', '--for', 'toy'], withToy);
    expect(scoped.exitCode).toBe(0);
    expect(scoped.result).toMatchObject({ scope: 'toy' });
  });

  it('is a REST route with a typed body and an OpenAPI entry, and the job runs', async () => {
    const serve = startJsonCli(['serve', '--port', '0'], withToy);
    try {
      const ready = await serve.waitFor((e) => e.type === 'ready', 30_000, 'serve ready');
      const base = String(ready.url);
      const doc = (await (await fetch(`${base}openapi.json`)).json()) as { paths: Record<string, Record<string, { requestBody?: unknown }>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
      const post = doc.paths['/api/gstreamer/pipeline/toy/']?.post;
      expect(post).toBeDefined();
      expect(Object.keys(doc.components.schemas.ToyBody?.properties ?? {})).toEqual(['frames']);
      const json = { 'content-type': 'application/json' };
      const ok = await fetch(`${base}pipeline/toy/`, { method: 'POST', headers: json, body: JSON.stringify({ frames: 4 }) });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ type: 'result', ok: true, command: 'toy', frames: 4 });
      const refused = await fetch(`${base}pipeline/toy/`, { method: 'POST', headers: json, body: JSON.stringify({ frames: 0 }) });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(await refused.json())).toContain('--frames must be a whole number above 0');
    } finally {
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    }
  });
});
