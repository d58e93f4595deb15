import { join } from 'node:path';
import { bigDatabase, copyDatabase } from '../seed/big-db.ts';
import type { BenchContext } from './context.ts';

let copy: Promise<{ path: string; hasRatings: boolean }> | undefined;

/** One private copy of the cached million-lead database per run, shared by the benchmarks that need it. */
export function sharedBigCopy(ctx: BenchContext): Promise<{ path: string; hasRatings: boolean }> {
  copy ??= (async () => {
    const big = await bigDatabase(ctx.cacheDir, ctx.log);
    return { path: copyDatabase(big.path, join(ctx.dir, 'big.db')), hasRatings: big.hasRatings };
  })();
  return copy;
}
