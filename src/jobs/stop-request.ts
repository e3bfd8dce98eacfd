// A request to stop a job, as AbortSignals: the first request asks for a graceful stop (EOS, files
// finalised), a second one for a hard stop (kill now). Whoever owns the job may request it.
export type StopHandler = (hard: boolean, reason: string) => void;

export class StopRequest {
  private readonly graceful = new AbortController();
  private readonly hardStop = new AbortController();
  private listeners = 0;

  /** Aborted by the first request: stop gracefully. */
  get signal(): AbortSignal {
    return this.graceful.signal;
  }

  /** Aborted by the second request: stop at once. */
  get hardSignal(): AbortSignal {
    return this.hardStop.signal;
  }

  get requested(): boolean {
    return this.graceful.signal.aborted;
  }

  /** True while some part of the job acts on requests (otherwise the CLI exits on Ctrl-C). */
  get handled(): boolean {
    return this.listeners > 0;
  }

  request(reason = 'stop'): void {
    if (!this.graceful.signal.aborted) this.graceful.abort(reason);
    else if (!this.hardStop.signal.aborted) this.hardStop.abort(reason);
  }

  /** Calls `handler` on each request (at once for one already made); returns the unsubscribe. */
  onStop(handler: StopHandler): () => void {
    const onGraceful = () => handler(false, String(this.graceful.signal.reason));
    const onHard = () => handler(true, String(this.hardStop.signal.reason));
    this.listeners += 1;
    if (this.graceful.signal.aborted) onGraceful();
    else this.graceful.signal.addEventListener('abort', onGraceful, { once: true });
    if (this.hardStop.signal.aborted) onHard();
    else this.hardStop.signal.addEventListener('abort', onHard, { once: true });
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.listeners -= 1;
      this.graceful.signal.removeEventListener('abort', onGraceful);
      this.hardStop.signal.removeEventListener('abort', onHard);
    };
  }
}
