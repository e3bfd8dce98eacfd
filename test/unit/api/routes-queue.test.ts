// The queue routes' request handling without Redis: a body becomes the job's own command-line words
// (what `queue add` parses), bad bodies are refused before anything is enqueued.
import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Api, QueueAccess } from '../../../src/api/api.js';
import { loadJobKinds } from '../../../src/api/job-kinds.js';
import { PathGuard } from '../../../src/api/paths.js';
import { queueRoutes } from '../../../src/api/routes-queue.js';
import type { JobSpec } from '../../../src/jobs/spec.js';

const api = { kinds: await loadJobKinds(), paths: new PathGuard('/', '/'), options: { bodyLimit: 10_000 } } as unknown as Api;

interface Added {
  command: readonly string[];
  words: string[];
  options: Record<string, unknown>;
}

// A QueueAccess that records what it was asked to enqueue.
function recorder(): { access: QueueAccess; added: Added[] } {
  const added: Added[] = [];
  const access: QueueAccess = {
    target: { url: 'redis://127.0.0.1:1', queue: 'q' },
    add: async (spec: JobSpec, words, options) => {
      added.push({ command: spec.command, words, options });
      return [{ id: 'compress-x', input: '/media/in.mp4', added: true }];
    },
  };
  return { access, added };
}

// POSTs a JSON body to the add route; resolves the status and parsed answer (or the thrown ApiError).
async function postAdd(access: QueueAccess, body: unknown): Promise<{ status: number; body: Record<string, any> }> {
  const route = queueRoutes(api, access).find((r) => r.method === 'POST' && r.path.endsWith('/queue/'))!;
  const req = Object.assign(Readable.from([Buffer.from(JSON.stringify(body))]), { headers: { 'content-type': 'application/json' } }) as unknown as IncomingMessage;
  let answer = { status: 0, body: {} as Record<string, any> };
  const res = { writeHead: (status: number) => (answer.status = status), end: (text: string) => (answer.body = JSON.parse(text)) } as unknown as ServerResponse;
  try {
    await route.handler({ req, res, params: {}, query: new URLSearchParams(), authorized: true });
  } catch (error) {
    const e = error as { status: number; message: string; details: { issues?: unknown } };
    answer = { status: e.status, body: { message: e.message, issues: e.details.issues } };
  }
  return answer;
}

describe('POST queue/', () => {
  it('hands the job body to the queue as the compress command line: flags as --name=value, paths made absolute, inputs after "--"', async () => {
    const { access, added } = recorder();
    const answer = await postAdd(access, { priority: 2, job: { input: ['media/a b.mp4', 'media/c=d!.mp4'], outputDir: 'media/out', codec: 'h265', preset: 'fast' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: 'result', ok: true, command: 'queue add', queue: 'q', added: 1 });
    expect(added).toHaveLength(1);
    expect(added[0]!.command).toEqual(['compress']);
    expect(added[0]!.options).toEqual({ priority: 2, dryRun: undefined, cwd: '/' });
    const words = added[0]!.words;
    expect(words.slice(words.indexOf('--'))).toEqual(['--', '/media/a b.mp4', '/media/c=d!.mp4']);
    expect(words.slice(0, words.indexOf('--')).sort()).toEqual(['--codec=h265', '--output-dir=/media/out', '--preset=fast']);
  });

  it.each([
    [{ job: { input: ['a.mp4'], outputDir: 'out', codec: 'mpeg9' } }, 'codec'],
    [{ kind: 'transmogrify', job: {} }, 'kind'],
    [{ job: { input: ['a.mp4'], outputDir: 'out' }, priority: 0 }, 'priority'],
    [{ job: { input: ['a.mp4'], outputDir: 'out' }, surprise: true }, 'surprise'],
  ])('%j is a 400 naming "%s", and nothing is enqueued', async (body, field) => {
    const { access, added } = recorder();
    const answer = await postAdd(access, body);
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(added).toEqual([]);
  });
});
