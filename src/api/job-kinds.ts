// The jobs the API starts: every job of the registry that has an API part, all alike (the route,
// the body's fields and checks from the job's spec). The work itself is always the CLI in a child process.
import { allJobs } from '../jobs/index.js';
import type { ApiBody, ApiSpec, JobSpec } from '../jobs/spec.js';
import { bodySchema, positionalFields, type PositionalField } from './job-body.js';
import type { z } from 'zod';

export interface JobKind extends ApiBody {
  name: string;
  path: string;
  summary: string;
  tag: ApiSpec['tag'];
  /** The CLI words. */
  command: readonly string[];
  spec: JobSpec;
  positionals: PositionalField[];
  /** The whole body as a strict zod object. */
  bodySchema: z.ZodObject;
}

// Loads the API part of every job (their option schemas) and makes each body schema once.
export async function loadJobKinds(jobs: readonly JobSpec[] = allJobs()): Promise<JobKind[]> {
  const withApi = jobs.filter((spec): spec is JobSpec & { api: ApiSpec } => spec.api !== undefined);
  return Promise.all(withApi.map(async (spec) => {
    const body = await spec.api.body();
    const positionals = positionalFields(spec, body.extraArgs);
    const { kind, path, summary, tag } = spec.api;
    return { ...body, name: kind, path, summary, tag, command: spec.command, spec, positionals, bodySchema: bodySchema(spec, body, positionals) };
  }));
}
