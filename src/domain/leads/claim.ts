import type { Kysely } from 'kysely';
import type { Database, Lead } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Outgoing } from '../notices.ts';
import { enqueueLeadDm } from './dm.ts';
import { moveLead } from './move.ts';
import { addLeadEvent, findLead, findLeadForUpdate } from './queries.ts';

/** ref_type of a claim offer's outbox row. */
export const CLAIM_OFFER_REF = 'lead-claim';

/** Where unowned leads are offered: the sales channel, or marketing's when there is none. */
export function claimChannel(deps: Pick<Deps, 'config'>): string | undefined {
  return deps.config.salesChannel ?? deps.config.marketingChannel;
}

/** Queues the Claim offer of a lead nobody owns (once per lead), in the intake's transaction. */
export async function offerLeadToClaim(out: Outgoing, channel: string | undefined, lead: Lead): Promise<boolean> {
  if (!channel) return false;
  const { created } = await out.post(channel, { type: 'lead.claim_offer', lead }, { dedupeKey: `lead-claim:${lead.id}`, refType: CLAIM_OFFER_REF, refId: lead.id });
  return created;
}

export type ClaimOutcome =
  | { kind: 'claimed'; lead: Lead; from: string | null }
  | { kind: 'taken'; owner: string }
  | { kind: 'answered'; lead: Lead }
  | { kind: 'gone' };

/**
 * Why a lead can be claimed: nobody owns it, it waited past its SLA and was escalated (a claim
 * starts a new clock, so it is claimed once), or its owner was away when it arrived and it was
 * offered to this rep.
 */
async function claimable(db: Kysely<Database>, lead: Lead, by: string): Promise<boolean> {
  if (lead.status !== 'new') return false;
  if ((lead.owner_slack_id === null && lead.delivery === 'unassigned') || lead.escalated_at !== null) return true;
  const offered = await db.selectFrom('lead_events').select('detail').where('lead_id', '=', lead.id).where('type', '=', 'offered').execute();
  return offered.some((o) => o.detail?.includes(`"${by}"`));
}

/** The owner is away: the lead goes to them as usual, and is offered to `cover` too (the first to answer owns it). */
export async function offerToCover(deps: Pick<Deps, 'config'>, out: Outgoing, lead: Lead, cover: string, ownerAway: string): Promise<void> {
  await out.post(cover, { type: 'lead.away_offer', lead, owner: lead.owner_slack_id!, ownerAway }, { dedupeKey: `lead-away-offer:${lead.id}:${cover}` });
  await addLeadEvent(out.trx, out.now, deps.config, { leadId: lead.id, type: 'offered', detail: { to: cover, why: `<@${lead.owner_slack_id}> is ${ownerAway}` } });
}

/**
 * The first click wins: the update is conditional on the owner the click saw (so two clicks at
 * once, on one replica or two, give it to one person). A lead that was escalated moves from its
 * owner, whose DM is edited to say where it went. The winner's DM and the offer's new text commit
 * with the change.
 */
export async function claimLead(deps: Pick<Deps, 'config' | 'notices'>, leadId: string, by: string, offer: { channel: string; ts: string } | undefined): Promise<ClaimOutcome> {
  return deps.notices.transaction(async (out): Promise<ClaimOutcome> => {
    const { trx, now } = out;
    const lead = await findLeadForUpdate(trx, leadId);
    if (!lead) return { kind: 'gone' };
    if (lead.owner_slack_id === by && lead.delivery !== 'unassigned') return { kind: 'taken', owner: by };
    if (!(await claimable(trx, lead, by))) return lead.status === 'new' && lead.owner_slack_id ? { kind: 'taken', owner: lead.owner_slack_id } : { kind: 'answered', lead };
    const from = lead.owner_slack_id;
    const covering = Boolean(from) && lead.escalated_at === null;
    const why = !from ? 'claimed in the sales channel: nobody owned it' : covering ? `took it while <@${from}> is away` : `claimed in the sales channel after it waited past its SLA with <@${from}>`;
    const claimed: Lead = { ...lead, owner_slack_id: by, owner_email: from ? null : lead.owner_email, delivery: 'queued', dm_channel: null, dm_ts: null, delivered_at: null, reminded_at: null, escalated_at: null };
    const taken = async (): Promise<ClaimOutcome> => {
      const now2 = await findLead(trx, leadId);
      return now2?.owner_slack_id ? { kind: 'taken', owner: now2.owner_slack_id } : { kind: 'gone' };
    };
    if (from) {
      // From its owner: moved as the ladder moves leads (their DM says where it went).
      if (!(await moveLead(deps, out, lead, by, why, covering ? 'covered' : 'claimed'))) return taken();
      await addLeadEvent(trx, now, deps.config, { leadId, type: 'claimed', actor: by, detail: { why, from: { slack_user_id: from } } });
    } else {
      const updated = await trx
        .updateTable('leads')
        // The new owner's clock starts at their DM: their reminder, their escalation.
        .set({ owner_slack_id: by, delivery: 'queued', dm_channel: null, dm_ts: null, delivered_at: null, reminded_at: null, escalated_at: null, updated_at: now.toISOString() })
        .where('id', '=', leadId)
        .where('status', '=', 'new')
        .where('owner_slack_id', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return taken();
      await addLeadEvent(trx, now, deps.config, { leadId, type: 'claimed', actor: by, detail: { why } });
      await enqueueLeadDm(out, claimed as Lead & { owner_slack_id: string });
    }
    if (offer) {
      await out.update(offer, { type: 'lead.claimed', lead: claimed, by, from });
    }
    return { kind: 'claimed', lead: claimed, from };
  });
}
