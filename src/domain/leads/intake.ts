import type { Kysely } from 'kysely';
import type { Database, Lead } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { powerOfTwoChunks } from '../../db/chunks.ts';
import type { Outgoing } from '../notices.ts';
import { campaignKeysByWord, foldCampaignWord, keyFromName } from '../campaigns/match.ts';
import { findCampaignByKey, type CampaignBrief } from '../campaigns/queries.ts';
import { qualify, type LeadFacts, type Qualification } from '../mql/rules.ts';
import { leadDmOptions } from './dm.ts';
import type { LeadInput } from './intake-schema.ts';
import { addLeadEvents } from './queries.ts';
import { routeToPool } from './route-to-pool.ts';
import { coverForAwayOwner } from '../routing/assign.ts';
import { slaFor } from '../sla.ts';
import { claimChannel, offerLeadToClaim, offerToCover } from './claim.ts';
import { applyResends } from './resend.ts';
import { recordUrlFrom } from './record-url.ts';
import { mapStage, type BuyingStage } from './stages.ts';

/** What intake runs with. */
type IntakeDeps = Pick<Deps, 'config' | 'directory' | 'mqlRules' | 'notices' | 'routing'>;

export type IntakeStatus = 'accepted' | 'duplicate' | 'held' | 'updated' | 'stale';

export interface IntakeOutcome {
  results: { id: string; status: IntakeStatus; changes?: string[] }[];
  /** Owner emails of stored leads that wait to be resolved (a Slack call, never on the request path). */
  ownersToResolve: string[];
}

type StoredInput = LeadInput & { crmStage: string | null; crmCampaign: string | null };

/**
 * The lead as intake stores it: the CRM's stage word mapped to a buying stage (STAGE_MAP, then
 * the built-in map), and its campaign word to the key of the brief it names (by key, name or
 * alias, folded) — or, when no brief has it yet, to the key a brief for it would get.
 */
function asStored(lead: LeadInput, stageMap: Record<string, BuyingStage>, campaignKeys: Map<string, string>): StoredInput {
  const campaign = lead.campaign === null ? null : campaignKeys.get(foldCampaignWord(lead.campaign)) ?? keyFromName(lead.campaign);
  return { ...lead, crmStage: lead.stage, stage: mapStage(lead.stage, stageMap), crmCampaign: lead.campaign, campaign };
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
export async function intakeLeads(deps: IntakeDeps, leads: LeadInput[]): Promise<IntakeOutcome> {
  const [outcome] = await intakeLeadGroups(deps, [leads]);
  return outcome;
}

/**
 * Stores the leads of several requests in ONE transaction and answers each request apart.
 * All commit or none do: a failure rejects the whole group, so no request in it may say stored.
 * Resolves once the commit is on disk.
 */
export async function intakeLeadGroups(deps: IntakeDeps, groups: LeadInput[][]): Promise<IntakeOutcome[]> {
  return deps.notices.transaction((out) => storeGroups(deps, out, groups), { durably: true });
}

interface Arrival {
  input: StoredInput;
  row: Lead;
  qualification: Qualification;
}

function leadRow(input: StoredInput, qualification: Qualification, at: string, knownOwners: Map<string, string>, recordUrlTemplate: string | undefined): Lead {
  const held = !qualification.qualified;
  // An owner Slack already told us about (by email, in any process, before any restart) gets the
  // DM in this same commit; an owner not known yet is looked up after the answer.
  const ownerId = input.owner.slackUserId ?? (input.owner.email ? knownOwners.get(input.owner.email) : undefined) ?? null;
  return {
    id: input.id,
    email: input.email,
    email_lower: input.email?.toLowerCase() ?? null,
    name: input.name,
    title: input.title,
    company: input.company,
    owner_email: input.owner.email,
    owner_slack_id: ownerId,
    campaign_key: input.campaign,
    stage: input.stage,
    crm_stage: input.crmStage,
    record_url: input.recordUrl ?? (recordUrlTemplate ? recordUrlFrom(recordUrlTemplate, input) ?? null : null),
    crm_updated_at: input.updatedAt,
    score: input.score,
    activities: JSON.stringify(input.activities),
    fields: JSON.stringify(input.fields),
    status: held ? 'held' : 'new',
    delivery: held ? 'not_sent' : ownerId ? 'queued' : input.owner.email ? 'awaiting_owner' : 'unassigned',
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
  };
}

/** Inserts what is new, in a few multi-row statements; returns the ids it inserted. */
async function insertNewLeads(trx: Kysely<Database>, rows: Lead[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const chunk of powerOfTwoChunks(rows)) {
    const ids = await trx.insertInto('leads').values(chunk).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
    for (const { id } of ids) inserted.add(id);
  }
  return inserted;
}

async function storeGroups(deps: IntakeDeps, out: Outgoing, groups: LeadInput[][]): Promise<IntakeOutcome[]> {
  const { trx, now } = out;
  const at = now.toISOString();
  const ownerEmails = groups.flat().filter((l) => !l.owner.slackUserId && l.owner.email).map((l) => l.owner.email!);
  const knownOwners = ownerEmails.length > 0 ? await deps.directory.knownUserIds(trx, ownerEmails) : new Map<string, string>();
  const campaignKeys = groups.some((leads) => leads.some((l) => l.campaign !== null)) ? await campaignKeysByWord(trx) : new Map<string, string>();
  const arrivals = groups.map((leads) => leads.map((sent): Arrival => {
    const input = asStored(sent, deps.config.stageMap, campaignKeys);
    const qualification = qualify(deps.mqlRules, factsOf(input));
    return { input, row: leadRow(input, qualification, at, knownOwners, deps.config.crmRecordUrl), qualification };
  }));
  const inserted = await insertNewLeads(trx, arrivals.flat().map((a) => a.row));

  // Ids stored before this commit: each is a resend, compared with what is stored.
  const storedHere = new Set(inserted);
  const resent = arrivals.flat().filter((a) => !storedHere.has(a.row.id));
  const resends = await applyResends(deps, out, resent.map((a) => ({ row: a.row, ownerGiven: a.input.owner.email !== null || a.input.owner.slackUserId !== null })));
  const resendResult = new Map(resent.map((a, i) => [a, resends.results[i]]));

  const stored: Arrival[] = [];
  const outcomes = arrivals.map((group): IntakeOutcome => {
    const ownersToResolve = new Set<string>();
    const results = group.map((arrival): IntakeOutcome['results'][number] => {
      const { input, row, qualification } = arrival;
      const again = resendResult.get(arrival);
      if (again) {
        if (row.owner_email && resends.ownersToResolve.has(row.owner_email)) ownersToResolve.add(row.owner_email);
        return again;
      }
      // The same id twice in one commit: its first copy was stored, the second is its duplicate.
      if (!inserted.delete(row.id)) return { id: input.id, status: 'duplicate' };
      stored.push(arrival);
      if (!qualification.qualified) return { id: input.id, status: 'held' };
      if (!row.owner_slack_id && row.owner_email) ownersToResolve.add(row.owner_email);
      return { id: input.id, status: 'accepted' };
    });
    return { results, ownersToResolve: [...ownersToResolve] };
  });

  await addLeadEvents(trx, now, deps.config, stored.flatMap(({ input, row, qualification }) => [
    { leadId: row.id, type: 'received' as const, detail: { campaign: input.campaign, crm_campaign: input.crmCampaign, stage: input.stage, crm_stage: input.crmStage, owner_email: input.owner.email, owner_slack_id: input.owner.slackUserId } },
    ...(qualification.qualified ? [] : [{ leadId: row.id, type: 'held' as const, detail: { failed: qualification.failed } }]),
  ]), new Map(stored.map(({ row }) => [row.id, row])));

  const delivering = stored.filter((a) => a.qualification.qualified);
  const campaigns = new Map<string, CampaignBrief | undefined>();
  for (const { row, input } of delivering) {
    const key = row.campaign_key;
    if (key === null || campaigns.has(key)) continue;
    const campaign = await findCampaignByKey(trx, key);
    campaigns.set(key, campaign);
    if (!campaign) await tellMarketingOfUnknownCampaign(deps, out, row, input.crmCampaign ?? key);
  }
  // Nobody owns these: with pools, the next available rep of the first pool that fits takes each.
  if (deps.routing) {
    for (const arrival of delivering.filter((a) => a.row.delivery === 'unassigned')) {
      arrival.row = (await routeToPool(deps, trx, now, arrival.row)) ?? arrival.row;
    }
  }
  // A lead just stored has no answers yet.
  await out.postMany(delivering
    .filter(({ row }) => row.owner_slack_id)
    .map(({ row }) => ({ channel: row.owner_slack_id!, notice: { type: 'lead.dm' as const, data: { lead: row, campaign: row.campaign_key ? campaigns.get(row.campaign_key) : undefined, answers: [] } }, ...leadDmOptions(row) })));
  // An owner who is away (in a pool) gets their lead as usual; their pool's next available rep is offered it too.
  if (deps.routing) {
    for (const { row } of delivering.filter((a) => a.row.owner_slack_id && a.row.delivery !== 'unassigned')) {
      const cover = await coverForAwayOwner(trx, deps.routing, row, now, deps.config.timeZone, slaFor(deps.config.leadSla, row.stage));
      if (cover) await offerToCover(deps, out, row, cover.userId, cover.ownerAway);
    }
  }
  // Nobody owns these: the sales channel gets each with a Claim button.
  for (const { row } of delivering.filter((a) => a.row.delivery === 'unassigned')) {
    await offerLeadToClaim(out, claimChannel(deps), row);
  }
  return outcomes;
}

async function tellMarketingOfUnknownCampaign(
  deps: Pick<Deps, 'config'>,
  out: Outgoing,
  lead: Lead,
  named: string,
): Promise<void> {
  const key = lead.campaign_key!;
  if (!deps.config.marketingChannel) return;
  await out.post(deps.config.marketingChannel, { type: 'lead.unknown_campaign', lead, key, named }, { dedupeKey: `lead-unknown-campaign:${key}` });
}
