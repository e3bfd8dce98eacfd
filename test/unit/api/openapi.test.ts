// The OpenAPI document made from the route table: valid (a real validator), every route of the API
// (a list written here), and each job body's properties equal to what the command's own --help offers.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../src/api/api.js';
import { openApiDocument } from '../../../src/api/openapi.js';
import { PathGuard } from '../../../src/api/paths.js';
import { apiRoutes } from '../../../src/api/server.js';
import { loadJobKinds } from '../../../src/api/job-kinds.js';
import { BIN } from '../../helpers/cli.js';
import { API_ROUTES, JOB_ROUTES, openApiProblems, unresolvedRefs } from '../../helpers/openapi.js';

const api = { kinds: await loadJobKinds(), paths: new PathGuard(undefined), options: {}, version: '9.9.9' } as unknown as Api;
const routes = apiRoutes(api);
type BodySchema = { properties: Record<string, unknown>; required?: string[] };
type Doc = { paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>>; components: { schemas: Record<string, BodySchema> }; security?: unknown };
const document = (): Doc => openApiDocument(routes, { version: '9.9.9', token: false }) as unknown as Doc;

interface Help {
  /** Long options as body fields: --output-dir → outputDir, --no-audio → audio; --help left out. */
  options: string[];
  required: string[];
  optional: string[];
}

// `lydlr-gst <words> --help` of the built CLI, as a user reads it (not the tables the document comes from).
async function helpOf(words: readonly string[]): Promise<Help> {
  const text = (await execa(process.execPath, [BIN, ...words, '--help'], { env: { NO_COLOR: '1', COLUMNS: '200' } })).stdout;
  const camel = (flag: string) => flag.replace(/^no-/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const options = [...text.matchAll(/^ {2}(?:-\w, )?--([a-z][\w-]*)/gm)].map((m) => camel(m[1]!)).filter((o) => o !== 'help');
  const usage = /^Usage: .*$/m.exec(text)![0];
  return {
    options: [...new Set(options)],
    required: [...usage.matchAll(/<(\w+)(?:\.\.\.)?>/g)].map((m) => m[1]!),
    optional: [...usage.matchAll(/\[(\w+)(?:\.\.\.)?\]/g)].map((m) => m[1]!).filter((a) => a !== 'options'),
  };
}

describe('openApiDocument', () => {
  it.each([false, true])('is a valid OpenAPI 3.1 document with every $ref resolved; "security" present exactly when token is %s', async (token) => {
    const doc = openApiDocument(routes, { version: '9.9.9', token });
    expect(await openApiProblems(doc)).toBe('');
    expect(unresolvedRefs(doc)).toEqual([]);
    expect('security' in doc).toBe(token);
  });

  it('the validator does reject a broken document (so the check above can fail)', async () => {
    const doc = openApiDocument(routes, { version: '9.9.9', token: false }) as unknown as Record<string, unknown>;
    expect(await openApiProblems({ ...doc, info: { title: 'no version' } })).not.toBe('');
    expect(await openApiProblems({ ...doc, paths: { '/x': { get: { responses: 'nope' } } } })).not.toBe('');
  });

  it('lists exactly the API\'s routes (method + path), with unique operation ids', () => {
    const doc = document();
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.sort()).toEqual([...API_ROUTES].sort());
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(JOB_ROUTES.map((r) => [r.path, r.command.join(' '), r] as const))('POST %s: the body\'s properties are the long options and arguments of `%s --help`, required as in its usage line', async (path, _words, route) => {
    const doc = document();
    const ref = doc.paths[path]!.post!.requestBody!.content['application/json']!.schema.$ref;
    const body = doc.components.schemas[ref.split('/').pop()!]!;
    const help = await helpOf(route.command);
    expect(help.options.length).toBeGreaterThan(0); // the help parser found the options at all
    // compress names its output in the usage as the last input; the body has a field for it.
    const expected = [...help.required, ...help.optional, ...help.options, ...(route.command[0] === 'compress' ? ['output'] : [])];
    expect(Object.keys(body.properties).sort()).toEqual([...new Set(expected)].sort());
    expect(body.required ?? []).toEqual(expect.arrayContaining(help.required));
    for (const optional of help.optional) expect(body.required ?? [], optional).not.toContain(optional);
  });
});
