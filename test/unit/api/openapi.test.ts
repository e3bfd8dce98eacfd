// The OpenAPI document made from the route table: valid (a real validator), every route in it,
// request bodies generated from the commands' own options.
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../src/api/api.js';
import { JOB_KIND_TABLE } from '../../../src/api/job-kinds.js';
import { openApiDocument } from '../../../src/api/openapi.js';
import { PathGuard } from '../../../src/api/paths.js';
import { apiRoutes } from '../../../src/api/server.js';
import { buildProgram } from '../../../src/cli/program.js';
import { openApiProblems, unresolvedRefs } from '../../helpers/openapi.js';

const api = { program: buildProgram(), paths: new PathGuard(undefined), options: {}, version: '9.9.9' } as unknown as Api;
const routes = apiRoutes(api);
type Doc = { paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>>; components: { schemas: Record<string, { properties: Record<string, unknown> }> }; security?: unknown };

describe('openApiDocument', () => {
  it.each([false, true])('is a valid OpenAPI 3.1 document (token %s)', async (token) => {
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

  it('lists every route under its canonical path, with unique operation ids', () => {
    const doc = openApiDocument(routes, { version: '9.9.9', token: false }) as unknown as Doc;
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('each job route\'s body is generated from its command: every long option is a property', () => {
    const doc = openApiDocument(routes, { version: '9.9.9', token: false }) as unknown as Doc;
    for (const kind of JOB_KIND_TABLE) {
      const ref = doc.paths[`/api/gstreamer${kind.path}`]!.post!.requestBody!.content['application/json']!.schema.$ref;
      const properties = Object.keys(doc.components.schemas[ref.split('/').pop()!]!.properties);
      expect(properties, kind.name).toEqual(expect.arrayContaining(kind.name === 'test-pipeline' ? ['pipeline', 'timeout'] : ['input']));
    }
    expect(Object.keys(doc.components.schemas.CompressionBody!.properties)).toEqual(expect.arrayContaining(['input', 'output', 'codec', 'level', 'bitrate', 'outputDir', 'overwrite', 'dryRun']));
    expect(Object.keys(doc.components.schemas.HlsBody!.properties)).toEqual(expect.arrayContaining(['outputDir', 'segmentDuration', 'live', 'playlistLength', 'serve']));
  });
});
