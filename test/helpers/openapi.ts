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
