import type { Deps } from '../../deps.ts';
import type { Lead } from '../../db/schema.ts';
import { enqueueLeadDm } from './dm.ts';
import { addLeadEvent } from './queries.ts';
import { routeToPool } from './route-to-pool.ts';

/** What owner resolution runs with. */
type OwnerDeps = Pick<Deps, 'config' | 'directory' | 'notices' | 'owners' | 'routing'>;

// Owner resolution happens after the CRM has its answer: it asks Slack (users.lookupByEmail),
// which may be slow, rate limited or down. Leads wait in delivery='awaiting_owner' until then;
// an owner already learned (slack_people) gets the DM in the intake commit itself.

/**
 * Looks up one owner email (the database first, Slack when what it knows is stale), hands every
 * lead waiting for that person to them, or tells marketing once that nobody in Slack has it.
 * Throws when Slack cannot be asked, so the lookup queue can wait and try again. Safe to run
 * concurrently (several replicas, intake and the job): the hand-over is a conditional update
 * and the DM has a dedupe key.
 */
export async function resolveOwnerEmail(deps: OwnerDeps, email: string): Promise<void> {
  const user = await deps.directory.userByEmail(email);
  if (user && !user.deleted) await handOverTo(deps, email, user.id);
  else if ((await handToPools(deps, email)) === 0) await tellMarketingOwnerIsUnknown(deps, email);
}

/** With pools, leads whose owner is not in Slack go to a pool's rep like leads nobody owns. Returns how many did. */
async function handToPools(deps: OwnerDeps, email: string): Promise<number> {
  if (!deps.routing) return 0;
  return deps.notices.transaction(async (out) => {
    const { trx, now } = out;
    const waiting = await trx.selectFrom('leads').selectAll().where('owner_email', '=', email).where('delivery', '=', 'awaiting_owner').where('status', '!=', 'held').execute();
    let n = 0;
    for (const lead of waiting) {
      const routed = await routeToPool(deps, trx, now, lead, `its owner ${email} is not in Slack; `);
      if (!routed) continue;
      await enqueueLeadDm(out, routed as Lead & { owner_slack_id: string });
      n += 1;
    }
    return n;
  });
}

/** The owner emails that leads are waiting on. */
export async function waitingOwnerEmails(db: Deps['db']): Promise<string[]> {
  const rows = await db
    .selectFrom('leads')
    .select('owner_email')
    .distinct()
    .where('delivery', '=', 'awaiting_owner')
    .where('status', '!=', 'held')
    .where('owner_email', 'is not', null)
    .execute();
  return rows.map((r) => r.owner_email!);
}

export interface OwnerResolution {
  /** Looks these owners up now, in the background (after the CRM has its answer). */
  kick(ownerEmails: Iterable<string>): void;
  /** Looks up every owner a lead is waiting on; resolves once none is due now. */
  resolveWaiting(): Promise<void>;
  stop(): Promise<void>;
}

async function handOverTo(deps: OwnerDeps, email: string, userId: string): Promise<number> {
  return deps.notices.transaction(async (out) => {
    const { trx, now } = out;
    const waiting = await trx
      .selectFrom('leads')
      .selectAll()
      .where('owner_email', '=', email)
      .where('delivery', '=', 'awaiting_owner')
      .where('status', '!=', 'held')
      .execute();
    let n = 0;
    for (const lead of waiting) {
      const updated = await trx
        .updateTable('leads')
        .set({ owner_slack_id: userId, delivery: 'queued', updated_at: now.toISOString() })
        .where('id', '=', lead.id)
        .where('delivery', '=', 'awaiting_owner')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) continue;
      await enqueueLeadDm(out, { ...lead, owner_slack_id: userId, delivery: 'queued' });
      n += 1;
    }
    return n;
  });
}

async function tellMarketingOwnerIsUnknown(deps: OwnerDeps, email: string): Promise<boolean> {
  const channel = deps.config.marketingChannel;
  if (!channel) return false;
  return deps.notices.transaction(async (out) => {
    const lead = await out.trx
      .selectFrom('leads')
      .selectAll()
      .where('owner_email', '=', email)
      .where('delivery', '=', 'awaiting_owner')
      .orderBy('received_at')
      .orderBy('id')
      .executeTakeFirst();
    if (!lead) return false;
    const result = await out.post(channel, { type: 'lead.owner_not_found', lead, ownerEmail: email }, { dedupeKey: `lead-owner-not-found:${email}` });
    return result.created;
  });
}

/**
 * Hands a held lead to its owner after all (an admin overrode the lead definition). Returns the
 * lead, or undefined when it is not held (unknown, or already released).
 */
export async function releaseHeldLead(deps: OwnerDeps, leadId: string, by: string): Promise<Lead | undefined> {
  const lead = await deps.notices.transaction(async (out) => {
    const { trx, now } = out;
    const held = await trx.selectFrom('leads').selectAll().where('id', '=', leadId).where('status', '=', 'held').executeTakeFirst();
    if (!held) return undefined;
    const delivery = held.owner_slack_id ? 'queued' : 'awaiting_owner';
    const updated = await trx
      .updateTable('leads')
      .set({ status: 'new', delivery, updated_at: now.toISOString() })
      .where('id', '=', leadId)
      .where('status', '=', 'held')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return undefined;
    await addLeadEvent(trx, now, deps.config, { leadId, type: 'released', actor: by });
    const released: Lead = { ...held, status: 'new', delivery };
    if (released.owner_slack_id) await enqueueLeadDm(out, released as Lead & { owner_slack_id: string });
    return released;
  });
  if (lead && !lead.owner_slack_id && lead.owner_email) deps.owners.kick([lead.owner_email]);
  return lead;
}
