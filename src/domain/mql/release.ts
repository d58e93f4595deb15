import type { Kysely } from 'kysely';
import type { Database, Lead } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { enqueue, type SlackUpdatePayload } from '../../delivery/outbox.ts';
import { markReleased, type ReleasedMark } from '../../views/held-summary.ts';
import { BLOCK_PREFIXES } from '../../views/ids.ts';
import { parseQualification } from './qualification.ts';

/** The held-leads notice the button was clicked in, so it can show the release. */
export interface ReleaseNotice {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
}

export type ReleaseResult =
  | { outcome: 'released'; lead: Lead }
  | { outcome: 'not_found' }
  /** Already released (by whom and when, when known) or never held. */
  | { outcome: 'not_held'; lead: Lead; released?: { by: string | null; at: string } };

async function releaseEvents(db: Kysely<Database>, leadIds: string[]): Promise<Map<string, { by: string | null; at: string }>> {
  if (leadIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('lead_events')
    .select(['lead_id', 'actor', 'at'])
    .where('type', '=', 'released')
    .where('lead_id', 'in', leadIds)
    .orderBy('id')
    .execute();
  return new Map(rows.map((r) => [r.lead_id, { by: r.actor, at: r.at }]));
}

/** Every lead of the notice that has been released, read from the database so two quick releases both show. */
async function releasedMarks(db: Kysely<Database>, blocks: unknown[]): Promise<Map<string, ReleasedMark>> {
  const ids = blocks
    .map((b) => (b as { block_id?: unknown }).block_id)
    .filter((id): id is string => typeof id === 'string' && id.startsWith(BLOCK_PREFIXES.heldLead))
    .map((id) => id.slice(BLOCK_PREFIXES.heldLead.length));
  const events = await releaseEvents(db, ids);
  if (events.size === 0) return new Map();
  const owners = await db.selectFrom('leads').select(['id', 'owner_slack_id']).where('id', 'in', [...events.keys()]).execute();
  const ownerOf = new Map(owners.map((o) => [o.id, o.owner_slack_id]));
  return new Map([...events].map(([id, e]) => [id, { by: e.by ?? 'someone', at: e.at, owner: ownerOf.get(id) ?? null }]));
}

/**
 * Hands a held lead to its owner as if it had qualified: status 'new', a 'released' timeline
 * event, and the lead's DM queued. Releases once: a second click finds it no longer held.
 */
export async function releaseHeldLead(deps: Deps, leadId: string, by: string, notice?: ReleaseNotice): Promise<ReleaseResult> {
  const result = await deps.db.transaction().execute(async (trx): Promise<ReleaseResult> => {
    const now = deps.clock.now();
    const lead = await trx.selectFrom('leads').selectAll().where('id', '=', leadId).executeTakeFirst();
    if (!lead) return { outcome: 'not_found' };
    if (lead.status !== 'held') {
      return { outcome: 'not_held', lead, released: (await releaseEvents(trx, [leadId])).get(leadId) };
    }
    const at = now.toISOString();
    const updated = await trx
      .updateTable('leads')
      .set({ status: 'new', delivery: lead.owner_slack_id ? 'queued' : 'awaiting_owner', updated_at: at })
      .where('id', '=', leadId)
      .where('status', '=', 'held')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { outcome: 'not_held', lead };
    await trx
      .insertInto('lead_events')
      .values({
        lead_id: leadId,
        type: 'released',
        actor: by,
        detail: JSON.stringify({ failed: parseQualification(lead.qualification)?.failed ?? [] }),
        at,
      })
      .execute();
    if (notice) {
      const payload: SlackUpdatePayload = {
        channel: notice.channel,
        ts: notice.ts,
        text: notice.text,
        blocks: markReleased(notice.blocks, await releasedMarks(trx, notice.blocks), deps.config.timeZone),
      };
      await enqueue(trx, now, { kind: 'slack.update', target: notice.channel, payload });
    }
    const after = await trx.selectFrom('leads').selectAll().where('id', '=', leadId).executeTakeFirstOrThrow();
    return { outcome: 'released', lead: after };
  });
  if (result.outcome === 'released') deps.wakeOutbox();
  return result;
}
