// Waiting in tests: poll a condition until it holds, or fail loudly saying what never happened.
// A wait that gives up silently lets a broken build pass, so there is no silent variant.

export interface WaitOptions {
  /** A generous bound that only detects hangs; never a speed requirement. */
  timeoutMs?: number;
  intervalMs?: number;
}

// Resolves with the first truthy value of `check`; throws `timed out waiting for <what>` otherwise.
export async function waitUntil<T>(
  what: string,
  check: () => T | Promise<T>,
  { timeoutMs = 30_000, intervalMs = 25 }: WaitOptions = {},
): Promise<NonNullable<T>> {
  const started = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
