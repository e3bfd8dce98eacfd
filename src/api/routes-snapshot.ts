// GET /snapshot?source=…&at=…: the picture itself, for an <img src> on a dashboard. It runs the snapshot
// job like POST does (a CLI child, in the job list), into a private temporary folder, then sends the
// bytes and removes the folder. The source is confined to --root like every path. `input=` is the older
// name of `source=` and still accepted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ApiError, statusForExitCode } from './api-error.js';
import { BASE_PATH, type Api } from './api.js';
import { errorBodySchema, parseQuery } from './query.js';
import { displayCommand } from './routes-jobs.js';
import type { Route, RouteContext } from './router.js';

const FORMATS = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
const number = (what: string) => z.string().regex(/^\d+(\.\d+)?$|^\d+:\d\d(:\d\d(\.\d+)?)?$/, { error: `must be ${what}` });

const SOURCE_HELP = 'a file (inside --root), test[:PATTERN], /dev/videoN or rtsp://… (network inputs need --allow-network-inputs)';

const snapshotQuery = z
  .object({
    source: z.string().min(1).optional().describe(`${SOURCE_HELP}; required (or its older name, input)`),
    input: z.string().min(1).optional().describe('the older name of source'),
    at: number('a time such as 12.5 or 00:01:02').optional().describe('seconds into a file, or HH:MM:SS'),
    width: z.string().regex(/^\d+$/, { error: 'must be a whole number' }).optional(),
    height: z.string().regex(/^\d+$/, { error: 'must be a whole number' }).optional(),
    format: z.enum(['jpg', 'png', 'webp']).default('jpg'),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.source === undefined && q.input === undefined) ctx.addIssue({ code: 'custom', path: ['source'], message: 'is required: the file or live source to take the picture from' });
    if (q.source !== undefined && q.input !== undefined) ctx.addIssue({ code: 'custom', path: ['input'], message: 'is the older name of source: give one of them' });
  });

export function snapshotRoutes(api: Api): Route[] {
  return [
    {
      method: 'GET', path: `${BASE_PATH}/snapshot`,
      doc: { operationId: 'getSnapshot', tag: 'pipelines', query: snapshotQuery,
        summary: 'One picture from a file at a time, or from a live source now: the image bytes (the same job as POST pipeline/snapshot/)',
        responses: {
          200: { description: 'the picture (image/jpeg, image/png or image/webp)', contentType: 'image/jpeg' },
          400: { description: 'a bad query, or a time past the end of the file', schema: errorBodySchema },
          403: { description: 'a source outside serve\'s --root', schema: errorBodySchema },
        } },
      handler: (c) => sendSnapshot(api, c),
    },
  ];
}

async function sendSnapshot(api: Api, c: RouteContext): Promise<void> {
  const q = parseQuery(snapshotQuery, c.query);
  const field = q.source !== undefined ? 'source' : 'input';
  const input = api.paths.inputSpec(field, (q.source ?? q.input)!);
  const dir = mkdtempSync(join(tmpdir(), 'lydlr-snapshot-'));
  try {
    const output = join(dir, `snapshot.${q.format}`);
    const flags = [...(q.at ? ['--at', q.at] : []), ...(q.width ? ['--width', q.width] : []), ...(q.height ? ['--height', q.height] : [])];
    const args = ['--json', 'snapshot', ...flags, '--', input, output];
    const job = api.jobs.create('snapshot', args, displayCommand(args), {});
    c.res.once('close', () => {
      if (!c.res.writableFinished && !job.final) void api.jobs.stop(job);
    });
    await job.ended;
    const result = job.toRecord().result;
    if (!result?.ok) {
      const exitCode = typeof result?.exitCode === 'number' ? result.exitCode : 1;
      const error = (result?.error ?? {}) as { message?: string; fix?: string };
      throw new ApiError(statusForExitCode(exitCode), error.message ?? 'The snapshot failed.', { name: 'SnapshotFailed', ...(error.fix ? { fix: error.fix } : {}), data: { job: job.toRecord().links.self } });
    }
    const bytes = readFileSync(output);
    c.res.writeHead(200, { 'content-type': FORMATS[q.format], 'content-length': String(bytes.length), 'cache-control': 'no-store' });
    c.res.end(bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
