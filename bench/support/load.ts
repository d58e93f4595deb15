// autocannon drives the load; latencies are recorded from its 'response' events at
// microsecond precision because its own histogram rounds to whole milliseconds, and
// localhost acks take about one millisecond: a ratio of rounded figures would say nothing.

import autocannon from 'autocannon';
import type { RawRequest } from './slack-requests.ts';

export interface LoadResult {
  requests: number;
  statuses: Record<string, number>;
  errors: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  seconds: number;
  perSecond: number;
  /** every latency, ms */
  samples: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(latencies: number[]): { p50: number; p99: number; mean: number; max: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean, max: sorted.at(-1) ?? NaN };
}

/** Sends `amount` requests over `connections` keep-alive connections; `next(i)` builds request i. */
export async function runLoad(opts: { url: string; connections: number; amount: number; next: (i: number) => RawRequest; timeoutSec?: number }): Promise<LoadResult> {
  let i = 0;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    amount: opts.amount,
    timeout: opts.timeoutSec ?? 30,
    requests: [{
      setupRequest: () => {
        const r = opts.next(i++);
        return { method: r.method, path: r.path, headers: r.headers, body: r.body };
      },
    }],
  });
  let lastResponseAt = 0;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    lastResponseAt = performance.now();
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const started = performance.now();
  const result = await instance;
  // Up to the last answer: autocannon itself resolves on its next one-second tick, which would
  // round a five-second run to whole seconds (5,000 leads in 5.0 or 6.0 s: 1,000 or 833 a second).
  const seconds = ((lastResponseAt || performance.now()) - started) / 1000;
  return {
    requests: latencies.length,
    statuses,
    errors: result.errors + result.timeouts,
    ...summarize(latencies),
    seconds,
    perSecond: latencies.length / seconds,
    samples: latencies,
  };
}
