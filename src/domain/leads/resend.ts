import type { Lead } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Outgoing } from '../notices.ts';
import { enqueueLeadDm, enqueueLeadDmUpdate } from './dm.ts';
import { addLeadEvent } from './queries.ts';
import type { EventRoutes } from '../events/publish.ts';

// A CRM sends a lead again when it changes: a new owner, a new score, a new activity. The same id
// never makes a second DM for the same owner: an owner change moves the lead (the new owner gets
// it, the old owner's DM says where it went); other changes edit the DM in place.

/** What a resend may change, as the lead's columns, and how the answer names each. */
const CONTENT: [keyof Lead, string][] = [
  ['email', 'email'], ['name', 'name'], ['title', 'title'], ['company', 'company'], ['campaign_key', 'campaign'],
  ['crm_stage', 'stage'], ['score', 'score'], ['activities', 'activities'], ['fields', 'fields'], ['record_url', 'record_url'],
];

export type ResendResult = { id: string; status: 'duplicate' | 'stale' } | { id: string; status: 'updated'; changes: string[] };

export interface Resend {
  /** The lead as this request would have stored it. */
  row: Lead;
  /** Whether the request named an owner at all (a resend without one leaves the owner alone). */
  ownerGiven: boolean;
}

export interface ResendOutcome {
  results: ResendResult[];
  /** Owner emails a move named that Slack has not been asked about yet. */
  ownersToResolve: Set<string>;
}

const same = (a: unknown, b: unknown) => String(a ?? '') === String(b ?? '');

function ownerChanged(existing: Lead, row: Lead): boolean {
  if (row.owner_slack_id) return row.owner_slack_id !== existing.owner_slack_id;
  return row.owner_email !== null && row.owner_email !== existing.owner_email;
}

/** Compares each resend with what is stored and applies what changed, in the intake's transaction. */
export async function applyResends(deps: Pick<Deps, 'config'>, out: Outgoing, resends: Resend[]): Promise<ResendOutcome> {
  const outcome: ResendOutcome = { results: [], ownersToResolve: new Set() };
  if (resends.length === 0) return outcome;
  const ids = [...new Set(resends.map((r) => r.row.id))];
  const stored = new Map((await out.trx.selectFrom('leads').selectAll().where('id', 'in', ids).execute()).map((l) => [l.id, l]));
  for (const { row, ownerGiven } of resends) {
    const existing = stored.get(row.id);
    if (!existing) {
      outcome.results.push({ id: row.id, status: 'duplicate' });
      continue;
    }
    if (row.crm_updated_at && existing.crm_updated_at && row.crm_updated_at < existing.crm_updated_at) {
      outcome.results.push({ id: row.id, status: 'stale' });
      continue;
    }
    const changed = CONTENT.filter(([column]) => !same(existing[column], row[column]));
    const moving = ownerGiven && ownerChanged(existing, row);
    if (changed.length === 0 && !moving) {
      outcome.results.push({ id: row.id, status: 'duplicate' });
      continue;
    }
    const updated = await applyChange(out, deps.config, existing, row, changed.map(([c]) => c), moving);
    stored.set(row.id, updated.lead);
    if (updated.resolveOwner) outcome.ownersToResolve.add(updated.resolveOwner);
    outcome.results.push({ id: row.id, status: 'updated', changes: [...(moving ? ['owner'] : []), ...changed.map(([, name]) => name)] });
  }
  return outcome;
}

async function applyChange(
  out: Outgoing,
  routes: EventRoutes,
  existing: Lead,
  row: Lead,
  columns: (keyof Lead)[],
  moving: boolean,
): Promise<{ lead: Lead; resolveOwner?: string }> {
  const { trx, now } = out;
  const at = now.toISOString();
  const set: Partial<Lead> = { updated_at: at, ...(row.crm_updated_at ? { crm_updated_at: row.crm_updated_at } : {}) };
  for (const column of columns) (set as Record<string, unknown>)[column] = row[column];
  if (columns.includes('email')) set.email_lower = row.email_lower;
  if (columns.includes('crm_stage')) set.stage = row.stage;
  const held = existing.status === 'held';
  if (moving) {
    set.owner_slack_id = row.owner_slack_id;
    set.owner_email = row.owner_email;
    if (!held) {
      // The new owner's clock starts now: their DM, their reminder, their escalation.
      set.delivery = row.owner_slack_id ? 'queued' : row.owner_email ? 'awaiting_owner' : 'unassigned';
      Object.assign(set, { dm_channel: null, dm_ts: null, delivered_at: null, reminded_at: null, escalated_at: null });
    }
  }
  await trx.updateTable('leads').set(set).where('id', '=', existing.id).execute();
  const lead: Lead = { ...existing, ...set };

  if (columns.length > 0) await addLeadEvent(trx, now, routes, { leadId: lead.id, type: 'updated', detail: { changes: columns } });
  if (!moving) {
    // Same owner: the DM they have is edited in place (a DM not delivered yet is rendered fresh when it is).
    if (!held) await enqueueLeadDmUpdate(out, lead);
    return { lead };
  }

  await addLeadEvent(trx, now, routes, {
    leadId: lead.id,
    type: 'reassigned',
    detail: { from: { slack_user_id: existing.owner_slack_id, email: existing.owner_email }, to: { slack_user_id: lead.owner_slack_id, email: lead.owner_email }, why: 'the CRM changed the owner' },
  });
  if (held) return { lead };
  if (existing.dm_channel && existing.dm_ts) {
    await out.update({ channel: existing.dm_channel, ts: existing.dm_ts }, { type: 'lead.moved', before: existing, after: lead, why: 'crm' });
  }
  if (lead.owner_slack_id) {
    // Keyed by this move, so moving back to an earlier owner DMs them again.
    await enqueueLeadDm(out, lead as Lead & { owner_slack_id: string });
    return { lead };
  }
  return { lead, ...(lead.owner_email ? { resolveOwner: lead.owner_email } : {}) };
}
