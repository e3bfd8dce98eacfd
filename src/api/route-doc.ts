// What a route tells the OpenAPI document: zod schemas for its query, body and answers.
import type { z } from 'zod';

export interface ResponseDoc {
  description: string;
  /** JSON body; omitted for bodies that are not JSON (SSE) or have no schema. */
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteDoc {
  operationId: string;
  summary: string;
  description?: string;
  tag: 'health' | 'plugins' | 'pipelines' | 'jobs' | 'deepstream' | 'queue' | 'meta';
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, ResponseDoc>;
}
