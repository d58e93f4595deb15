import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import type { DatabaseHandle } from '../../src/db/handle.ts';
import { SlackStandIn } from '../../src/standin/slack-standin.ts';
import { createPostgresDatabase, HOW_TO_RUN_ON_POSTGRES, onPostgres } from '../support/databases.ts';
import { PEOPLE } from '../support/harness.ts';
import { startHandoffProcess, type HandoffProcess } from '../support/handoff-process.ts';
import { leadId } from '../support/lead-bodies.ts';
import { eventually } from '../support/spawn.ts';
import { leadDmTallyIn, lostAndDuplicated } from './support/dm-count.ts';
import { dmLatencies, inSeconds, percentiles } from './support/latency.ts';
import { deliverLead, leadBody, makeOwners, newStats, ownerFor, type DriverStats } from './support/lead-driver.ts';

const LEADS = Number(process.env.HANDOFF_REPLICA_LEADS ?? 5000);
const REPLICAS = 3;
const OWNERS = 250;
const CONCURRENCY = 24;
/** The one replica killed with SIGKILL, at these fractions of the leads sent, and started again. */
const VICTIM = 1;
const KILL_AT = [0.35, 0.7];
const FAULTS = { rate429: 0.1, rate5xx: 0.05, seed: 20261206 };
/**
 * Leads with a four-minute SLA, so every replica's lead-sla job (each minute) wants to remind them
 * at two and escalate them at four: the reminder's two-minute window always holds a run of the job.
 */
const URGENT = 10;
const DIGEST_CHANNEL = 'CDIGEST001';
const SALES = 'CSALES0001';

if (!onPostgres) console.log(`Replica test skipped: it needs PostgreSQL; ${HOW_TO_RUN_ON_POSTGRES}`);

describe.skipIf(!onPostgres)(`${REPLICAS} replicas on one PostgreSQL database: ${LEADS} leads while Slack fails and one replica is killed twice`, () => {
  let stats: DriverStats;
  let standIn: SlackStandIn;
  let handle: DatabaseHandle;
  const urgentIds = Array.from({ length: URGENT }, (_, n) => leadId('urgent', n));
  const ids = Array.from({ length: LEADS }, (_, n) => leadId('replica', n));
  let restarts = 0;
  let summary: Record<string, unknown> = {};
  const replicas: HandoffProcess[] = [];

  beforeAll(async () => {
    const databaseUrl = await createPostgresDatabase();
    handle = openDatabase(databaseUrl);
    const owners = makeOwners(OWNERS);
    standIn = await SlackStandIn.start({ users: [...Object.values(PEOPLE), ...owners], randomFaults: FAULTS });
    const env = {
      DIGEST_CHANNELS: DIGEST_CHANNEL,
      // Every minute: each replica's scheduler wants the digest each minute; it is posted once a week.
      DIGEST_CRON: '* * * * *',
      LEAD_SLA: 'decision=4m,consideration=24h,awareness=72h,default=24h',
      DATABASE_POOL_SIZE: '5',
      LOG_LEVEL: 'warn',
    };
    const start = () => startHandoffProcess({ databaseUrl, slackApiUrl: standIn.url, env });
    // Started together: the migrations take turns under PostgreSQL's advisory lock.
    replicas.push(...(await Promise.all(Array.from({ length: REPLICAS }, start))));
    const began = performance.now();
    stats = newStats();
    const killAt = KILL_AT.map((f) => Math.floor(f * LEADS));
    let next = 0;
    let restarting: Promise<void> | undefined;
    const restart = async () => {
      await replicas[VICTIM].kill();
      replicas[VICTIM] = await start();
      restarts++;
    };
    const urgent = urgentIds.map((id, n) => deliverLead(() => replicas[n % REPLICAS].url, id, { ...leadBody(id, ownerFor(owners, n)), stage: 'decision' }, stats));
    await Promise.all([...urgent, ...Array.from({ length: CONCURRENCY }, async () => {
      while (next < ids.length) {
        const n = next++;
        if (killAt.includes(n)) await (restarting = restart());
        // Lead n goes to replica n mod 3: the victim's share keeps coming while it is down, as a
        // load balancer would send it until its health check fails; the CRM retries.
        await deliverLead(() => replicas[n % REPLICAS].url, ids[n], leadBody(ids[n], ownerFor(owners, n)), stats);
      }
    })]);
    void restarting;
    const intakeSeconds = (performance.now() - began) / 1000;

    const all = [...ids, ...urgentIds];
    await eventually(async () => lostAndDuplicated(await leadDmTallyIn(handle.db, standIn, all), all.filter((id) => stats.accepted.has(id))).lost.length === 0, {
      timeoutMs: 300_000, intervalMs: 1000, what: 'a DM for every accepted lead',
    }).catch(() => undefined);
    const deliveredSeconds = (performance.now() - began) / 1000;
    // The urgent leads' escalations come four minutes after their DMs, at the lead-sla job's next run.
    await eventually(async () => (await handle.db.selectFrom('leads').select('id').where('id', 'in', urgentIds).where('escalated_at', 'is', null).execute()).length === 0, {
      timeoutMs: 360_000, intervalMs: 1000, what: 'every urgent lead to be escalated',
    }).catch(() => undefined);
    await eventually(async () => (await pending()) === 0, { timeoutMs: 120_000, intervalMs: 500, what: 'the outbox to drain' }).catch(() => undefined);
    const tally = await leadDmTallyIn(handle.db, standIn, all);
    const faults = standIn.calls.filter((c) => c.fault).length;
    summary = {
      leads: LEADS + URGENT, accepted: stats.accepted.size, answers: stats.answers, restarts, requestsCutByKills: stats.connectionErrors,
      serverErrors: stats.serverErrors.length, faultsInjected: faults,
      speedToLead: inSeconds(percentiles(dmLatencies(tally, stats.acceptedAt))),
      intakeSeconds: Math.round(intakeSeconds), allDeliveredSeconds: Math.round(deliveredSeconds), totalSeconds: Math.round((performance.now() - began) / 1000),
    };
    console.log(`REPLICAS ${JSON.stringify(summary)}`);
  }, 900_000);

  afterAll(async () => {
    for (const r of replicas) await r.stop().catch(() => undefined);
    await handle?.close();
    await standIn?.close();
  });

  const pending = async () => Number((await handle.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow()).n);

  it('answers every lead with a 2xx in the end and stores each once', async () => {
    expect(restarts).toBe(KILL_AT.length);
    expect(summary.faultsInjected).toBeGreaterThan(0);
    expect(stats.refusals, stats.refusals.slice(0, 5).join('\n')).toEqual([]);
    expect(stats.accepted.size).toBe(LEADS + URGENT);
    const stored = await handle.db.selectFrom('leads').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(LEADS + URGENT);
    const received = await handle.db.selectFrom('lead_events').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'received').executeTakeFirstOrThrow();
    expect(Number(received.n)).toBe(LEADS + URGENT);
  });

  it('delivers every lead’s DM exactly once', async () => {
    const tally = await leadDmTallyIn(handle.db, standIn, [...ids, ...urgentIds]);
    // The urgent leads' reminders are DMs about them too: they are counted on their own below.
    const { lost, duplicated } = lostAndDuplicated(tally, ids);
    expect(lost, `${lost.length} lost, e.g. ${lost.slice(0, 10).join(', ')}`).toEqual([]);
    expect(duplicated, `${duplicated.length} duplicated, e.g. ${duplicated.slice(0, 10).join(', ')}`).toEqual([]);
  });

  it('posts the weekly digest once, though every replica’s scheduler ran it each minute', () => {
    expect(standIn.messages(DIGEST_CHANNEL)).toHaveLength(1);
  });

  it('reminds each urgent lead’s rep once and escalates each lead once', () => {
    for (const [n, id] of urgentIds.entries()) {
      const name = `Prospect ${id}`;
      const owner = makeOwners(OWNERS)[n % OWNERS];
      const dms = standIn.messages(standIn.dmChannelFor(owner.id)).filter((m) => `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`.includes(name));
      expect(dms.filter((m) => !m.text?.startsWith('⏳')), `the DM of ${id}`).toHaveLength(1);
      expect(dms.filter((m) => m.text?.startsWith('⏳')), `reminders for ${id}`).toHaveLength(1);
      const escalations = standIn.messages(SALES).filter((m) => (m.text ?? '').includes(name) || JSON.stringify(m.blocks ?? []).includes(name));
      expect(escalations, `escalations of ${id}`).toHaveLength(1);
    }
  });

  it('leaves nothing in the outbox', async () => {
    expect(await pending()).toBe(0);
  });
});
