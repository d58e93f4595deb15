// Fixtures for ratings and digest tests: rows other features own (campaigns, assets, leads),
// inserted directly so these tests do not depend on how those features take them in.
import type { Kysely } from 'kysely';
import type { Database, NewLead } from '../../src/db/schema.ts';

export interface SeededCampaign {
  id: number;
  key: string;
  name: string;
  assets: Array<{ id: number; title: string }>;
}

export async function seedCampaign(
  db: Kysely<Database>,
  opts: { key: string; name?: string; status?: 'active' | 'archived'; startsOn?: string; assets?: Array<{ title: string; removed?: boolean; createdAt?: string }>; at?: string },
): Promise<SeededCampaign> {
  const at = opts.at ?? '2026-11-01T09:00:00.000Z';
  const campaign = await db
    .insertInto('campaigns')
    .values({
      key: opts.key, name: opts.name ?? opts.key, goal: null, audience: null, stage: null, offer: null,
      key_messages: '[]', talking_points: '[]', starts_on: opts.startsOn ?? null, ends_on: null,
      owner_slack_id: null, owner_email: 'marketer@yourco.example', status: opts.status ?? 'active', created_by: null,
      created_at: at, updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const assets: SeededCampaign['assets'] = [];
  for (const [i, a] of (opts.assets ?? []).entries()) {
    const row = await db
      .insertInto('campaign_assets')
      .values({
        campaign_id: campaign.id, title: a.title, url: `https://content.example/${opts.key}/${i}`, kind: 'ebook', position: i,
        removed_at: a.removed ? at : null, created_at: a.createdAt ?? at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assets.push({ id: row.id, title: a.title });
  }
  return { id: campaign.id, key: opts.key, name: opts.name ?? opts.key, assets };
}

let leadSeq = 0;

/** A lead as the leads feature would have stored it; every field can be overridden. */
export function leadRow(over: Partial<NewLead> & { received_at: string }): NewLead {
  leadSeq += 1;
  const email = over.email ?? `prospect${leadSeq}@prospect.example`;
  return {
    id: `crm-${leadSeq}-${Math.random().toString(36).slice(2, 8)}`,
    email,
    email_lower: email.toLowerCase(),
    name: `Prospect ${leadSeq}`,
    title: 'CTO',
    company: `Company ${leadSeq}`,
    owner_email: 'rep@yourco.example',
    owner_slack_id: 'UREP00001',
    campaign_key: null,
    stage: 'consideration',
    score: 70,
    activities: '[]',
    fields: '{}',
    status: 'new',
    delivery: 'delivered',
    qualification: null,
    delivered_at: over.received_at,
    answered_at: null,
    answered_by: null,
    reject_reason: null,
    reject_comment: null,
    reminded_at: null,
    escalated_at: null,
    dm_channel: null,
    dm_ts: null,
    updated_at: over.received_at,
    ...over,
  };
}

export async function seedLeads(db: Kysely<Database>, rows: NewLead[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('leads').values(rows.slice(i, i + 200)).execute();
}

/** Waits until the outbox has sent everything it holds (so the stand-in shows all there will be). */
export async function outboxDrained(db: Kysely<Database>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const left = await db.selectFrom('outbox').select('id').where('status', '=', 'pending').execute();
    if (left.length === 0) return;
    if (Date.now() > until) throw new Error(`${left.length} outbox row(s) still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
