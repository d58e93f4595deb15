// Speed to lead as the CRM and the rep see it: from a lead's 202 to its DM reaching Slack (the
// stand-in's message ts, which it stamps from the wall clock when it takes the message).

import type { DmTally } from './dm-count.ts';

export interface Percentiles { p50: number; p90: number; p99: number; max: number; count: number }

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? NaN, count: sorted.length };
}

/** Milliseconds from each lead's first 2xx to its first DM in Slack; leads without a DM are left out. */
export function dmLatencies(tally: DmTally, acceptedAt: Map<string, number>): number[] {
  const out: number[] = [];
  for (const [lead, at] of acceptedAt) {
    const first = Math.min(...(tally.seen.get(lead) ?? []).map((dm) => Number(dm.ts) * 1000));
    if (Number.isFinite(first)) out.push(Math.max(0, first - at));
  }
  return out;
}

/** Seconds, rounded to a tenth, for a log line. */
export function inSeconds(p: Percentiles): Record<string, number> {
  const s = (ms: number) => Math.round(ms / 100) / 10;
  return { p50: s(p.p50), p90: s(p.p90), p99: s(p.p99), max: s(p.max), count: p.count };
}
