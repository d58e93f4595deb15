// 7. PostgreSQL. Lead intake over HTTP at 32 connections against a raw `pg` loop doing the same
// writes with the same pool size; one replica against two on one database; and speed to lead
// (from the CRM's POST to the DM reaching the stand-in Slack) at a steady 100 leads a second and
// for a burst of 10,000, on SQLite and on PostgreSQL. Needs a PostgreSQL server where it may
// create databases: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local one.

import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.ts';
import type { DatabaseHandle } from '../src/db/handle.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { SlackStandIn } from '../src/standin/slack-standin.ts';
import { leadDmTallyIn } from '../test/reliability/support/dm-count.ts';
import { dmLatencies, percentiles, type Percentiles } from '../test/reliability/support/latency.ts';
import { PROCESS_WEBHOOK_SECRET, startHandoffProcess, type HandoffProcess } from '../test/support/handoff-process.ts';
import { leadBody, leadId, makeOwners, ownerFor } from '../test/support/lead-bodies.ts';
import { waitUntil, type Bench, type BenchContext } from './support/context.ts';
import { runLoad, summarize } from './support/load.ts';
import type { Row } from './support/report.ts';
import { leadRequest } from './support/lead-requests.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const POOL = 10;
const CONNECTIONS = 32;
const INTAKE_LEADS = 5000;
const WARMUP = 500;
const STEADY_RATE = 100;
const STEADY_SECONDS = 20;
const BURST = 10_000;
/** Enough reps that Slack's one message a second per DM channel is not the whole story. */
const OWNERS = makeOwners(1000, 'PGB');
const GOAL_RATIO = 0.6;

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database on the server, migrated; dropped by the returned function. */
async function freshDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const db = `handoff_bench_${name}_${process.pid}`;
  await admin(async (c) => {
    await c.query(`drop database if exists ${db} with (force)`);
    await c.query(`create database ${db}`);
  });
  const u = new URL(SERVER);
  u.pathname = `/${db}`;
  return { url: u.toString(), drop: () => admin((c) => c.query(`drop database if exists ${db} with (force)`)).then(() => undefined) };
}

/** The baseline: raw pg writing the rows a lead costs Handoff (the lead, its event, its DM), one transaction each, 32 at a time on a pool of the app's size. */
async function rawPgIntake(url: string, count: number): Promise<{ perSecond: number; p50: number; p99: number }> {
  const handle = openDatabase(url);
  await migrateToLatest(handle.db);
  await handle.close();
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  const latencies: number[] = [];
  let next = 0;
  const began = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (next < count) {
      const b = leadBody(leadId('raw', next++)) as Record<string, any>;
      const at = new Date().toISOString();
      const t0 = performance.now();
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(`insert into leads (id, email, email_lower, name, title, company, owner_email, owner_slack_id, campaign_key, stage, score,
          activities, fields, status, delivery, qualification, received_at, updated_at)
          values ($1, $2, $3, $4, $5, $6, $7, null, $8, $9, $10, $11, $12, 'new', 'queued', $13, $14, $14) on conflict (id) do nothing`,
        [b.id, b.email, b.email.toLowerCase(), b.name, b.title, b.company, b.owner.email, b.campaign, b.stage, b.score, JSON.stringify(b.activities), JSON.stringify(b.fields), '{"qualified":true,"met":[],"failed":[]}', at]);
        await client.query("insert into lead_events (lead_id, type, actor, detail, at) values ($1, 'received', null, $2, $3)", [b.id, JSON.stringify({ campaign: b.campaign, stage: b.stage, owner: b.owner }), at]);
        await client.query(`insert into outbox (kind, target, payload, dedupe_key, status, attempts, next_attempt_at, ref_type, ref_id, created_at)
          values ('slack.post', 'UREP00001', $1, $2, 'pending', 0, $3, 'lead', $4, $3) on conflict (dedupe_key) do nothing`,
        [JSON.stringify({ channel: 'UREP00001', text: `New lead: ${b.name}`, blocks: [] }), `lead-dm:${b.id}`, at, b.id]);
        await client.query('commit');
      } finally {
        client.release();
      }
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - began) / 1000;
  await pool.end();
  const { p50, p99 } = summarize(latencies);
  return { perSecond: count / seconds, p50, p99 };
}

/** Intake throughput through `replicas` processes on one database, the load split evenly between them. */
async function intake(ctx: BenchContext, databaseUrl: string, replicas: number): Promise<{ perSecond: number; p99: number; accepted: number }> {
  const standIn = await SlackStandIn.start({ users: OWNERS });
  const apps: HandoffProcess[] = [];
  try {
    for (let r = 0; r < replicas; r++) apps.push(await startHandoffProcess({ databaseUrl, slackApiUrl: standIn.url, env: { LOG_LEVEL: 'error', DATABASE_POOL_SIZE: String(POOL) } }));
    const share = (amount: number) => Math.floor(amount / replicas);
    ctx.log(`postgres: intake through ${replicas} replica(s), ${INTAKE_LEADS} leads at ${CONNECTIONS} connections`);
    await Promise.all(apps.map((app, r) => runLoad({ url: app.url, connections: CONNECTIONS / replicas, amount: share(WARMUP), next: (i) => leadRequest(OWNERS, leadId(`warm${replicas}-${r}`, i), i) })));
    const began = performance.now();
    const results = await Promise.all(apps.map((app, r) => runLoad({ url: app.url, connections: CONNECTIONS / replicas, amount: share(INTAKE_LEADS), next: (i) => leadRequest(OWNERS, leadId(`lead${replicas}-${r}`, i), i) })));
    const seconds = (performance.now() - began) / 1000;
    const accepted = results.reduce((n, res) => n + (res.statuses['202'] ?? 0), 0);
    return { perSecond: accepted / seconds, p99: summarize(results.flatMap((res) => res.samples)).p99, accepted };
  } finally {
    for (const app of apps) await app.stop();
    await standIn.close();
  }
}

/** Leads at `rate` a second (or all at once when rate is Infinity) into one process; speed to lead per lead, in ms. */
async function speed(ctx: BenchContext, engine: string, databaseUrl: string, count: number, rate: number): Promise<Percentiles & { seconds: number }> {
  const standIn = await SlackStandIn.start({ users: OWNERS, perChannelPerSec: 1 });
  const app = await startHandoffProcess({ databaseUrl, slackApiUrl: standIn.url, env: { LOG_LEVEL: 'error', DATABASE_POOL_SIZE: String(POOL) } });
  const handle: DatabaseHandle = openDatabase(databaseUrl);
  const acceptedAt = new Map<string, number>();
  const ids = Array.from({ length: count }, (_, n) => leadId(`${engine}-${rate}`, n));
  try {
    ctx.log(`postgres: speed to lead on ${engine}, ${count} leads ${Number.isFinite(rate) ? `at ${rate}/s` : 'at once'}`);
    const began = performance.now();
    let next = 0;
    const post = async (n: number) => {
      const res = await fetch(`${app.url}/webhooks/leads`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${PROCESS_WEBHOOK_SECRET}` }, body: JSON.stringify(leadBody(ids[n], ownerFor(OWNERS, n))) });
      await res.text();
      if (res.status === 202) acceptedAt.set(ids[n], Date.now());
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (next < count) {
        const n = next++;
        // A steady rate: lead n leaves at n / rate seconds, as a CRM's workflow would send them.
        if (Number.isFinite(rate)) {
          const due = began + (n / rate) * 1000;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        await post(n);
      }
    }));
    await waitUntil(`a DM for each of ${count} leads on ${engine}`, async () => (await leadDmTallyIn(handle.db, standIn, ids)).perLead.size >= acceptedAt.size, 600_000, 500);
    const seconds = (performance.now() - began) / 1000;
    const tally = await leadDmTallyIn(handle.db, standIn, ids);
    return { ...percentiles(dmLatencies(tally, acceptedAt)), seconds };
  } finally {
    await handle.close();
    await app.stop();
    await standIn.close();
  }
}

async function reachable(): Promise<string | undefined> {
  try {
    await admin((c) => c.query('select 1'));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const s = (ms: number) => ms / 1000;

export const postgresBench: Bench = {
  name: 'postgres',
  async run(ctx) {
    const problem = await reachable();
    if (problem) {
      return [{ figure: 'PostgreSQL', handoff: null, baseline: null, unit: '', goal: '—', met: null, note: `not measured: PostgreSQL cannot be reached at ${SERVER} (${problem}); set BENCH_DATABASE_URL` }];
    }
    const rows: Row[] = [];
    const rawDb = await freshDatabase('raw');
    const one = await freshDatabase('one');
    const two = await freshDatabase('two');
    try {
      ctx.log(`postgres: raw pg, ${INTAKE_LEADS} leads, ${CONNECTIONS} at a time on ${POOL} connections`);
      const raw = await rawPgIntake(rawDb.url, INTAKE_LEADS);
      const single = await intake(ctx, one.url, 1);
      const double = await intake(ctx, two.url, 2);
      rows.push({
        figure: 'PostgreSQL lead intake (c=32)', handoff: single.perSecond, baseline: raw.perSecond, unit: 'leads/s', goal: `≥ ${GOAL_RATIO}× raw`, met: single.perSecond / raw.perSecond >= GOAL_RATIO,
        note: `${single.accepted} of ${INTAKE_LEADS} answered 202, p99 ${single.p99.toFixed(1)} ms; raw pg: lead + event + outbox row per transaction, ${CONNECTIONS} in flight on ${POOL} connections (p50 ${raw.p50.toFixed(1)} / p99 ${raw.p99.toFixed(1)} ms per transaction)`,
      });
      rows.push({
        figure: 'PostgreSQL lead intake, two replicas (c=32)', handoff: double.perSecond, baseline: single.perSecond, unit: 'leads/s', goal: '—', met: null,
        note: `${double.accepted} of ${INTAKE_LEADS} answered 202, p99 ${double.p99.toFixed(1)} ms; baseline: one replica on the same machine`,
      });
      for (const [label, count, rate] of [[`steady ${STEADY_RATE} leads/s for ${STEADY_SECONDS} s`, STEADY_RATE * STEADY_SECONDS, STEADY_RATE], [`burst of ${BURST.toLocaleString('en')}`, BURST, Infinity]] as const) {
        const sqliteRun = await speed(ctx, 'sqlite', `sqlite:${join(ctx.dir, `pg-bench-${rate}.db`)}`, count, rate);
        const pgDb = await freshDatabase(Number.isFinite(rate) ? 'steady' : 'burst');
        try {
          const pgRun = await speed(ctx, 'postgres', pgDb.url, count, rate);
          rows.push({
            figure: `${label}, ${OWNERS.length} reps: POST → DM p50 / p99 (PostgreSQL vs SQLite)`, handoff: s(pgRun.p99), baseline: s(sqliteRun.p99), unit: 's', goal: '—', met: null,
            note: `PostgreSQL p50 ${s(pgRun.p50).toFixed(2)} / p99 ${s(pgRun.p99).toFixed(2)} s, all DMs in ${pgRun.seconds.toFixed(0)} s; SQLite p50 ${s(sqliteRun.p50).toFixed(2)} / p99 ${s(sqliteRun.p99).toFixed(2)} s, all in ${sqliteRun.seconds.toFixed(0)} s`,
          });
        } finally {
          await pgDb.drop();
        }
      }
    } finally {
      for (const d of [rawDb, one, two]) await d.drop();
    }
    return rows;
  },
};
