import type { Qualification } from './rules.ts';

/** Reads the leads.qualification column; a missing or unreadable one tells the reader so. */
export function parseQualification(json: string | null): Qualification | undefined {
  if (!json) return undefined;
  try {
    const q = JSON.parse(json) as Partial<Qualification>;
    return {
      qualified: Boolean(q.qualified),
      met: Array.isArray(q.met) ? q.met.map(String) : [],
      failed: Array.isArray(q.failed) ? q.failed.map(String) : [],
      ...(Array.isArray(q.checks) ? { checks: q.checks } : {}),
    };
  } catch {
    return undefined;
  }
}
