// Query strings checked by a zod object (an unknown parameter is a 400, like an unknown flag).
import { z } from 'zod';
import { ApiError, type FieldIssue } from './api-error.js';

export function parseQuery<Q extends z.ZodObject>(schema: Q, query: URLSearchParams): z.output<Q> {
  const parsed = schema.safeParse(Object.fromEntries(query));
  if (parsed.success) return parsed.data;
  const issues: FieldIssue[] = parsed.error.issues.map((i) => {
    const field = i.code === 'unrecognized_keys' ? i.keys.join(', ') : i.path.map(String).join('.');
    return { ...(field ? { field } : {}), message: i.message };
  });
  throw new ApiError(400, `Invalid query: ${issues.map((i) => `${i.field ?? ''} ${i.message}`.trim()).join('; ')}.`, { name: 'InvalidQuery', issues });
}

/** The body of every refusal made by the API itself (404, 405, 400, 401, 413…). */
export const errorBodySchema = z.object({
  ok: z.literal(false),
  error: z.looseObject({
    name: z.string(),
    message: z.string(),
    fix: z.string().optional(),
    issues: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
  }),
});
