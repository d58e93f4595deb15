import type { Row } from './report.ts';

export interface BenchContext {
  /** A scratch folder for this run (databases, logs); removed at the end unless --keep. */
  dir: string;
  /** A folder kept between runs (the seeded million-lead database). */
  cacheDir: string;
  log(message: string): void;
}

export interface Bench {
  name: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

/** Runs `fn` with up to `concurrency` calls in flight. */
export async function inParallel<T>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
