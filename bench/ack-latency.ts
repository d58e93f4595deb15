// 1. How long Slack waits for Handoff's ack, against a bare Bolt app acking the same signed
// requests with a fixed text. Both run in their own process; autocannon drives them from this one.

import { join } from 'node:path';
import { SlackStandIn } from '../src/standin/slack-standin.ts';
import { ACTIONS } from '../src/views/ids.ts';
import { PEOPLE } from '../test/support/harness.ts';
import { PROCESS_SIGNING_SECRET, startHandoffProcess } from '../test/support/handoff-process.ts';
import { leadId, makeOwners } from '../test/support/lead-bodies.ts';
import { startBareBolt } from './support/child.ts';
import { waitUntil, type Bench, type BenchContext } from './support/context.ts';
import { commandLanded, intakeLanded, messagesWithAction, postLeads, sendCommand } from './support/handoff-side.ts';
import { runLoad, summarize, type LoadResult } from './support/load.ts';
import { ratioOf, type Row } from './support/report.ts';
import { blockActionBody, commandBody, signedSlackRequest, type RawRequest } from './support/slack-requests.ts';

const CONNECTIONS = 10;
const WARMUP = 300;
const COMMANDS = 2000;
const CLICKS = 1000;
const ROUNDS = 4;
// Slack takes one message per second per channel: DMs to one rep would take 20 minutes to arrive.
const OWNERS = makeOwners(300, 'ACK');
const P50_GOAL = 1.2;
const P99_GOAL = 1.5;

interface Side { url: string; next: (i: number) => RawRequest }

/** Warms both up, then alternates rounds so drift (CPU heat, GC, the outbox catching up) hits both alike. */
async function compare(handoff: Side, bare: Side, amount: number): Promise<{ handoff: LoadResult[]; bare: LoadResult[] }> {
  const out = { handoff: [] as LoadResult[], bare: [] as LoadResult[] };
  for (const side of [handoff, bare]) await runLoad({ url: side.url, connections: CONNECTIONS, amount: WARMUP, next: side.next });
  for (let round = 0; round < ROUNDS; round++) {
    out.handoff.push(await runLoad({ url: handoff.url, connections: CONNECTIONS, amount: amount / ROUNDS, next: handoff.next }));
    out.bare.push(await runLoad({ url: bare.url, connections: CONNECTIONS, amount: amount / ROUNDS, next: bare.next }));
  }
  return out;
}

function latencyRows(figure: string, results: { handoff: LoadResult[]; bare: LoadResult[] }, note: string): Row[] {
  const merge = (runs: LoadResult[]) => ({
    // Percentiles of the merged runs come from the runs' own samples, not an average of percentiles.
    ...summarize(runs.flatMap((r) => r.samples)),
    non2xx: runs.reduce((n, r) => n + r.requests - (r.statuses['200'] ?? 0), 0) + runs.reduce((n, r) => n + r.errors, 0),
  });
  const h = merge(results.handoff);
  const b = merge(results.bare);
  const failures = h.non2xx ? ` ${h.non2xx} of Handoff's answers were not 200.` : '';
  return [
    { figure: `${figure} ack p50`, handoff: h.p50, baseline: b.p50, unit: 'ms', goal: `≤ ${P50_GOAL}× bare Bolt`, met: (ratioOf(h.p50, b.p50) ?? Infinity) <= P50_GOAL && !h.non2xx, note: note + failures },
    { figure: `${figure} ack p99`, handoff: h.p99, baseline: b.p99, unit: 'ms', goal: `≤ ${P99_GOAL}× bare Bolt`, met: (ratioOf(h.p99, b.p99) ?? Infinity) <= P99_GOAL && !h.non2xx },
  ];
}

async function commandRows(handoffUrl: string, bareUrl: string, standIn: SlackStandIn, ctx: BenchContext): Promise<Row[]> {
  const rep = PEOPLE.rep.id;
  let command = '/hotlead';
  let text = 'list';
  let note = `${COMMANDS} signed requests, ${CONNECTIONS} connections, after ${WARMUP} warm-up; the rep has 20 paused leads.`;
  if (await commandLanded(handoffUrl, standIn, '/hotlead', 'list', rep)) {
    for (let n = 0; n < 20; n++) await sendCommand(handoffUrl, standIn, '/hotlead', `paused-${n}@prospect.example 14d closing soon`, rep);
  } else {
    command = '/handoff';
    text = 'help';
    note = `/hotlead list has not landed: measured /handoff help instead. ${COMMANDS} signed requests, ${CONNECTIONS} connections, after ${WARMUP} warm-up.`;
  }
  ctx.log(`ack latency: ${command} ${text}`);
  const next = () => signedSlackRequest(commandBody(command, text, { userId: rep, responseUrl: standIn.responseUrl() }), PROCESS_SIGNING_SECRET);
  const results = await compare({ url: handoffUrl, next }, { url: bareUrl, next }, COMMANDS);
  return latencyRows(`${command} ${text}`, results, note);
}

async function clickRows(handoffUrl: string, bareUrl: string, standIn: SlackStandIn, ctx: BenchContext): Promise<Row[]> {
  const figure = 'Accept on a lead DM';
  const missing = (why: string): Row[] => [
    { figure: `${figure} ack p50`, handoff: null, baseline: null, unit: 'ms', goal: `≤ ${P50_GOAL}× bare Bolt`, met: null, note: `not measured: ${why}` },
    { figure: `${figure} ack p99`, handoff: null, baseline: null, unit: 'ms', goal: `≤ ${P99_GOAL}× bare Bolt`, met: null },
  ];
  if (!(await intakeLanded(handoffUrl))) return missing('lead intake (POST /webhooks/leads) has not landed');
  const total = WARMUP + CLICKS;
  ctx.log(`ack latency: handing ${total} leads to the rep for distinct Accept clicks`);
  await postLeads(handoffUrl, Array.from({ length: total }, (_, n) => leadId('click', n)), (n) => ({ ownerSlackId: OWNERS[n % OWNERS.length].id }));
  try {
    await waitUntil(`${total} lead DMs with an Accept button`, () => messagesWithAction(standIn, ACTIONS.leadAccept).length >= total, 120_000, 100);
  } catch {
    return missing(`only ${messagesWithAction(standIn, ACTIONS.leadAccept).length} of ${total} lead DMs with an Accept button arrived (has the outbox sender landed?)`);
  }
  const dms = messagesWithAction(standIn, ACTIONS.leadAccept).slice(0, total);
  // Each click comes from the DM's owner (its channel is D + the owner's id without the U).
  const click = (dm: (typeof dms)[number]) => signedSlackRequest(
    blockActionBody(dm, ACTIONS.leadAccept, { userId: `U${dm.channel.slice(1)}`, responseUrl: standIn.responseUrl(), botUserId: standIn.botUserId, botId: standIn.botId }),
    PROCESS_SIGNING_SECRET,
  );
  // Every Handoff click accepts a different lead, so each one does the full work, never "already accepted".
  let clicked = 0;
  const handoffNext = () => click(dms[clicked++ % dms.length]);
  const bareNext = (i: number) => click(dms[i % dms.length]);
  ctx.log('ack latency: Accept clicks');
  const results = await compare({ url: handoffUrl, next: handoffNext }, { url: bareUrl, next: bareNext }, CLICKS);
  return latencyRows(figure, results, `${CLICKS} clicks on ${CLICKS} different leads' Accept buttons, ${CONNECTIONS} connections, after ${WARMUP} warm-up.`);
}

export const ackLatency: Bench = {
  name: 'ack',
  async run(ctx) {
    const standIn = await SlackStandIn.start({ users: [...Object.values(PEOPLE), ...OWNERS] });
    const handoff = await startHandoffProcess({ databasePath: join(ctx.dir, 'ack.db'), slackApiUrl: standIn.url });
    const bare = await startBareBolt(PROCESS_SIGNING_SECRET);
    try {
      return [
        ...(await commandRows(handoff.url, bare.url, standIn, ctx)),
        ...(await clickRows(handoff.url, bare.url, standIn, ctx)),
      ];
    } finally {
      await Promise.all([handoff.stop(), bare.stop()]);
      await standIn.close();
    }
  },
};
