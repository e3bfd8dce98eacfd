// LL-HLS blocking requests for --serve: a playlist request with _HLS_msn (and _HLS_part) is held until that
// segment or part is listed, and a request for a part file that does not exist yet (the preload hint) is
// held until it is written; past the timeout the answer is 503 (RFC 8216bis §6.2.5.2). The playlist then
// answered may be a delta update (_HLS_skip=YES).

export interface BlockingPlaylist {
  /** Segment `msn` (or its part `part`) is listed. */
  has(msn: number, part: number | undefined): boolean;
  /** The media sequence number of the segment being written. */
  readonly nextSequence: number;
  /** The playlist as a delta update (_HLS_skip=YES, delta-update.ts), or undefined when it would skip nothing. */
  deltaUpdate(): string | undefined;
}

export interface BlockingOptions {
  /** The live playlist published at this absolute path, if any. */
  playlist: (path: string) => BlockingPlaylist | undefined;
  partTarget: number;
  targetDuration: number;
}

export type ReloadQuery = { msn: number; part: number | undefined } | { error: string } | undefined;

// _HLS_msn=N[&_HLS_part=M] → what to wait for; undefined without them; an error for a malformed pair.
export function readReloadQuery(params: URLSearchParams): ReloadQuery {
  const msn = params.get('_HLS_msn');
  const part = params.get('_HLS_part');
  if (msn === null) return part === null ? undefined : { error: '_HLS_part needs _HLS_msn' };
  const wholeNumber = (v: string) => /^\d+$/.test(v);
  if (!wholeNumber(msn) || (part !== null && !wholeNumber(part))) return { error: '_HLS_msn and _HLS_part are whole numbers' };
  return { msn: Number(msn), part: part === null ? undefined : Number(part) };
}

// Held requests, re-checked whenever the job publishes something new.
export class Waiters {
  /** Each held request: its check, and how to give up on it. */
  private readonly pending = new Map<() => boolean, (ok: boolean) => boolean>();

  // Resolves true once `ready()` holds, false after `timeoutMs` or when `cancel` fires (the client left).
  wait(ready: () => boolean, timeoutMs: number, cancel: (abort: () => void) => void): Promise<boolean> {
    if (ready()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (ok: boolean): boolean => {
        clearTimeout(timer);
        this.pending.delete(check);
        resolve(ok);
        return true;
      };
      const check = (): boolean => ready() && finish(true);
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.pending.set(check, finish);
      cancel(() => finish(false));
    });
  }

  notify(): void {
    for (const check of [...this.pending.keys()]) check();
  }

  /** Gives up on every held request (the server is closing). */
  releaseAll(): void {
    for (const finish of [...this.pending.values()]) finish(false);
  }
}
