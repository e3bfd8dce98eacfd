// Reads a JSON request body with a size limit: 413 past it, 415 for another content type, 400 for
// bad JSON or anything but an object. An empty body reads as {}.
import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export async function readJsonBody(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) {
    req.resume();
    throw new ApiError(415, `The body must be JSON (Content-Type: application/json), got ${type}.`, { name: 'UnsupportedMediaType' });
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(req, limit);
  const text = await readLimited(req, limit);
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, `The body is not valid JSON: ${(error as Error).message}.`, { name: 'InvalidJson' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiError(400, 'The body must be a JSON object of options, e.g. {"input": "in.mp4", "output": "out.webm"}.', { name: 'InvalidBody' });
  }
  return value as Record<string, unknown>;
}

function readLimited(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        reject(tooLarge(req, limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

// The rest of the upload is drained (not read) so the client sees the 413 rather than a reset.
function tooLarge(req: IncomingMessage, limit: number): ApiError {
  req.resume();
  return new ApiError(413, `The body is larger than ${limit} bytes.`, { name: 'PayloadTooLarge', fix: 'Send only the options (paths, not file contents), or start serve with a larger --max-body.', headers: { connection: 'close' } });
}
