// Server and publisher events → the reporter: NDJSON records with --json, short lines otherwise.
import type { JobContext } from '../jobs/context.js';
import type { AppEvent, LogLevel } from './reporter.js';
import type { PublisherEvent } from '../jobs/rtsp/republisher.js';
import type { RtspServerEvent } from '../jobs/rtsp/rtsp-host.js';
import { formatBytes } from './format.js';

// --json: the event (with a human `message`); people: an info line, or a warning/error line.
export function tell(ctx: JobContext, event: AppEvent & { message: string }, level: LogLevel = 'info'): void {
  if (ctx.options.json || level === 'info') return ctx.reporter.event(event);
  ctx.reporter.observe?.(event);
  ctx.reporter.log(level, event.message);
}

export function reportServerEvent(ctx: JobContext, event: RtspServerEvent, everywhere = false): void {
  switch (event.type) {
    case 'ready':
      return tell(ctx, { ...event, message: `Serving ${event.url}${everywhere ? ' (listening on every interface)' : ''}` });
    case 'client-connected':
    case 'client-disconnected': {
      const verb = event.type === 'client-connected' ? 'connected' : 'disconnected';
      return tell(ctx, { ...event, message: `client ${peer(event)} ${verb}` });
    }
    case 'media-eos':
      return tell(ctx, { ...event, message: `${event.mount}: the input ended; clients got end-of-stream` });
    case 'media-prepared':
      return tell(ctx, { ...event, message: `${event.mount}: pipeline started` }, 'debug');
    case 'media-error':
      return tell(ctx, { ...event, message: `${event.mount ?? 'media'}: ${event.element ? `${event.element}: ` : ''}${event.message}` }, 'error');
    case 'server-stats': {
      const text = statsLine(event);
      if (ctx.options.json) return ctx.reporter.event({ ...event, message: text });
      ctx.reporter.event({ type: 'status', message: text });
      return ctx.reporter.log('debug', text);
    }
  }
}

export function reportPublisherEvent(ctx: JobContext, event: PublisherEvent): void {
  switch (event.type) {
    case 'publishing':
      return tell(ctx, { ...event, message: `Publishing to ${event.url}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}` });
    case 'reconnecting':
      return tell(ctx, { ...event, message: `${event.reason} — reconnecting in ${(event.delayMs / 1000).toFixed(1)} s` }, 'warn');
    case 'restarting':
      return tell(ctx, { ...event, message: 'the input ended: starting it again (--loop)' });
  }
}

function peer(event: { address: string; port?: number | null | undefined }): string {
  return event.port ? `${event.address}:${event.port}` : event.address;
}

export function statsLine(event: Extract<RtspServerEvent, { type: 'server-stats' }>): string {
  const rate = event.bitrateKbps !== null ? ` · ${(event.bitrateKbps / 1000).toFixed(2)} Mbit/s` : '';
  return `${event.clients} client${event.clients === 1 ? '' : 's'}${rate} · ${formatBytes(event.bytes)} sent · up ${Math.round(event.uptimeSeconds)} s`;
}


// The closing line of a server run.
export function servedLine(urls: string[], uptimeSeconds: number, clientsServed: number, bytes: number): string {
  return `✓ Served ${urls.join(', ')} for ${uptimeSeconds} s: ${clientsServed} client${clientsServed === 1 ? '' : 's'}, ${formatBytes(bytes)} sent`;
}

// The closing line of a publish run.
export function publishedLine(url: string, how: string, reconnects: number): string {
  return `✓ Published to ${url} (${how}; ${reconnects} reconnect${reconnects === 1 ? '' : 's'})`;
}
