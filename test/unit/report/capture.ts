// A writable stream that keeps what was written, for reporters under test.
import { Writable } from 'node:stream';

export interface Captured {
  stream: Writable;
  text: () => string;
}

export function capture(): Captured {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}
