// 6. Speed to lead: from each lead's 202 to its DM reaching Slack, for owners named by email that
// Slack was never asked about. A lone lead; then 25 leads per rep for 200 reps arriving within
// ten seconds, with Slack healthy, and with Slack answering 10% 429 / 5% 5xx while the process is
// killed mid-intake and restarted. The baseline is Slack's own floor in the same run: a rep's DMs
// cannot land faster than one a second (the per-channel limit), whatever Handoff does.

import { join } from 'node:path';
import { SlackStandIn, type StandInUser } from '../src/standin/slack-standin.ts';
import { startHandoffProcess, type HandoffProcess } from '../test/support/handoff-process.ts';
import { leadBody, leadId } from '../test/support/lead-bodies.ts';
import { leadDmTally } from '../test/reliability/support/dm-count.ts';
import { dmLatencies, percentiles } from '../test/reliability/support/latency.ts';
import { deliverLead, newStats } from '../test/reliability/support/lead-driver.ts';
import { waitUntil, type Bench, type BenchContext } from './support/context.ts';
import type { Row } from './support/report.ts';

const REPS = 200;
const PER_REP = 25;
const ARRIVAL_SECONDS = 10;
const LONE_LEADS = 10;
const GOAL_BURST_P99_S = 90;
const GOAL_LONE_S = 5;

const reps = (prefix: string): StandInUser[] =>
  Array.from({ length: REPS }, (_, i) => ({ id: `U${prefix}${String(i).padStart(5, '0')}`, email: `${prefix.toLowerCase()}-${i}@yourco.example`, real_name: `Rep ${i}` }));

/** The earliest each DM could land if Handoff took no time at all: a rep's messages one a second apart. */
function slackFloor(acceptedAt: Map<string, number>, ownerOf: Map<string, string>): number[] {
  const byOwner = new Map<string, number[]>();
  for (const [lead, at] of acceptedAt) byOwner.set(ownerOf.get(lead)!, [...(byOwner.get(ownerOf.get(lead)!) ?? []), at]);
  const out: number[] = [];
  for (const times of byOwner.values()) {
    let free = 0;
    for (const at of times.sort((a, b) => a - b)) {
      const landed = Math.max(at, free);
      out.push(landed - at);
      free = landed + 1000;
    }
  }
  return out;
}

interface Run { handoff: number[]; floor: number[]; restarts: number }

async function burst(ctx: BenchContext, name: string, faults: boolean): Promise<Run> {
  const owners = reps(name.toUpperCase().slice(0, 3));
  const standIn = await SlackStandIn.start({
    users: owners,
    perChannelPerSec: 1,
    ...(faults ? { randomFaults: { rate429: 0.1, rate5xx: 0.05, seed: 20261206 } } : {}),
  });
  const databasePath = join(ctx.dir, `speed-${name}.db`);
  let app: HandoffProcess = await startHandoffProcess({ databasePath, slackApiUrl: standIn.url, env: { LOG_LEVEL: 'error' } });
  const stats = newStats();
  const ownerOf = new Map<string, string>();
  const leads = owners.flatMap((o, r) => Array.from({ length: PER_REP }, (_, k) => {
    const id = leadId(`${name}-${r}`, k);
    ownerOf.set(id, o.id);
    return { id, body: leadBody(id, { ownerEmail: o.email }) };
  }));
  // Interleaved so every rep's leads arrive across the whole ten seconds.
  leads.sort((a, b) => a.id.slice(-6).localeCompare(b.id.slice(-6)));
  let restarts = 0;
  let restarting: Promise<void> | undefined;
  const began = Date.now();
  try {
    await Promise.all(leads.map(async (lead, n) => {
      await new Promise((r) => setTimeout(r, (n / leads.length) * ARRIVAL_SECONDS * 1000));
      if (faults && n === Math.floor(leads.length / 2)) {
        restarting = (async () => {
          await app.kill();
          app = await startHandoffProcess({ databasePath, slackApiUrl: standIn.url, env: { LOG_LEVEL: 'error' } });
          restarts += 1;
        })();
      }
      if (restarting) await restarting;
      await deliverLead(() => app.url, lead.id, lead.body, stats);
    }));
    ctx.log(`${name}: ${stats.accepted.size} leads accepted in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    const ids = leads.map((l) => l.id);
    await waitUntil('a DM for every lead', () => leadDmTally(standIn, databasePath, ids).perLead.size >= ids.length, 600_000, 500);
    const tally = leadDmTally(standIn, databasePath, ids);
    return { handoff: dmLatencies(tally, stats.acceptedAt), floor: slackFloor(stats.acceptedAt, ownerOf), restarts };
  } finally {
    await app.stop();
    await standIn.close();
  }
}

async function lone(ctx: BenchContext): Promise<{ byEmail: number[]; bySlackId: number[] }> {
  const owners = reps('LONE').slice(0, LONE_LEADS * 2);
  const standIn = await SlackStandIn.start({ users: owners, perChannelPerSec: 1 });
  const databasePath = join(ctx.dir, 'speed-lone.db');
  const app = await startHandoffProcess({ databasePath, slackApiUrl: standIn.url, env: { LOG_LEVEL: 'error' } });
  const stats = newStats();
  try {
    for (let i = 0; i < LONE_LEADS * 2; i++) {
      const id = leadId('lone', i);
      // Even: an owner by email Slack was never asked about; odd: the same pipeline without the lookup.
      const owner = i % 2 === 0 ? { ownerEmail: owners[i].email } : { ownerSlackId: owners[i].id };
      await deliverLead(() => app.url, id, leadBody(id, owner), stats);
      await waitUntil(`the DM of ${id}`, () => (leadDmTally(standIn, databasePath, [id]).perLead.get(id) ?? 0) > 0, 30_000, 5);
    }
    const tally = leadDmTally(standIn, databasePath, [...stats.acceptedAt.keys()]);
    const all = new Map([...stats.acceptedAt].map(([id]) => [id, dmLatencies(tally, new Map([[id, stats.acceptedAt.get(id)!]]))[0]]));
    return {
      byEmail: [...all].filter(([id]) => Number(id.slice(-6)) % 2 === 0).map(([, ms]) => ms),
      bySlackId: [...all].filter(([id]) => Number(id.slice(-6)) % 2 === 1).map(([, ms]) => ms),
    };
  } finally {
    await app.stop();
    await standIn.close();
  }
}

const s = (ms: number) => ms / 1000;

export const speedToLead: Bench = {
  name: 'speed',
  async run(ctx) {
    const rows: Row[] = [];
    const single = await lone(ctx);
    const email = percentiles(single.byEmail);
    const slackId = percentiles(single.bySlackId);
    rows.push({
      figure: `lone lead, owner by email (never looked up) → DM, p50 / max of ${LONE_LEADS}`,
      handoff: s(email.max), baseline: s(slackId.max), unit: 's', goal: `≤ ${GOAL_LONE_S} s`, met: s(email.max) <= GOAL_LONE_S,
      note: `p50 ${s(email.p50).toFixed(2)} s; baseline: the same lead with the owner's Slack id (no lookup), p50 ${s(slackId.p50).toFixed(2)} s`,
    });
    for (const [name, faults] of [['healthy', false], ['faulty', true]] as const) {
      const run = await burst(ctx, name, faults);
      const h = percentiles(run.handoff);
      const f = percentiles(run.floor);
      const what = faults ? 'Slack 10% 429 / 5% 5xx, killed and restarted mid-intake' : 'Slack healthy';
      rows.push({
        figure: `${REPS} reps × ${PER_REP} leads in ${ARRIVAL_SECONDS} s, ${what}: 202 → DM p99`,
        handoff: s(h.p99), baseline: s(f.p99), unit: 's', goal: `≤ ${GOAL_BURST_P99_S} s`, met: s(h.p99) <= GOAL_BURST_P99_S,
        note: `p50 ${s(h.p50).toFixed(1)} / p90 ${s(h.p90).toFixed(1)} / p99 ${s(h.p99).toFixed(1)} s for ${h.count} DMs (Slack's 1-a-second floor: p50 ${s(f.p50).toFixed(1)} / p90 ${s(f.p90).toFixed(1)} / p99 ${s(f.p99).toFixed(1)} s)${run.restarts ? `; ${run.restarts} kill -9 and restart` : ''}`,
      });
    }
    return rows;
  },
};
