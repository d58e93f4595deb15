import type { DeliveryHook } from '../../delivery/hooks.ts';
import { isAnswered } from './model.ts';
import { enqueueLeadDmUpdate } from './dm.ts';
import { addLeadEvent, findLead } from './queries.ts';

/**
 * Told by the outbox sender what became of a lead's DM: records where it landed (the ts every
 * later chat.update needs) and the 'delivered' event, or marks the delivery failed.
 */
export const leadDmDelivered: DeliveryHook = async (deps, leadId, outcome) => {
  const now = deps.clock.now();
  const at = now.toISOString();
  const answeredMeanwhile = await deps.db.transaction().execute(async (trx) => {
    const lead = await findLead(trx, leadId);
    if (!lead) return false;
    if (!outcome.ok) {
      await trx.updateTable('leads').set({ delivery: 'failed', updated_at: at }).where('id', '=', leadId).where('delivery', '!=', 'delivered').execute();
      await addLeadEvent(trx, now, { leadId, type: 'delivery_failed', detail: { error: outcome.error } });
      return false;
    }
    const updated = await trx
      .updateTable('leads')
      .set({ delivery: 'delivered', delivered_at: lead.delivered_at ?? at, dm_channel: outcome.channel, dm_ts: outcome.ts, updated_at: at })
      .where('id', '=', leadId)
      .where('delivery', '!=', 'delivered')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await addLeadEvent(trx, now, { leadId, type: 'delivered', detail: { channel: outcome.channel, ts: outcome.ts } });
    // Answered before the DM landed (e.g. /hotlead): show the answer on the DM too.
    if (isAnswered(lead)) return enqueueLeadDmUpdate(trx, now, { ...lead, dm_channel: outcome.channel, dm_ts: outcome.ts });
    return false;
  });
  if (answeredMeanwhile) deps.wakeOutbox();
};
