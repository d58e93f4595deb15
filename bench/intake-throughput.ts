// 2. Lead intake over HTTP at 32 connections, every request a new lead, against raw better-sqlite3
// writing the same rows in this process. The DMs go out meanwhile, as they would in production.

import { join } from 'node:path';
import { SlackStandIn } from '../src/standin/slack-standin.ts';
import { PEOPLE } from '../test/support/harness.ts';
import { startHandoffProcess } from '../test/support/handoff-process.ts';
import { leadId, makeOwners } from '../test/support/lead-bodies.ts';
import type { Bench } from './support/context.ts';
import { intakeLanded } from './support/handoff-side.ts';
import { runLoad } from './support/load.ts';
import { rawIntake } from './support/raw-intake.ts';
import type { Row } from './support/report.ts';
import { leadRequest } from './support/lead-requests.ts';

const CONNECTIONS = 32;
const WARMUP = 500;
const LEADS = 5000;
const GOAL_PER_SECOND = 2000;
const GROUP = 32;
// Leads spread over reps as a CRM's are, so the DMs flow (at Slack's pace per channel) while the leads come in.
const OWNERS = makeOwners(250, 'INTAKE');

export const intakeThroughput: Bench = {
  name: 'intake',
  async run(ctx) {
    ctx.log(`intake: raw better-sqlite3, ${LEADS} leads, one transaction each`);
    const raw = await rawIntake(join(ctx.dir, 'raw-intake.db'), LEADS, 1);
    const grouped = await rawIntake(join(ctx.dir, 'raw-intake-grouped.db'), LEADS, GROUP);
    const rawNote = `raw: lead + event + outbox row per transaction, WAL + synchronous=FULL, serial; ${grouped.perSecond.toFixed(0)} leads/s when ${GROUP} leads share a commit (p99 ${grouped.p99.toFixed(1)} ms per commit).`;

    const standIn = await SlackStandIn.start({ users: [...Object.values(PEOPLE), ...OWNERS] });
    const handoff = await startHandoffProcess({ databasePath: join(ctx.dir, 'intake.db'), slackApiUrl: standIn.url });
    try {
      if (!(await intakeLanded(handoff.url))) {
        return [
          { figure: 'lead intake throughput (c=32)', handoff: null, baseline: raw.perSecond, unit: 'leads/s', goal: `≥ ${GOAL_PER_SECOND} leads/s`, met: null, note: `not measured: POST /webhooks/leads has not landed. ${rawNote}` },
          { figure: 'lead intake p99 (c=32)', handoff: null, baseline: raw.p99, unit: 'ms', goal: '—', met: null },
        ];
      }
      ctx.log(`intake: ${WARMUP} warm-up leads, then ${LEADS} measured, ${CONNECTIONS} connections`);
      await runLoad({ url: handoff.url, connections: CONNECTIONS, amount: WARMUP, next: (i) => leadRequest(OWNERS, leadId('warm', i), i) });
      const result = await runLoad({ url: handoff.url, connections: CONNECTIONS, amount: LEADS, next: (i) => leadRequest(OWNERS, leadId('lead', i), i) });
      const accepted = result.statuses['202'] ?? 0;
      const perSecond = accepted / result.seconds;
      const others = Object.entries(result.statuses).filter(([s]) => s !== '202').map(([s, n]) => `${n}×${s}`).join(', ');
      return [
        {
          figure: 'lead intake throughput (c=32)', handoff: perSecond, baseline: raw.perSecond, unit: 'leads/s', goal: `≥ ${GOAL_PER_SECOND} leads/s`,
          met: perSecond >= GOAL_PER_SECOND && accepted === LEADS,
          note: `${accepted} of ${LEADS} answered 202${others ? ` (others: ${others})` : ''}${result.errors ? `, ${result.errors} errors` : ''}. ${rawNote}`,
        },
        { figure: 'lead intake p99 (c=32)', handoff: result.p99, baseline: raw.p99, unit: 'ms', goal: '—', met: null, note: `Handoff p50 ${result.p50.toFixed(1)} ms over HTTP at 32 connections; raw: per-transaction time, serial (p50 ${raw.p50.toFixed(2)} ms).` },
      ] satisfies Row[];
    } finally {
      await handoff.stop();
      await standIn.close();
    }
  },
};
