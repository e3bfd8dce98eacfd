// A job's events as Server-Sent Events: each NDJSON event as `event: <type>` with an id, replayed
// from Last-Event-ID, live until the job ends; then one `end` event with the job record.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Job, SequencedEvent } from './job.js';

const HEARTBEAT_MS = 15_000;

export function streamJobEvents(req: IncomingMessage, res: ServerResponse, job: Job): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  const write = (e: SequencedEvent) => res.write(formatEvent(e.event.type, e.event, e.id));
  const afterId = Number(req.headers['last-event-id'] ?? 0) || 0;
  const unsubscribe = job.subscribe(write, afterId);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const close = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  res.once('close', close);
  void job.ended.then(() => {
    if (res.writableEnded) return;
    res.write(formatEvent('end', job.toRecord()));
    close();
    res.end();
  });
}

// One SSE message; data is one line of JSON (JSON never contains a raw newline).
export function formatEvent(type: string, data: unknown, id?: number): string {
  const name = type.replace(/[\r\n]/g, ' ');
  return `${id !== undefined ? `id: ${id}\n` : ''}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
