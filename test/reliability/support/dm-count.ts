// Counting lead DMs as Slack would show them: every message the stand-in stored, traced to its
// lead through the outbox id the sender puts in the message metadata (or, failing that, the
// lead's unique email in the text).

import SQLite from 'better-sqlite3';
import type { SlackStandIn } from '../../../src/standin/slack-standin.ts';
import { leadEmail } from '../../support/lead-bodies.ts';

export interface DmTally { perLead: Map<string, number>; untraced: number }

export function leadDmTally(standIn: SlackStandIn, databasePath: string, leadIds: Iterable<string>): DmTally {
  const db = new SQLite(databasePath, { readonly: true, fileMustExist: true });
  const rows = db.prepare("select id, ref_id from outbox where ref_type = 'lead' and kind = 'slack.post'").all() as { id: number; ref_id: string }[];
  db.close();
  const leadOfOutbox = new Map(rows.map((r) => [String(r.id), r.ref_id]));
  const byEmail = new Map([...leadIds].map((id) => [leadEmail(id), id]));
  const perLead = new Map<string, number>();
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
  }
  return { perLead, untraced };
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
