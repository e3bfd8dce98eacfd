// The one-way data flow, checked on the sources: jobs know nothing of the CLI, the API nothing of
// commander, and only src/process starts child processes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const sources = files(SRC).map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('the layers of src/', () => {
  it('no job imports the CLI', () => {
    const offenders = sources.filter((f) => f.path.startsWith('jobs/') && importsOf(f.text).some((i) => /(^|\/)cli\//.test(i)));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('the REST API imports neither commander nor the CLI', () => {
    const offenders = sources.filter((f) => f.path.startsWith('api/') && importsOf(f.text).some((i) => i === 'commander' || /(^|\/)cli\//.test(i)));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('only src/process starts child processes', () => {
    const offenders = sources.filter((f) => !f.path.startsWith('process/') && importsOf(f.text).some((i) => i === 'node:child_process' || i === 'child_process' || i === 'execa'));
    expect(offenders.map((f) => f.path)).toEqual([]);
  });

  it('every job folder exports its spec from index.ts, and the registry lists it', async () => {
    const folders = readdirSync(join(SRC, 'jobs')).filter((d) => statSync(join(SRC, 'jobs', d)).isDirectory());
    const { BUILTIN_JOBS } = await import('../../src/jobs/index.js');
    for (const folder of folders) {
      const mod = (await import(/* @vite-ignore */ pathToFileURL(join(SRC, 'jobs', folder, 'index.ts')).href)) as Record<string, unknown>;
      const specs = Object.values(mod).filter((v) => typeof v === 'object' && v !== null && 'command' in v && 'load' in v);
      expect(specs, folder).toHaveLength(1);
      expect(BUILTIN_JOBS, folder).toContain(specs[0]);
    }
  });
});
