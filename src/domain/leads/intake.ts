import type { Kysely } from 'kysely';
import type { Database, Lead } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { enqueue } from '../../delivery/outbox.ts';
import { unknownCampaignNotice } from '../../views/lead-notices.ts';
import { findCampaignByKey, type CampaignBrief } from '../campaigns/queries.ts';
import { qualify, type LeadFacts } from '../mql/rules.ts';
import { enqueueLeadDm } from './dm.ts';
import type { LeadInput } from './intake-schema.ts';
import { addLeadEvent } from './queries.ts';

export type IntakeStatus = 'accepted' | 'duplicate' | 'held';

export interface IntakeOutcome {
  results: { id: string; status: IntakeStatus }[];
  /** Owner emails of stored leads that wait to be resolved (a Slack call, never on the request path). */
  ownersToResolve: string[];
}

function factsOf(lead: LeadInput): LeadFacts {
  return {
    email: lead.email,
    score: lead.score,
    stage: lead.stage,
    campaign: lead.campaign,
    activities: lead.activities,
    values: {
      id: lead.id,
      email: lead.email,
      name: lead.name,
      title: lead.title,
      company: lead.company,
      campaign: lead.campaign,
      stage: lead.stage,
      score: lead.score,
      fields: lead.fields,
    },
  };
}

/**
 * Stores leads from the CRM, idempotent by id, in ONE transaction (one fsync for a whole batch):
 * the lead, its 'received' event and — when the owner's Slack id is known — its DM commit
 * together. A resend, even a concurrent one, inserts nothing and answers `duplicate`.
 */
export async function intakeLeads(deps: Deps, leads: LeadInput[]): Promise<IntakeOutcome> {
  const [outcome] = await intakeLeadGroups(deps, [leads]);
  return outcome;
}

/**
 * Stores the leads of several requests in ONE transaction and answers each request apart.
 * All commit or none do: a failure rejects the whole group, so no request in it may say stored.
 */
export async function intakeLeadGroups(deps: Deps, groups: LeadInput[][]): Promise<IntakeOutcome[]> {
  const now = deps.clock.now();
  let queued = false;
  const outcomes = await deps.db.transaction().execute(async (trx) => {
    const campaigns = new Map<string, CampaignBrief | undefined>();
    const out: IntakeOutcome[] = [];
    for (const leads of groups) {
      const stored = await storeLeads(deps, trx, now, leads, campaigns);
      if (stored.queued) queued = true;
      out.push(stored.outcome);
    }
    return out;
  });
  if (queued) deps.wakeOutbox();
  return outcomes;
}

async function storeLeads(
  deps: Deps,
  trx: Kysely<Database>,
  now: Date,
  leads: LeadInput[],
  campaigns: Map<string, CampaignBrief | undefined>,
): Promise<{ outcome: IntakeOutcome; queued: boolean }> {
  const at = now.toISOString();
  let queued = false;
  const ownersToResolve = new Set<string>();
  const results: IntakeOutcome['results'] = [];
  for (const input of leads) {
    const qualification = qualify(deps.mqlRules, factsOf(input));
    const held = !qualification.qualified;
    // An owner Slack already told us about (by email) gets the DM in this same commit, instead of a
    // second transaction after the answer; an owner not known yet is looked up after it.
    const ownerId = input.owner.slackUserId ?? (input.owner.email ? deps.directory.knownUserId(input.owner.email) : undefined);
    const inserted = await trx
      .insertInto('leads')
      .values({
        id: input.id,
        email: input.email,
        email_lower: input.email.toLowerCase(),
        name: input.name,
        title: input.title,
        company: input.company,
        owner_email: input.owner.email,
        owner_slack_id: ownerId,
        campaign_key: input.campaign,
        stage: input.stage,
        score: input.score,
        activities: JSON.stringify(input.activities),
        fields: JSON.stringify(input.fields),
        status: held ? 'held' : 'new',
        delivery: held ? 'not_sent' : ownerId ? 'queued' : 'awaiting_owner',
        qualification: JSON.stringify(qualification),
        received_at: at,
        delivered_at: null,
        answered_at: null,
        answered_by: null,
        reject_reason: null,
        reject_comment: null,
        reminded_at: null,
        escalated_at: null,
        dm_channel: null,
        dm_ts: null,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      results.push({ id: input.id, status: 'duplicate' });
      continue;
    }
    await addLeadEvent(trx, now, { leadId: inserted.id, type: 'received', detail: { campaign: input.campaign, stage: input.stage, owner_email: input.owner.email, owner_slack_id: input.owner.slackUserId } });
    if (held) {
      await addLeadEvent(trx, now, { leadId: inserted.id, type: 'held', detail: { failed: qualification.failed } });
      results.push({ id: input.id, status: 'held' });
      continue;
    }
    const key = inserted.campaign_key;
    const firstOfKey = key !== null && !campaigns.has(key);
    if (firstOfKey) campaigns.set(key, await findCampaignByKey(trx, key));
    const campaign = key ? campaigns.get(key) : undefined;
    if (firstOfKey && !campaign && (await tellMarketingOfUnknownCampaign(deps, trx, now, inserted))) queued = true;
    if (inserted.owner_slack_id) {
      // A lead just stored has no answers yet.
      if (await enqueueLeadDm(trx, now, inserted as Lead & { owner_slack_id: string }, { lead: inserted, campaign, answers: [] })) queued = true;
    } else if (inserted.owner_email) {
      ownersToResolve.add(inserted.owner_email);
    }
    results.push({ id: input.id, status: 'accepted' });
  }
  return { outcome: { results, ownersToResolve: [...ownersToResolve] }, queued };
}

async function tellMarketingOfUnknownCampaign(
  deps: Deps,
  trx: Kysely<Database>,
  now: Date,
  lead: Lead,
): Promise<boolean> {
  const key = lead.campaign_key!;
  if (!deps.config.marketingChannel) return false;
  const { created } = await enqueue(trx, now, {
    kind: 'slack.post',
    target: deps.config.marketingChannel,
    payload: { channel: deps.config.marketingChannel, text: unknownCampaignNotice(lead, key) },
    dedupeKey: `lead-unknown-campaign:${key}`,
  });
  return created;
}
