// The error a call throws, of the class a test expects; anything else (or no error) fails the test.
export function thrown<E extends Error>(kind: new (...args: never[]) => E, fn: () => unknown): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected a ${kind.name}, but nothing was thrown`);
}
