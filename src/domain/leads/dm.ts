import type { Kysely } from 'kysely';
import type { Database, Lead } from '../../db/schema.ts';
import type { LeadDmData, NoticeOptions, Outgoing } from '../notices.ts';
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
export async function enqueueLeadDm(out: Outgoing, lead: Lead & { owner_slack_id: string }): Promise<boolean> {
  const moves = await out.trx.selectFrom('lead_events').select('id').where('lead_id', '=', lead.id).where('type', '=', 'reassigned').execute();
  const options = leadDmOptions(lead);
  const { created } = await out.post(lead.owner_slack_id, { type: 'lead.dm', data: await leadDmData(out.trx, lead) }, moves.length > 0 ? { ...options, dedupeKey: `lead-dm:${lead.id}:move-${moves.length}` } : options);
  return created;
}

/** How a lead's DM is queued: keyed by the lead, so it is queued once however often it is asked for. */
export function leadDmOptions(lead: Pick<Lead, 'id'>): NoticeOptions {
  return { dedupeKey: `lead-dm:${lead.id}`, refType: LEAD_DM_REF, refId: lead.id };
}

/** Re-renders a delivered DM (after an answer); a DM not delivered yet is re-rendered by its delivery hook. */
export async function enqueueLeadDmUpdate(out: Outgoing, lead: Lead): Promise<boolean> {
  if (!lead.dm_channel || !lead.dm_ts) return false;
  await out.update({ channel: lead.dm_channel, ts: lead.dm_ts }, { type: 'lead.dm', data: await leadDmData(out.trx, lead) });
  return true;
}
