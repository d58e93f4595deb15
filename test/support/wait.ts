/**
 * The one way tests wait: polls `check` until it gives a value, or fails naming what it waited
 * for. `accept` says what counts as a value: anything but undefined, null and false ('defined',
 * so 0 and '' count), or only truthy ones. With `retryErrors`, a check that throws is tried again
 * (a server not up yet) and the last error is reported on timeout.
 */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  what: string,
  { timeoutMs = 5000, intervalMs = 20, accept = 'defined', retryErrors = false }: { timeoutMs?: number; intervalMs?: number; accept?: 'defined' | 'truthy'; retryErrors?: boolean } = {},
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      const done = accept === 'truthy' ? Boolean(value) : value !== undefined && value !== null && value !== false;
      if (done) return value as Exclude<T, undefined | null | false>;
    } catch (error) {
      if (!retryErrors) throw error;
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
