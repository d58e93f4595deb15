// Counting lead DMs as Slack would show them: every message the stand-in stored, traced to its
// lead through the outbox id the sender puts in the message metadata (or, failing that, the
// lead's unique email in the text).

import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/db/schema.ts';
import type { SlackStandIn } from '../../../src/standin/slack-standin.ts';
import { leadEmail } from '../../support/lead-bodies.ts';

export interface DmSeen { outboxId: string | undefined; channel: string; ts: string }
export interface DmTally { perLead: Map<string, number>; seen: Map<string, DmSeen[]>; untraced: number }

export function leadDmTally(standIn: SlackStandIn, databasePath: string, leadIds: Iterable<string>): DmTally {
  const db = new SQLite(databasePath, { readonly: true, fileMustExist: true });
  const rows = db.prepare("select id, ref_id from outbox where ref_type = 'lead' and kind = 'slack.post'").all() as { id: number; ref_id: string }[];
  db.close();
  return tallyDms(standIn, rows, leadIds);
}

/** The same, reading the outbox through the app's own database layer (any engine). */
export async function leadDmTallyIn(db: Kysely<Database>, standIn: SlackStandIn, leadIds: Iterable<string>): Promise<DmTally> {
  const rows = await db.selectFrom('outbox').select(['id', 'ref_id']).where('ref_type', '=', 'lead').where('kind', '=', 'slack.post').execute();
  return tallyDms(standIn, rows.map((r) => ({ id: r.id, ref_id: r.ref_id ?? '' })), leadIds);
}

function tallyDms(standIn: SlackStandIn, rows: { id: number; ref_id: string }[], leadIds: Iterable<string>): DmTally {
  const leadOfOutbox = new Map(rows.map((r) => [String(r.id), r.ref_id]));
  const byEmail = new Map([...leadIds].map((id) => [leadEmail(id), id]));
  const perLead = new Map<string, number>();
  const seen = new Map<string, DmSeen[]>();
  let untraced = 0;
  for (const m of standIn.messages()) {
    if (m.channel.startsWith('C')) continue; // channel notices, not DMs
    const outboxId = m.metadata?.event_payload?.outbox_id;
    let lead = outboxId !== undefined ? leadOfOutbox.get(String(outboxId)) : undefined;
    if (lead === undefined) {
      const haystack = `${m.text ?? ''} ${JSON.stringify(m.blocks ?? [])}`;
      lead = [...byEmail].find(([email]) => haystack.includes(email))?.[1];
    }
    if (lead === undefined) { untraced++; continue; }
    perLead.set(lead, (perLead.get(lead) ?? 0) + 1);
    seen.set(lead, [...(seen.get(lead) ?? []), { outboxId: outboxId === undefined ? undefined : String(outboxId), channel: m.channel, ts: m.ts }]);
  }
  return { perLead, seen, untraced };
}

export function lostAndDuplicated(tally: DmTally, accepted: Iterable<string>): { lost: string[]; duplicated: string[] } {
  const lost: string[] = [];
  const duplicated: string[] = [];
  for (const id of accepted) {
    const n = tally.perLead.get(id) ?? 0;
    if (n === 0) lost.push(id);
    if (n > 1) duplicated.push(id);
  }
  return { lost, duplicated };
}

/** Outbox rows still waiting to go: zero means nothing more will reach Slack. */
export function pendingOutbox(databasePath: string): number {
  const db = new SQLite(databasePath, { readonly: true });
  try {
    return (db.prepare("select count(*) as n from outbox where status = 'pending'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** What Slack shows for a lead sent more than once, and what the outbox knows of each copy: for failure messages. */
export function describeDuplicates(tally: DmTally, databasePath: string, leads: string[], standIn?: SlackStandIn): string {
  const db = new SQLite(databasePath, { readonly: true });
  try {
    const row = db.prepare('select id, status, attempts, dedupe_key, last_error, uncertain_at, claimed_by, sent_at, result from outbox where id = ?');
    return leads.map((lead) => {
      const seen = tally.seen.get(lead) ?? [];
      const copies = seen.map((c) => `    ts ${c.ts} in ${c.channel}, outbox ${c.outboxId}: ${JSON.stringify(c.outboxId ? row.get(c.outboxId) : null)}`);
      // Every Slack call about that conversation: what the sender tried, and what it was answered.
      const channel = seen[0]?.channel;
      const user = channel ? `U${channel.slice(1)}` : undefined;
      const calls = (standIn?.calls ?? [])
        .filter((c) => c.args.channel === channel || c.args.channel === user || c.args.users === user)
        .map((c) => `    ${(c.at / 1000).toFixed(3)} ${c.method} → ${c.status}${c.fault ? ` (${c.fault})` : ''}${c.ok ? '' : ` ${c.error ?? ''}`}${c.args.metadata ? ` outbox ${c.args.metadata?.event_payload?.outbox_id}` : ''}`);
      return `  ${lead}:\n${copies.join('\n')}\n  Slack calls for ${channel}:\n${calls.join('\n')}`;
    }).join('\n');
  } catch (error) {
    return String(error);
  } finally {
    db.close();
  }
}
