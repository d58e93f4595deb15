// Runs one digest query in a process of its own and reports its time and the process's peak RSS,
// so the benchmark harness's memory never counts. Args: MODE (handoff | raw) DATABASE_PATH.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';

const [mode, path] = process.argv.slice(2);
const WEEK = 7 * 86_400_000;

async function handoffDigest(): Promise<unknown> {
  const file = fileURLToPath(new URL('../digest.ts', import.meta.url));
  if (!existsSync(file)) throw new Error('bench/digest.ts has not landed');
  const mod: any = await import(file);
  return mod.benchDigest({ databasePath: path, now: new Date() });
}

/** The floor: one grouped count over the same week of leads, nothing else. */
function rawDigest(): unknown {
  const db = new SQLite(path, { readonly: true });
  const since = new Date(Date.now() - WEEK).toISOString();
  const rows = db.prepare('select campaign_key, status, count(*) as n from leads where received_at >= ? group by campaign_key, status').all(since);
  db.close();
  return rows.length;
}

/**
 * Peak resident memory of this process alone. Linux carries ru_maxrss across fork and exec, so
 * getrusage would report the parent's size at spawn time; VmHWM belongs to this process's own memory.
 */
function peakRssMB(): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

const began = performance.now();
const result = mode === 'raw' ? rawDigest() : await handoffDigest();
const wallMs = performance.now() - began;
// benchDigest times the digest itself (median of its runs, after opening and migrating); use its figure when it gives one.
const own = (result as { ms?: unknown } | undefined)?.ms;
const ms = typeof own === 'number' ? own : wallMs;
process.stdout.write(JSON.stringify({ ms, wallMs, maxRssMB: peakRssMB() }) + '\n');
