// The API's own routes: an index of every route, and the OpenAPI document.
import { z } from 'zod';
import { BASE_PATH, type Api } from './api.js';
import { openApiDocument } from './openapi.js';
import { parseQuery } from './query.js';
import { sendJson } from './respond.js';
import type { Route } from './router.js';

const noQuery = z.object({}).strict();

// `routes` is the whole table, filled in by the server once every area has added its own.
export function metaRoutes(api: Api, routes: () => readonly Route[]): Route[] {
  return [
    {
      method: 'GET', path: `${BASE_PATH}/`,
      doc: { operationId: 'index', tag: 'meta', summary: 'What this server offers: every route, and where the OpenAPI document is', query: noQuery,
        responses: { 200: { description: 'name, version and routes', schema: z.object({ name: z.string(), version: z.string(), openapi: z.string(), routes: z.array(z.object({ method: z.string(), path: z.string(), summary: z.string() })) }) } } },
      handler: async (c) => {
        parseQuery(noQuery, c.query);
        sendJson(c.res, 200, { name: 'lydlr-gst', version: api.version, openapi: `${BASE_PATH}/openapi.json`, routes: routes().map((r) => ({ method: r.method, path: r.path, summary: r.doc.summary })) });
      },
    },
    {
      method: 'GET', path: `${BASE_PATH}/openapi.json`,
      doc: { operationId: 'openapi', tag: 'meta', summary: 'This document: OpenAPI 3.1, generated from the routes and the commands\' zod schemas', query: noQuery,
        responses: { 200: { description: 'the OpenAPI document' } } },
      handler: async (c) => {
        parseQuery(noQuery, c.query);
        sendJson(c.res, 200, openApiDocument(routes(), { version: api.version, token: api.options.token !== undefined }));
      },
    },
  ];
}
