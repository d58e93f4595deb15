import type { KnownBlock } from '@slack/types';
import type { Kysely } from 'kysely';
import type { Database, Lead } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { ReleasedMark } from '../notices.ts';
import { releaseHeldLead } from '../leads/owners.ts';

/** The held-leads notice the button was clicked in, so it can show the release. */
export interface ReleaseNotice {
  channel: string;
  ts: string;
  text: string;
  /** As Slack sent them back with the click. */
  blocks: KnownBlock[];
  /** The held leads the notice lists. */
  leadIds: string[];
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
async function releasedMarks(db: Kysely<Database>, ids: string[]): Promise<Map<string, ReleasedMark>> {
  const events = await releaseEvents(db, ids);
  if (events.size === 0) return new Map();
  const owners = await db.selectFrom('leads').select(['id', 'owner_slack_id']).where('id', 'in', [...events.keys()]).execute();
  const ownerOf = new Map(owners.map((o) => [o.id, o.owner_slack_id]));
  return new Map([...events].map(([id, e]) => [id, { by: e.by ?? 'someone', at: e.at, owner: ownerOf.get(id) ?? null }]));
}

/**
 * **Release to owner** from the held-leads summary: the leads domain hands the lead over (status
 * 'new', a 'released' event, the owner's DM queued, or the owner looked up first), then the
 * summary is updated to show every release made from it. Releases once: a second click finds
 * the lead no longer held and says who released it.
 */
export async function releaseFromHeldSummary(deps: Pick<Deps, 'config' | 'db' | 'directory' | 'notices' | 'owners' | 'routing'>, leadId: string, by: string, notice?: ReleaseNotice): Promise<ReleaseResult> {
  const lead = await releaseHeldLead(deps, leadId, by);
  if (!lead) {
    const current = await deps.db.selectFrom('leads').selectAll().where('id', '=', leadId).executeTakeFirst();
    if (!current) return { outcome: 'not_found' };
    return { outcome: 'not_held', lead: current, released: (await releaseEvents(deps.db, [leadId])).get(leadId) };
  }
  if (notice) {
    await deps.notices.transaction(async (out) => {
      const released = await releasedMarks(out.trx, notice.leadIds);
      await out.update(notice, { type: 'mql.held_released', text: notice.text, blocks: notice.blocks, released });
    });
  }
  return { outcome: 'released', lead };
}
