// 4. The weekly digest's query time and peak memory over a million leads, each in a child
// process (so the harness's own memory never counts), against one raw grouped count.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runTsJson } from './support/child.ts';
import type { Bench } from './support/context.ts';
import type { Row } from './support/report.ts';
import { SCALE } from './seed/big-db.ts';
import { sharedBigCopy } from './support/big-copy.ts';

const RUNS = 3;
const GOAL_MS = 500;
const GOAL_RSS_MB = 250;

interface QueryRun { ms: number; maxRssMB: number }

async function runs(mode: 'handoff' | 'raw', path: string): Promise<{ ms: number; maxRssMB: number }> {
  const all: QueryRun[] = [];
  for (let i = 0; i < RUNS; i++) all.push(await runTsJson<QueryRun>('children/digest-query.ts', [mode, path], {}, 120_000));
  const times = all.map((r) => r.ms).sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], maxRssMB: Math.max(...all.map((r) => r.maxRssMB)) };
}

export const digestScale: Bench = {
  name: 'digest',
  async run(ctx) {
    const big = await sharedBigCopy(ctx);
    const scale = `${SCALE.leads.toLocaleString('en')} leads, ${big.hasRatings ? SCALE.ratings.toLocaleString('en') : 'no'} ratings, ${SCALE.campaigns.toLocaleString('en')} campaigns`;
    ctx.log(`digest: raw grouped count (${scale})`);
    const raw = await runs('raw', big.path);
    const landed = existsSync(fileURLToPath(new URL('./digest.ts', import.meta.url)));
    if (!landed) {
      return [
        { figure: 'digest query (1M leads)', handoff: null, baseline: raw.ms, unit: 'ms', goal: `< ${GOAL_MS} ms`, met: null, note: `not measured: bench/digest.ts (benchDigest) has not landed. Data: ${scale}; baseline = one grouped count over the week's leads, median of ${RUNS} child processes.` },
        { figure: 'digest peak RSS', handoff: null, baseline: raw.maxRssMB, unit: 'MB', goal: `< ${GOAL_RSS_MB} MB`, met: null },
      ] satisfies Row[];
    }
    ctx.log('digest: benchDigest()');
    const handoff = await runs('handoff', big.path);
    return [
      { figure: 'digest query (1M leads)', handoff: handoff.ms, baseline: raw.ms, unit: 'ms', goal: `< ${GOAL_MS} ms`, met: handoff.ms < GOAL_MS, note: `${scale}; benchDigest() (loadDigestData + buildDigest, median of its own runs) in ${RUNS} fresh processes, median; baseline = one grouped count over the week's leads in the same kind of process.` },
      { figure: 'digest peak RSS', handoff: handoff.maxRssMB, baseline: raw.maxRssMB, unit: 'MB', goal: `< ${GOAL_RSS_MB} MB`, met: handoff.maxRssMB < GOAL_RSS_MB, note: 'whole child process (Node + tsx + SQLite page cache), highest of the runs.' },
    ] satisfies Row[];
  },
};
