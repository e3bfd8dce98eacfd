// Validates an OpenAPI document with a real parser: @seriousme/openapi-schema-validator (the
// official OpenAPI 3.0/3.1 JSON Schemas), from the npm registry like every other dev dependency.
import { Validator } from '@seriousme/openapi-schema-validator';

// Resolves '' when valid, else the validator's first complaint.
export async function openApiProblems(doc: unknown): Promise<string> {
  const result = await new Validator().validate(doc as Record<string, unknown>);
  if (result.valid) return '';
  const first = Array.isArray(result.errors) ? result.errors[0] : result.errors;
  return typeof first === 'string' ? first : JSON.stringify(first);
}

// Every $ref points at a schema the document has.
export function unresolvedRefs(doc: Record<string, unknown>): string[] {
  const missing: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string') {
        const target = v.replace(/^#\//, '').split('/').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], doc);
        if (target === undefined) missing.push(v);
      } else {
        visit(v);
      }
    }
  };
  visit(doc);
  return missing;
}

// The API's routes, written out by hand so the document and the server are checked against
// something they were not generated from.
export const API_ROUTES: readonly string[] = [
  'GET /api/gstreamer/', 'GET /api/gstreamer/openapi.json',
  'GET /api/gstreamer/status/', 'GET /api/gstreamer/health/', 'GET /api/gstreamer/diagnostics/',
  'GET /api/gstreamer/plugins/', 'GET /api/gstreamer/plugins/{name}/', 'GET /api/gstreamer/deepstream/status/',
  'POST /api/gstreamer/pipeline/compression/', 'POST /api/gstreamer/pipeline/hls/', 'POST /api/gstreamer/pipeline/rtsp/',
  'POST /api/gstreamer/pipeline/webrtc/', 'POST /api/gstreamer/pipeline/record/', 'POST /api/gstreamer/pipeline/snapshot/', 'POST /api/gstreamer/pipeline/thumbnails/', 'POST /api/gstreamer/deepstream/inference/', 'POST /api/gstreamer/test-pipeline/',
  'POST /api/gstreamer/probe/', 'GET /api/gstreamer/probe/',
  'GET /api/gstreamer/snapshot', 'GET /api/gstreamer/jobs/', 'GET /api/gstreamer/jobs/{id}/', 'DELETE /api/gstreamer/jobs/{id}/', 'GET /api/gstreamer/jobs/{id}/events', 'GET /api/gstreamer/jobs/{id}/graph.svg',
  'GET /metrics',
];

// The routes serve adds with --redis.
export const QUEUE_ROUTES: readonly string[] = [
  'POST /api/gstreamer/queue/', 'GET /api/gstreamer/queue/', 'POST /api/gstreamer/queue/retry/', 'POST /api/gstreamer/queue/clean/',
];

// Each job route and the CLI words of the command it runs.
export const JOB_ROUTES: readonly { path: string; command: readonly string[] }[] = [
  { path: '/api/gstreamer/pipeline/compression/', command: ['compress'] },
  { path: '/api/gstreamer/pipeline/hls/', command: ['hls'] },
  { path: '/api/gstreamer/pipeline/rtsp/', command: ['rtsp'] },
  { path: '/api/gstreamer/pipeline/webrtc/', command: ['webrtc'] },
  { path: '/api/gstreamer/deepstream/inference/', command: ['deepstream', 'inference'] },
  { path: '/api/gstreamer/test-pipeline/', command: ['test'] },
  { path: '/api/gstreamer/pipeline/record/', command: ['record'] },
  { path: '/api/gstreamer/probe/', command: ['probe'] },
  { path: '/api/gstreamer/pipeline/snapshot/', command: ['snapshot'] },
  { path: '/api/gstreamer/pipeline/thumbnails/', command: ['thumbnails'] },
];
