import type { Lead } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Outgoing } from '../notices.ts';
import { enqueueLeadDm } from './dm.ts';
import { addLeadEvent } from './queries.ts';

export type MoveReason = 'claimed' | 'covered' | 'unanswered' | 'crm';

/**
 * Moves an unanswered lead from its owner to `to`, in the caller's transaction: conditional on
 * the owner and status read, the new owner's clock starting at their DM, the old DM edited to say
 * where it went, `reassigned` with why. False when the lead changed meanwhile.
 */
export async function moveLead(deps: Pick<Deps, 'config'>, out: Outgoing, lead: Lead, to: string, why: string, reason: Exclude<MoveReason, 'crm'>): Promise<boolean> {
  const { trx, now } = out;
  const from = lead.owner_slack_id;
  const updated = await trx
    .updateTable('leads')
    .set({ owner_slack_id: to, owner_email: null, delivery: 'queued', dm_channel: null, dm_ts: null, delivered_at: null, reminded_at: null, escalated_at: null, updated_at: now.toISOString() })
    .where('id', '=', lead.id)
    .where('status', '=', 'new')
    .where((eb) => (from === null ? eb('owner_slack_id', 'is', null) : eb('owner_slack_id', '=', from)))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  const moved: Lead = { ...lead, owner_slack_id: to, owner_email: null, delivery: 'queued', dm_channel: null, dm_ts: null, delivered_at: null, reminded_at: null, escalated_at: null };
  await addLeadEvent(trx, now, deps.config, {
    leadId: lead.id,
    type: 'reassigned',
    actor: reason === 'unanswered' ? null : to,
    // The reason, kept apart from the words, lets a DM that lands late on the old owner say it too.
    detail: { from: from ? { slack_user_id: from, email: lead.owner_email } : null, to: { slack_user_id: to, email: null }, why, reason },
  });
  if (lead.dm_channel && lead.dm_ts) {
    await out.update({ channel: lead.dm_channel, ts: lead.dm_ts }, { type: 'lead.moved', before: lead, after: moved, why: reason });
  }
  await enqueueLeadDm(out, moved as Lead & { owner_slack_id: string });
  return true;
}
