// The OpenAPI 3.1 document, generated from the route table and its zod schemas (request bodies come
// from the commands' own option tables and job schemas): nothing is written twice.
import { z } from 'zod';
import { gstEventSchema } from '../gst/launch/events.js';
import { jobListSchema, jobSchema, resultRecordSchema } from './job-schema.js';
import { errorBodySchema } from './query.js';
import type { ResponseDoc } from './route-doc.js';
import type { Route } from './router.js';

export interface OpenApiInfo {
  version: string;
  /** serve was started with --token: every operation needs the bearer token. */
  token: boolean;
}

type JsonSchema = Record<string, unknown>;

export function openApiDocument(routes: readonly Route[], info: OpenApiInfo): Record<string, unknown> {
  const components = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const doc = route.doc;
    const parameters = [...pathParameters(route.path), ...queryParameters(doc.query)];
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: doc.operationId,
      summary: doc.summary,
      ...(doc.description ? { description: doc.description } : {}),
      tags: [doc.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: components.ref(`${pascal(doc.operationId.replace(/^start/, ''))}Body`, doc.body, 'input') } } } } : {}),
      responses: Object.fromEntries(Object.entries(doc.responses).map(([code, r]) => [code, response(components, r)])),
      // The token is optional here: without it the answer says less.
      ...(info.token && route.anonymous ? { security: [{}, { bearer: [] }] } : {}),
    };
  }
  components.ref('GstEvent', gstEventSchema, 'output');
  return {
    openapi: '3.1.0',
    info: {
      title: 'lydlr-gst REST API',
      version: info.version,
      description: 'The lydlr-gst commands as HTTP endpoints (`lydlr-gst serve`). Read-only endpoints answer with the same object as the command\'s `--json` result line; jobs run the CLI itself as child processes. Every path also works without its trailing slash.',
    },
    servers: [{ url: '/' }],
    tags: ['health', 'plugins', 'pipelines', 'deepstream', 'jobs', 'queue', 'meta'].map((name) => ({ name })),
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the token given to `lydlr-gst serve --token` (or LYDLR_API_TOKEN)' } },
    },
    ...(info.token ? { security: [{ bearer: [] }] } : {}),
  };
}

// Named schemas, converted once; routes refer to them with $ref.
class Components {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly names = new Map<z.ZodType, string>();

  ref(name: string, schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const known = this.names.get(schema);
    if (known) return { $ref: `#/components/schemas/${known}` };
    let unique = name;
    for (let i = 2; unique in this.schemas; i++) unique = `${name}${i}`;
    this.names.set(schema, unique);
    this.schemas[unique] = toJsonSchema(schema, io);
    return { $ref: `#/components/schemas/${unique}` };
  }
}

/** Response schemas filed under a name (the rest are written inline). */
const NAMED = new Map<z.ZodType, string>([[jobSchema, 'Job'], [jobListSchema, 'JobList'], [resultRecordSchema, 'ResultRecord'], [errorBodySchema, 'ApiError']]);

function response(components: Components, r: ResponseDoc): Record<string, unknown> {
  const headers = r.headers ? Object.fromEntries(Object.entries(r.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) : undefined;
  const contentType = r.contentType ?? 'application/json';
  const name = r.schema ? NAMED.get(r.schema) : undefined;
  // A body that is not JSON (events, pictures) is documented by its media type, as a string.
  const schema = r.schema ? (name ? components.ref(name, r.schema, 'output') : toJsonSchema(r.schema, 'output')) : contentType !== 'application/json' ? { type: 'string' } : undefined;
  return {
    description: r.description,
    ...(headers ? { headers } : {}),
    ...(schema ? { content: { [contentType]: { schema } } } : {}),
  };
}

function pathParameters(path: string): JsonSchema[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
}

function queryParameters(query: z.ZodObject | undefined): JsonSchema[] {
  if (!query) return [];
  const json = toJsonSchema(query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: 'query', required: json.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest };
  });
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return json;
}

const pascal = (s: string): string => s.replace(/(^|[-_])([a-z])/g, (_, __, c: string) => c.toUpperCase());
