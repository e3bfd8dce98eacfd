import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readJsonBody } from '../../../src/api/body.js';

const request = (chunks: string[], headers: Record<string, string> = { 'content-type': 'application/json' }): IncomingMessage =>
  Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { headers }) as unknown as IncomingMessage;

const statusOf = async (p: Promise<unknown>): Promise<number> => p.then(() => 0, (e: { status: number }) => e.status);

describe('readJsonBody', () => {
  it('an object, in any number of chunks; an empty body is {}', async () => {
    await expect(readJsonBody(request(['{"input":', ' "a.mp4"}']), 100)).resolves.toEqual({ input: 'a.mp4' });
    await expect(readJsonBody(request([]), 100)).resolves.toEqual({});
    await expect(readJsonBody(request(['{}'], {}), 100)).resolves.toEqual({});
    await expect(readJsonBody(request(['{}'], { 'content-type': 'application/merge-patch+json' }), 100)).resolves.toEqual({});
  });

  it('bad JSON and anything but an object are 400', async () => {
    expect(await statusOf(readJsonBody(request(['{"input": ']), 100))).toBe(400);
    expect(await statusOf(readJsonBody(request(['[1, 2]']), 100))).toBe(400);
    expect(await statusOf(readJsonBody(request(['"text"']), 100))).toBe(400);
    expect(await statusOf(readJsonBody(request(['null']), 100))).toBe(400);
  });

  it('past the limit is 413, declared or streamed', async () => {
    expect(await statusOf(readJsonBody(request(['{}'], { 'content-type': 'application/json', 'content-length': '5000' }), 100))).toBe(413);
    expect(await statusOf(readJsonBody(request(['{"a": "', 'x'.repeat(80), 'y'.repeat(80), '"}']), 100))).toBe(413);
    await expect(readJsonBody(request([`{"a": "${'x'.repeat(95)}"}`]), 100)).rejects.toMatchObject({ status: 413, details: { headers: { connection: 'close' } } });
  });

  it('another content type is 415', async () => {
    expect(await statusOf(readJsonBody(request(['a=b'], { 'content-type': 'application/x-www-form-urlencoded' }), 100))).toBe(415);
  });
});
