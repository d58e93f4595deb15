// 5. Start-up to healthy against the million-lead database, against Node's own start and a bare
// Bolt app's start to listening. Median of a few starts each.

import { SlackStandIn } from '../src/standin/slack-standin.ts';
import { startHandoffProcess } from '../test/support/handoff-process.ts';
import { bareNodeStartMs, startBareBolt } from './support/child.ts';
import type { Bench } from './support/context.ts';
import { sharedBigCopy } from './support/big-copy.ts';
import type { Row } from './support/report.ts';

const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const startup: Bench = {
  name: 'startup',
  async run(ctx) {
    const big = await sharedBigCopy(ctx);
    const standIn = await SlackStandIn.start();
    const handoff: number[] = [];
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
    } finally {
      await standIn.close();
    }
    return [
      { figure: 'start-up to healthy (1M-lead DB)', handoff: median(handoff), baseline: median(bare), unit: 'ms', goal: '—', met: null,
        note: `spawn to the first 200 from /healthz, median of ${RUNS}; baseline: a bare Bolt app (also through tsx) to its first HTTP answer. \`node -e ""\` alone: ${median(node).toFixed(0)} ms.` },
    ] satisfies Row[];
  },
};
