import type { Kysely } from 'kysely';
import type { Database, Lead } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { enqueue } from '../../delivery/outbox.ts';
import { claimedMessage, claimOfferMessage } from '../../views/lead-claim.ts';
import { enqueueLeadDm } from './dm.ts';
import { addLeadEvent, findLead } from './queries.ts';

/** ref_type of a claim offer's outbox row. */
export const CLAIM_OFFER_REF = 'lead-claim';

/** Where unowned leads are offered: the sales channel, or marketing's when there is none. */
export function claimChannel(deps: Pick<Deps, 'config'>): string | undefined {
  return deps.config.salesChannel ?? deps.config.marketingChannel;
}

/** Queues the Claim offer of a lead nobody owns (once per lead), in the intake's transaction. */
export async function offerLeadToClaim(db: Kysely<Database>, now: Date, channel: string | undefined, lead: Lead): Promise<boolean> {
  if (!channel) return false;
  const message = claimOfferMessage(lead);
  const { created } = await enqueue(db, now, {
    kind: 'slack.post',
    target: channel,
    payload: { channel, text: message.text, blocks: message.blocks },
    dedupeKey: `lead-claim:${lead.id}`,
    refType: CLAIM_OFFER_REF,
    refId: lead.id,
  });
  return created;
}

export type ClaimOutcome = { kind: 'claimed'; lead: Lead } | { kind: 'taken'; owner: string } | { kind: 'gone' };

/**
 * The first click wins: the owner is set only while the lead has none (a conditional update, so
 * two clicks at once, on one replica or two, give it to one person). The winner's DM and the
 * offer's new text commit with the change.
 */
export async function claimLead(deps: Deps, leadId: string, by: string, offer: { channel: string; ts: string } | undefined): Promise<ClaimOutcome> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction().execute(async (trx): Promise<ClaimOutcome> => {
    const lead = await findLead(trx, leadId);
    if (!lead) return { kind: 'gone' };
    const updated = await trx
      .updateTable('leads')
      .set({ owner_slack_id: by, delivery: 'queued', updated_at: now.toISOString() })
      .where('id', '=', leadId)
      .where('owner_slack_id', 'is', null)
      .where('delivery', '=', 'unassigned')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return lead.owner_slack_id ? { kind: 'taken', owner: lead.owner_slack_id } : { kind: 'gone' };
    const claimed: Lead = { ...lead, owner_slack_id: by, delivery: 'queued' };
    await addLeadEvent(trx, now, deps.config, { leadId, type: 'claimed', actor: by });
    await enqueueLeadDm(trx, now, claimed as Lead & { owner_slack_id: string });
    if (offer) {
      const message = claimedMessage(claimed, by);
      await enqueue(trx, now, { kind: 'slack.update', target: offer.channel, payload: { channel: offer.channel, ts: offer.ts, text: message.text, blocks: message.blocks } });
    }
    return { kind: 'claimed', lead: claimed };
  });
  if (outcome.kind === 'claimed') deps.wakeOutbox();
  return outcome;
}
