import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { PEOPLE } from '../support/harness.ts';
import { startHandoffProcess, type HandoffProcess } from '../support/handoff-process.ts';
import { leadId } from '../support/lead-bodies.ts';
import { eventually } from '../support/spawn.ts';
import { describeDuplicates, leadDmTally, lostAndDuplicated, pendingOutbox } from './support/dm-count.ts';
import { dmLatencies, inSeconds, percentiles } from './support/latency.ts';
import { deliverLead, leadBody, makeOwners, newStats, ownerFor, type DriverStats } from './support/lead-driver.ts';

const LEADS = Number(process.env.HANDOFF_SOAK_LEADS ?? 5000);
const OWNERS = 250; // Slack takes about one message per second per channel: spread the DMs so the soak ends in minutes
const CONCURRENCY = 16;
const KILL_AT = [0.35, 0.7];
const FAULTS = { rate429: 0.1, rate5xx: 0.05, slowRate: 0.05, slowMs: 1000, seed: 20261123 };

const dir = mkdtempSync(join(tmpdir(), 'handoff-soak-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`the soak: ${LEADS} leads through intake while Slack fails and the app is killed twice`, () => {
  let intakeMissing = false;
  let stats: DriverStats;
  let restarts = 0;
  let lost: string[] = [];
  let duplicated: string[] = [];
  let faultsInjected = 0;
  let duplicateDetails = '';

  beforeAll(async () => {
    const owners = makeOwners(OWNERS);
    const standIn = await SlackStandIn.start({ users: [...Object.values(PEOPLE), ...owners], randomFaults: FAULTS });
    const databasePath = join(dir, 'soak.db');
    let app: HandoffProcess = await startHandoffProcess({ databasePath, slackApiUrl: standIn.url });
    const began = performance.now();
    try {
      const probe = await fetch(`${app.url}/webhooks/leads`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      if (probe.status === 404) {
        intakeMissing = true;
        return;
      }
      stats = newStats();
      const ids = Array.from({ length: LEADS }, (_, n) => leadId('soak', n));
      const killAt = KILL_AT.map((f) => Math.floor(f * LEADS));
      let next = 0;
      const killedAt: number[] = [];
      let restarting: Promise<void> | undefined;
      // SIGKILL: no shutdown code runs, requests and Slack calls in flight are cut, claims stay taken.
      const restart = async () => {
        killedAt.push(Date.now() / 1000);
        await app.kill();
        app = await startHandoffProcess({ databasePath, slackApiUrl: standIn.url });
        restarts++;
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < ids.length) {
          const n = next++;
          if (killAt.includes(n)) await (restarting = restart());
          else if (restarting) await restarting;
          await deliverLead(() => app.url, ids[n], leadBody(ids[n], ownerFor(owners, n)), stats);
        }
      }));
      const intakeSeconds = (performance.now() - began) / 1000;

      // Every accepted lead's DM arrives (through the faults and the restarts), then the queue drains.
      await eventually(() => lostAndDuplicated(leadDmTally(standIn, databasePath, ids), stats.accepted).lost.length === 0, {
        timeoutMs: 300_000, intervalMs: 1000, what: 'a DM for every accepted lead',
      }).catch(() => undefined);
      const deliveredSeconds = (performance.now() - began) / 1000;
      await eventually(() => pendingOutbox(databasePath) === 0, { timeoutMs: 60_000, intervalMs: 500, what: 'the outbox to drain' }).catch(() => undefined);

      const tally = leadDmTally(standIn, databasePath, ids);
      ({ lost, duplicated } = lostAndDuplicated(tally, stats.accepted));
      duplicateDetails = `kills at Unix ${killedAt.map((t) => t.toFixed(3)).join(', ')}\n${describeDuplicates(tally, databasePath, duplicated.slice(0, 3), standIn)}`;
      const faults: Record<string, number> = {};
      for (const c of standIn.calls) if (c.fault) faults[`${c.method} ${c.fault}`] = (faults[`${c.method} ${c.fault}`] ?? 0) + 1;
      faultsInjected = Object.values(faults).reduce((a, b) => a + b, 0);
      console.log(`SOAK ${JSON.stringify({
        leads: LEADS, accepted: stats.accepted.size, answers: stats.answers, restarts, requestsCutByKills: stats.connectionErrors,
        serverErrors: stats.serverErrors.length, refusals: stats.refusals.length, faultsInjected, faults,
        dms: [...tally.perLead.values()].reduce((a, b) => a + b, 0), untracedDms: tally.untraced, lost: lost.length, duplicated: duplicated.length,
        // From each lead's 202 to its DM at Slack, in seconds (measured, not asserted).
        speedToLead: inSeconds(percentiles(dmLatencies(tally, stats.acceptedAt))),
        intakeSeconds: Math.round(intakeSeconds), allDeliveredSeconds: Math.round(deliveredSeconds), totalSeconds: Math.round((performance.now() - began) / 1000),
      })}`);
    } finally {
      await app.stop();
      await standIn.close();
    }
  }, 480_000);

  it('answers every lead with a 2xx in the end (a CRM retrying through the kills), never a 5xx or a refusal', (ctx) => {
    if (intakeMissing) ctx.skip('POST /webhooks/leads has not landed');
    expect(restarts).toBe(KILL_AT.length);
    expect(faultsInjected).toBeGreaterThan(0);
    expect(stats.refusals, stats.refusals.slice(0, 5).join('\n')).toEqual([]);
    expect(stats.serverErrors, stats.serverErrors.slice(0, 5).join('\n')).toEqual([]);
    expect(stats.accepted.size).toBe(LEADS);
  });

  it('loses no accepted lead: each has its DM', (ctx) => {
    if (intakeMissing) ctx.skip('POST /webhooks/leads has not landed');
    expect(lost, `${lost.length} lost, e.g. ${lost.slice(0, 10).join(', ')}`).toEqual([]);
  });

  it('sends no lead twice', (ctx) => {
    if (intakeMissing) ctx.skip('POST /webhooks/leads has not landed');
    expect(duplicated, `${duplicated.length} duplicated:\n${duplicateDetails}`).toEqual([]);
  });
});
