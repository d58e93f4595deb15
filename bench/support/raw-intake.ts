// The intake baseline: raw better-sqlite3 writing the rows a lead costs Handoff (the lead, its
// 'received' event, its DM in the outbox) with the app's own pragmas (WAL, synchronous=FULL),
// through the app's migrations so the indexes are the same. No HTTP, no validation, no Kysely.

import { openSqliteDatabase as openDatabase } from '../../src/db/sqlite.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { leadBody, leadId } from '../../test/support/lead-bodies.ts';
import { summarize } from './load.ts';

export interface RawIntakeResult { leads: number; perSecond: number; p50: number; p99: number }

/** Inserts `count` leads, `perTransaction` to a commit (1 = one fsync per lead, like Handoff's intake). */
export async function rawIntake(path: string, count: number, perTransaction = 1): Promise<RawIntakeResult> {
  const handle = openDatabase(path);
  await migrateToLatest(handle.db);
  const db = handle.sqlite;
  const insertLead = db.prepare(`insert into leads (id, email, email_lower, name, title, company, owner_email, owner_slack_id, campaign_key, stage, score,
    activities, fields, status, delivery, qualification, received_at, updated_at)
    values (@id, @email, @email_lower, @name, @title, @company, @owner_email, null, @campaign_key, @stage, @score,
    @activities, @fields, 'new', 'queued', @qualification, @at, @at) on conflict (id) do nothing`);
  const insertEvent = db.prepare("insert into lead_events (lead_id, type, actor, detail, at) values (?, 'received', null, ?, ?)");
  const insertDm = db.prepare(`insert into outbox (kind, target, payload, dedupe_key, status, attempts, next_attempt_at, ref_type, ref_id, created_at)
    values ('slack.post', 'UREP00001', ?, ?, 'pending', 0, ?, 'lead', ?, ?) on conflict (dedupe_key) do nothing`);
  const write = db.transaction((bodies: Record<string, any>[]) => {
    for (const b of bodies) {
      const at = new Date().toISOString();
      insertLead.run({
        id: b.id, email: b.email, email_lower: b.email.toLowerCase(), name: b.name, title: b.title, company: b.company, owner_email: b.owner.email,
        campaign_key: b.campaign, stage: b.stage, score: b.score, activities: JSON.stringify(b.activities), fields: JSON.stringify(b.fields),
        qualification: '{"qualified":true,"met":[],"failed":[]}', at,
      });
      insertEvent.run(b.id, JSON.stringify({ campaign: b.campaign, stage: b.stage, owner: b.owner }), at);
      insertDm.run(JSON.stringify({ channel: 'UREP00001', text: `New lead: ${b.name}`, blocks: [] }), `lead-dm:${b.id}`, at, b.id, at);
    }
  });
  const latencies: number[] = [];
  const began = performance.now();
  for (let start = 0; start < count; start += perTransaction) {
    const bodies = Array.from({ length: Math.min(perTransaction, count - start) }, (_, k) => leadBody(leadId('raw', start + k)));
    const t0 = performance.now();
    write(bodies);
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - began) / 1000;
  await handle.close();
  const { p50, p99 } = summarize(latencies);
  return { leads: count, perSecond: count / seconds, p50, p99 };
}
