// Splits a byte stream into lines on \n, \r\n or \r (gst-launch ends position lines with \r).
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    const text = this.rest + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (i > start) this.onLine(text.slice(start, i));
      // \r\n counts as one break; an empty line between breaks carries nothing.
      start = i + 1;
    }
    this.rest = text.slice(start);
  }

  end(): void {
    const tail = this.rest + this.decoder.end();
    this.rest = '';
    if (tail.length > 0) this.onLine(tail);
  }
}
