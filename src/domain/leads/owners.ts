import type { Deps } from '../../deps.ts';
import type { Lead } from '../../db/schema.ts';
import { enqueue } from '../../delivery/outbox.ts';
import { ownerNotFoundNotice } from '../../views/lead-notices.ts';
import { enqueueLeadDm } from './dm.ts';
import { addLeadEvent } from './queries.ts';

// Owner resolution happens after the CRM has its answer: it asks Slack (users.lookupByEmail),
// which may be slow, rate limited or down. Leads wait in delivery='awaiting_owner' until then.

const EMAILS_PER_RUN = 200;

export interface ResolveSummary {
  handedOver: number;
  unknownOwners: number;
  /** Slack could not be asked; the rest waits for the next run. */
  deferred: boolean;
}

/**
 * Resolves the owners of every lead waiting for one, queues their DMs, and tells marketing
 * once per owner email that nobody in Slack has it. Safe to run concurrently (several replicas,
 * intake and the job): the hand-over is a conditional update and the DM has a dedupe key.
 */
export async function resolveOwners(deps: Deps, only?: string[]): Promise<ResolveSummary> {
  const summary: ResolveSummary = { handedOver: 0, unknownOwners: 0, deferred: false };
  if (only && only.length === 0) return summary;
  let query = deps.db
    .selectFrom('leads')
    .select('owner_email')
    .distinct()
    .where('delivery', '=', 'awaiting_owner')
    .where('status', '!=', 'held')
    .where('owner_email', 'is not', null);
  if (only) query = query.where('owner_email', 'in', only.slice(0, EMAILS_PER_RUN));
  const emails = await query.limit(EMAILS_PER_RUN).execute();

  for (const { owner_email: email } of emails) {
    if (!email) continue;
    let userId: string | null;
    try {
      const user = await deps.directory.userByEmail(email);
      userId = user && !user.deleted ? user.id : null;
    } catch (error) {
      // Slack unreachable or rate limited is not "unknown owner": try again on the next run.
      deps.logger.warn({ err: String(error) }, 'could not resolve a lead owner with Slack; will try again');
      summary.deferred = true;
      break;
    }
    if (userId) summary.handedOver += await handOverTo(deps, email, userId);
    else if (await tellMarketingOwnerIsUnknown(deps, email)) summary.unknownOwners += 1;
  }
  return summary;
}

async function handOverTo(deps: Deps, email: string, userId: string): Promise<number> {
  const now = deps.clock.now();
  const count = await deps.db.transaction().execute(async (trx) => {
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
      await enqueueLeadDm(trx, now, { ...lead, owner_slack_id: userId, delivery: 'queued' });
      n += 1;
    }
    return n;
  });
  if (count > 0) deps.wakeOutbox();
  return count;
}

async function tellMarketingOwnerIsUnknown(deps: Deps, email: string): Promise<boolean> {
  const channel = deps.config.marketingChannel;
  if (!channel) return false;
  const now = deps.clock.now();
  const created = await deps.db.transaction().execute(async (trx) => {
    const lead = await trx
      .selectFrom('leads')
      .selectAll()
      .where('owner_email', '=', email)
      .where('delivery', '=', 'awaiting_owner')
      .orderBy('received_at')
      .orderBy('id')
      .executeTakeFirst();
    if (!lead) return false;
    const result = await enqueue(trx, now, {
      kind: 'slack.post',
      target: channel,
      payload: { channel, text: ownerNotFoundNotice(lead, email) },
      dedupeKey: `lead-owner-not-found:${email}`,
    });
    return result.created;
  });
  if (created) deps.wakeOutbox();
  return created;
}

/**
 * Resolves the owners named in new leads in the background, one run at a time; owners kicked
 * during a run are resolved right after it. Only those owners: every other waiting lead is
 * the job's, so a request never sets off a burst of Slack lookups.
 */
export function createOwnerResolver(deps: Deps): { kick(ownerEmails: Iterable<string>): void; idle(): Promise<void> } {
  let running: Promise<void> | undefined;
  const pending = new Set<string>();
  const loop = async () => {
    while (pending.size > 0) {
      const emails = [...pending].slice(0, EMAILS_PER_RUN);
      for (const email of emails) pending.delete(email);
      try {
        await resolveOwners(deps, emails);
      } catch (error) {
        deps.logger.error({ err: error }, 'resolving lead owners failed');
      }
    }
    running = undefined;
  };
  return {
    kick(ownerEmails) {
      for (const email of ownerEmails) pending.add(email);
      running ??= loop();
    },
    async idle() {
      await running;
    },
  };
}

/**
 * Hands a held lead to its owner after all (an admin overrode the lead definition). Returns the
 * lead, or undefined when it is not held (unknown, or already released).
 */
export async function releaseHeldLead(deps: Deps, leadId: string, by: string): Promise<Lead | undefined> {
  const now = deps.clock.now();
  const lead = await deps.db.transaction().execute(async (trx) => {
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
    await addLeadEvent(trx, now, { leadId, type: 'released', actor: by });
    const released: Lead = { ...held, status: 'new', delivery };
    if (released.owner_slack_id) await enqueueLeadDm(trx, now, released as Lead & { owner_slack_id: string });
    return released;
  });
  if (lead?.owner_slack_id) deps.wakeOutbox();
  else if (lead?.owner_email) void resolveOwners(deps, [lead.owner_email]).catch((error: unknown) => deps.logger.error({ err: error }, 'resolving lead owners failed'));
  return lead;
}
