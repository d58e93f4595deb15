import type { Lead } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Outgoing } from '../notices.ts';
import type { MoveReason } from './move.ts';
import type { DeliveryHook } from '../../delivery/hooks.ts';
import { isAnswered } from './model.ts';
import { enqueueLeadDmUpdate, LEAD_DM_REF } from './dm.ts';
import { addLeadEvent, findLeadForUpdate } from './queries.ts';

/**
 * What Slack answers a DM to someone whose account is gone: conversations.open refuses a
 * deactivated or unknown user, and the DM of a deactivated account is archived.
 */
const OWNER_GONE_ERRORS = new Set(['user_not_found', 'user_disabled', 'is_archived', 'channel_not_found', 'cannot_dm_bot']);

/**
 * Told by the outbox sender what became of a lead's DM: records where it landed (the ts every
 * later chat.update needs) and the 'delivered' event, or marks the delivery failed.
 */
export const leadDmDelivered: DeliveryHook = async (deps, leadId, outcome) => {
  const ownerGone = await deps.notices.transaction(async (out) => {
    const { trx, now } = out;
    const at = now.toISOString();
    const lead = await findLeadForUpdate(trx, leadId);
    if (!lead) return null;
    if (!outcome.ok) {
      await trx.updateTable('leads').set({ delivery: 'failed', updated_at: at }).where('id', '=', leadId).where('delivery', '!=', 'delivered').execute();
      await addLeadEvent(trx, now, deps.config, { leadId, type: 'delivery_failed', detail: { error: outcome.error } });
      return OWNER_GONE_ERRORS.has(outcome.error) ? lead.owner_slack_id : null;
    }
    if (outcome.to && lead.owner_slack_id && outcome.to.startsWith('U') && outcome.to !== lead.owner_slack_id) {
      // The lead moved to someone else while this DM was on its way (a claim, a cover): it is not
      // the lead's DM any more; it tells its reader where the lead went.
      await tellStaleDm(out, lead, outcome.channel, outcome.ts);
      return null;
    }
    const updated = await trx
      .updateTable('leads')
      .set({ delivery: 'delivered', delivered_at: lead.delivered_at ?? at, dm_channel: outcome.channel, dm_ts: outcome.ts, updated_at: at })
      .where('id', '=', leadId)
      .where('delivery', '!=', 'delivered')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return null;
    await addLeadEvent(trx, now, deps.config, { leadId, type: 'delivered', detail: { channel: outcome.channel, ts: outcome.ts } });
    // Answered before the DM landed (e.g. /hotlead): show the answer on the DM too.
    if (isAnswered(lead)) await enqueueLeadDmUpdate(out, { ...lead, dm_channel: outcome.channel, dm_ts: outcome.ts });
    // The new lead now waits on its owner's Home too.
    out.refreshHome(lead.owner_slack_id);
    return null;
  });
  if (ownerGone) {
    // What we learned of this person is no longer true: later leads for their email wait for Slack's answer instead.
    deps.owners.kick(await deps.directory.doubtUser(ownerGone));
  }
};

/**
 * The outbox marks a DM sent and then runs the hook above; a process killed in between leaves
 * a lead 'queued' whose DM did arrive. This finds such leads and records what the outbox knows.
 */
export async function reconcileLeadDeliveries(deps: Deps): Promise<number> {
  const rows = await deps.db
    .selectFrom('outbox')
    .innerJoin('leads', 'leads.id', 'outbox.ref_id')
    .select(['outbox.ref_id as leadId', 'outbox.status', 'outbox.result', 'outbox.last_error', 'outbox.target'])
    .where('outbox.ref_type', '=', LEAD_DM_REF)
    .where('outbox.status', 'in', ['sent', 'failed'])
    .where('leads.delivery', '=', 'queued')
    .limit(500)
    .execute();
  for (const row of rows) {
    const result = row.result ? (JSON.parse(row.result) as { channel?: string; ts?: string }) : {};
    const outcome = row.status === 'sent' && result.channel && result.ts
      ? { ok: true as const, channel: result.channel, ts: result.ts, to: row.target }
      : { ok: false as const, error: row.last_error ?? 'failed' };
    await leadDmDelivered(deps, row.leadId!, outcome);
  }
  return rows.length;
}

/** Edits a DM that reached a former owner after the lead moved, as moveLead edits one that had landed. */
async function tellStaleDm(out: Outgoing, lead: Lead, channel: string, ts: string): Promise<void> {
  const moved = await out.trx.selectFrom('lead_events').select('detail').where('lead_id', '=', lead.id).where('type', '=', 'reassigned').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const reason = moveReasonOf(moved?.detail ?? null);
  await out.update({ channel, ts }, { type: 'lead.moved', before: lead, after: lead, why: reason });
}

function moveReasonOf(detail: string | null): MoveReason {
  try {
    const reason = (JSON.parse(detail ?? '{}') as { reason?: unknown }).reason;
    return reason === 'claimed' || reason === 'covered' || reason === 'unanswered' ? reason : 'crm';
  } catch {
    return 'crm';
  }
}
