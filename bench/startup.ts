// 5. Start-up to healthy against the million-lead database, against Node's own start and a bare
// Bolt app's start to listening. Median of a few starts each.

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { SlackStandIn } from '../src/standin/slack-standin.ts';
import { startHandoffProcess } from '../test/support/handoff-process.ts';
import { bareNodeStartMs, startBareBolt } from './support/child.ts';
import type { Bench } from './support/context.ts';
import { sharedBigCopy } from './support/big-copy.ts';
import type { Row } from './support/report.ts';

const RUNS = 3;
// After an outage (or an import of old leads), this many unanswered leads are past their SLA and never escalated.
const BACKLOG = 20_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const startup: Bench = {
  name: 'startup',
  async run(ctx) {
    const big = await sharedBigCopy(ctx);
    const standIn = await SlackStandIn.start();
    const handoff: number[] = [];
    let backlogMs: number | null = null;
    let backlogNote = '';
    const bare: number[] = [];
    const node: number[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const app = await startHandoffProcess({ databasePath: big.path, slackApiUrl: standIn.url, timeoutMs: 60_000 });
        handoff.push(app.startMs);
        await app.stop();
        const b = await startBareBolt('bare-signing-secret');
        bare.push(b.startMs);
        await b.stop();
        node.push(await bareNodeStartMs());
      }
      ctx.log(`startup: with ${BACKLOG.toLocaleString('en')} overdue leads to escalate at start`);
      const path = join(ctx.dir, 'big-backlog.db');
      copyFileSync(big.path, path);
      const db = new SQLite(path);
      db.prepare("update leads set escalated_at = null, reminded_at = null where id in (select id from leads where status = 'new' and delivery = 'delivered' and escalated_at is not null limit ?)").run(BACKLOG);
      db.close();
      try {
        const app = await startHandoffProcess({ databasePath: path, slackApiUrl: standIn.url, timeoutMs: 120_000 });
        backlogMs = app.startMs;
        await app.kill();
      } catch (error) {
        backlogNote = ` It did not become healthy: ${(error as Error).message.split('\n')[0]}.`;
      }
    } finally {
      await standIn.close();
    }
    return [
      { figure: 'start-up to healthy (1M-lead DB)', handoff: median(handoff), baseline: median(bare), unit: 'ms', goal: '—', met: null,
        note: `spawn to the first 200 from /healthz, median of ${RUNS}; baseline: a bare Bolt app (also through tsx) to its first HTTP answer. \`node -e ""\` alone: ${median(node).toFixed(0)} ms.` },
      { figure: `start-up with ${BACKLOG / 1000}k overdue leads`, handoff: backlogMs, baseline: median(handoff), unit: 'ms', goal: '—', met: null,
        note: `the same database with ${BACKLOG.toLocaleString('en')} unanswered leads past their SLA never escalated (an outage): the catch-up at start runs in pages between requests; baseline: the normal start above.${backlogNote}` },
    ] satisfies Row[];
  },
};
