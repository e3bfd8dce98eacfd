// Waits between attempts to reopen a dropped source: 1, 2, 4… s up to 30 s, back to 1 s once it delivers.
export const MAX_BACKOFF_SECONDS = 30;

export function backoffSeconds(attempt: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.max(0, attempt - 1));
}
