// --webhook URL: every event POSTed as JSON to each URL, in order and once (a URL's events queue
// behind each other; a failed POST is retried before the next one is sent), with a timeout per
// attempt and an HMAC-SHA256 of the body when LYDLR_WEBHOOK_SECRET is set. Nothing here is awaited
// by the media path: send() only queues.
import { createHmac } from 'node:crypto';
import type { HookEvent } from './hook-events.js';

export const WEBHOOK_SECRET_ENV = 'LYDLR_WEBHOOK_SECRET';
export const SIGNATURE_HEADER = 'x-lydlr-signature';

export interface WebhookOptions {
  urls: string[];
  jobCommand: string;
  secret?: string | undefined;
  timeoutMs?: number;
  /** Delays before each retry; its length is the number of retries. */
  retryDelaysMs?: number[];
  onFailure: (url: string, event: string, reason: string) => void;
}

export class WebhookSender {
  private readonly queues = new Map<string, Promise<void>>();
  private seq = 0;

  constructor(private readonly options: WebhookOptions) {
    for (const url of options.urls) this.queues.set(url, Promise.resolve());
  }

  send(event: HookEvent): void {
    const body = JSON.stringify({ event: event.event, seq: ++this.seq, time: new Date().toISOString(), command: this.options.jobCommand, ...event.facts });
    for (const [url, queue] of this.queues) this.queues.set(url, queue.then(() => this.deliver(url, event.event, body)));
  }

  /** Resolves when every queued event was delivered or given up on, or after `limitMs`. */
  async flush(limitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.queues.values()), new Promise((resolve) => (timer = setTimeout(resolve, limitMs)))]);
    clearTimeout(timer);
  }

  private async deliver(url: string, event: string, body: string): Promise<void> {
    const delays = this.options.retryDelaysMs ?? [500, 1000, 2000];
    let reason = '';
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, delays[attempt - 1]));
      try {
        const response = await fetch(url, { method: 'POST', headers: this.headers(event, body), body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
        await response.arrayBuffer();
        if (response.ok) return;
        reason = `HTTP ${response.status}`;
        if (response.status < 500 && response.status !== 429) break; // the receiver refuses it: retrying will not help
      } catch (error) {
        reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      }
    }
    this.options.onFailure(url, event, reason);
  }

  private headers(event: string, body: string): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-lydlr-event': event };
    if (this.options.secret) headers[SIGNATURE_HEADER] = `sha256=${createHmac('sha256', this.options.secret).update(body).digest('hex')}`;
    return headers;
  }
}
