// `npm run bench [-- NAME…] [-- --keep]`: every benchmark beside a baseline measured in the same
// run, one table on stdout, everything in bench/results.json.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ackLatency } from './ack-latency.ts';
import { digestScale } from './digest-scale.ts';
import { intakeThroughput } from './intake-throughput.ts';
import { outboxDelivery } from './outbox-delivery.ts';
import { postgresBench } from './postgres.ts';
import { speedToLead } from './speed-to-lead.ts';
import { startup } from './startup.ts';
import { BENCH_DIR } from './support/child.ts';
import type { Bench, BenchContext } from './support/context.ts';
import { formatTable, machine, type Row } from './support/report.ts';

const BENCHES: Bench[] = [ackLatency, intakeThroughput, outboxDelivery, digestScale, startup, speedToLead, postgresBench];

async function main(argv: string[]): Promise<number> {
  const keep = argv.includes('--keep');
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length) {
    process.stderr.write(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHES.map((b) => b.name).join(', ')}\n`);
    return 2;
  }
  const chosen = names.length ? BENCHES.filter((b) => names.includes(b.name)) : BENCHES;
  const dir = mkdtempSync(join(tmpdir(), 'handoff-bench-'));
  const cacheDir = join(tmpdir(), 'handoff-bench-cache');
  mkdirSync(cacheDir, { recursive: true });
  const began = performance.now();
  const ctx: BenchContext = {
    dir,
    cacheDir,
    log: (m) => process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1)}s] ${m}\n`),
  };

  const rows: Row[] = [];
  const timings: Record<string, number> = {};
  // This machine is shared: the load around each benchmark says how much to trust its figures.
  const load: Record<string, { before: number; after: number }> = {};
  for (const bench of chosen) {
    const t0 = performance.now();
    const before = loadavg()[0];
    ctx.log(`${bench.name}: start (load average ${before.toFixed(1)})`);
    try {
      rows.push(...(await bench.run(ctx)));
    } catch (error) {
      ctx.log(`${bench.name}: failed: ${(error as Error).stack ?? String(error)}`);
      rows.push({ figure: bench.name, handoff: null, baseline: null, unit: '', goal: '—', met: false, note: `the benchmark failed: ${(error as Error).message.split('\n')[0]}` });
    }
    timings[bench.name] = (performance.now() - t0) / 1000;
    load[bench.name] = { before, after: loadavg()[0] };
    ctx.log(`${bench.name}: done in ${timings[bench.name].toFixed(1)} s`);
  }
  const totalSeconds = (performance.now() - began) / 1000;

  const loads = Object.entries(load).map(([name, l]) => `${name} ${l.before.toFixed(1)}→${l.after.toFixed(1)}`).join(', ');
  process.stdout.write(`\n${formatTable(rows)}\n\nTotal ${totalSeconds.toFixed(0)} s on ${machine().cpus} CPUs, Node ${process.version}. 1-minute load average before→after: ${loads}.\n`);
  writeFileSync(join(BENCH_DIR, 'results.json'), JSON.stringify({ at: new Date().toISOString(), machine: machine(), totalSeconds, timings, loadAverage: load, rows }, null, 2) + '\n');
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else ctx.log(`kept ${dir}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => { process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`); process.exitCode = 1; },
);
