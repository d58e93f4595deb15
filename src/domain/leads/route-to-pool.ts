import type { Kysely } from 'kysely';
import type { Database, Lead } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { assignFromPools } from '../routing/assign.ts';
import { slaFor } from '../sla.ts';
import { addLeadEvent } from './queries.ts';

/**
 * Gives a lead nobody can answer (no owner, or an owner not in Slack) to its pool's next available
 * rep, in the caller's transaction, recording why. Conditional on the delivery state read. Returns
 * the lead as it now is, or undefined when no pool took it; the caller queues the DM.
 */
export async function routeToPool(deps: Pick<Deps, 'config' | 'routing'>, trx: Kysely<Database>, now: Date, lead: Lead, whyPrefix = ''): Promise<Lead | undefined> {
  if (!deps.routing) return undefined;
  const assigned = await assignFromPools(trx, deps.routing, lead, now, deps.config.timeZone, slaFor(deps.config.leadSla, lead.stage));
  if (!assigned || !('userId' in assigned)) return undefined;
  const updated = await trx
    .updateTable('leads')
    .set({ owner_slack_id: assigned.userId, delivery: 'queued', updated_at: now.toISOString() })
    .where('id', '=', lead.id)
    .where('delivery', '=', lead.delivery)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return undefined;
  await addLeadEvent(trx, now, deps.config, { leadId: lead.id, type: 'reassigned', detail: { from: null, to: { slack_user_id: assigned.userId, email: null }, why: `${whyPrefix}${assigned.why}` } });
  return { ...lead, owner_slack_id: assigned.userId, delivery: 'queued' };
}
