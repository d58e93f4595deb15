import type { Kysely } from 'kysely';
import type { Database, Lead } from '../../db/schema.ts';
import { enqueue, type OutboxItem, type SlackPostPayload, type SlackUpdatePayload } from '../../delivery/outbox.ts';
import { buildLeadDm, type LeadDmData } from '../../views/lead-dm.ts';
import { findCampaignByKey } from '../campaigns/queries.ts';
import { leadAnswers } from './queries.ts';

/** ref_type of the lead DM's outbox row: its delivery hook records the message's channel and ts. */
export const LEAD_DM_REF = 'lead';

export async function leadDmData(db: Kysely<Database>, lead: Lead): Promise<LeadDmData> {
  const campaign = lead.campaign_key ? await findCampaignByKey(db, lead.campaign_key) : undefined;
  return { lead, campaign, answers: await leadAnswers(db, lead.id) };
}

/**
 * Queues the lead's DM to its owner; once per lead and owner, however often it is asked for:
 * after the CRM moves the lead to someone else, the new owner's DM is keyed by that move.
 */
export async function enqueueLeadDm(db: Kysely<Database>, now: Date, lead: Lead & { owner_slack_id: string }): Promise<boolean> {
  const moves = await db.selectFrom('lead_events').select('id').where('lead_id', '=', lead.id).where('type', '=', 'reassigned').execute();
  const item = leadDmItem(lead, await leadDmData(db, lead), now);
  const { created } = await enqueue(db, now, moves.length > 0 ? { ...item, dedupeKey: `lead-dm:${lead.id}:move-${moves.length}` } : item);
  return created;
}

/** The outbox item of a lead's DM: keyed by the lead, so it is queued once however often it is asked for. */
export function leadDmItem(lead: Lead & { owner_slack_id: string }, data: LeadDmData, now: Date): OutboxItem {
  const message = buildLeadDm(data, now);
  const payload: SlackPostPayload = { channel: lead.owner_slack_id, text: message.text, blocks: message.blocks };
  return { kind: 'slack.post', target: lead.owner_slack_id, payload, dedupeKey: `lead-dm:${lead.id}`, refType: LEAD_DM_REF, refId: lead.id };
}

/** Re-renders a delivered DM (after an answer); a DM not delivered yet is re-rendered by its delivery hook. */
export async function enqueueLeadDmUpdate(db: Kysely<Database>, now: Date, lead: Lead): Promise<boolean> {
  if (!lead.dm_channel || !lead.dm_ts) return false;
  const message = buildLeadDm(await leadDmData(db, lead), now);
  const payload: SlackUpdatePayload = { channel: lead.dm_channel, ts: lead.dm_ts, text: message.text, blocks: message.blocks };
  await enqueue(db, now, { kind: 'slack.update', target: lead.dm_channel, payload });
  return true;
}
