import type { Deps } from '../../deps.ts';
import type { Lead } from '../../db/schema.ts';
import { outboxHealth, type OutboxHealth } from '../../delivery/health.ts';
import { refusalsLastDay, type RefusalSummary } from '../refusals.ts';
import { slaFor } from '../sla.ts';

/** What the Home reads with. */
type HomeDeps = Pick<Deps, 'clock' | 'config' | 'db' | 'permissions'>;

const DAY = 86_400_000;
const LIST_LIMIT = 40;

export interface UnansweredLead {
  lead: Lead;
  /** Milliseconds before the SLA runs out; negative when overdue. */
  leftMs: number;
}

export interface CampaignSummary {
  key: string;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  leadsThisWeek: number;
  /** Each lead counted once, by where it is now: the parts add up to leadsThisWeek. */
  accepted: number;
  hot: number;
  rejected: number;
  waiting: number;
  held: number;
  topRejection: { reason: string; count: number } | null;
  assets: { title: string; url: string; useful: number; notUseful: number }[];
}

export interface HotPause {
  email: string;
  leadName: string | null;
  pausedUntil: string;
  /** The last day emails stay paused, readable in TZ ("Wed 23 Dec 2026"), as the rep was told. */
  through: string;
}

export interface HomeData {
  userId: string;
  /** The oldest unanswered leads (at most LIST_LIMIT); `unansweredTotal` counts them all. */
  unanswered: UnansweredLead[];
  unansweredTotal: number;
  /** The latest accepted leads (at most LIST_LIMIT); `acceptedTotal` counts them all. */
  accepted: Lead[];
  acceptedTotal: number;
  hot: HotPause[];
  /** Present for marketers: their active campaigns. */
  campaigns: CampaignSummary[] | undefined;
  /** True when HANDOFF_ADMINS is unset: the Home says what that leaves out. */
  noAdmins: boolean;
  /** Present for admins. */
  health: (OutboxHealth & { lastDigests: { channel: string; at: string | null }[]; refused: RefusalSummary }) | undefined;
}

/** Extra facts other features contribute to the Home (hot pauses, ratings, digests). */
export interface HomeSources {
  hotPauses?(deps: HomeDeps, userId: string): Promise<HotPause[]>;
  assetTallies?(deps: HomeDeps, assetIds: number[]): Promise<Map<number, { useful: number; notUseful: number }>>;
  lastDigests?(deps: HomeDeps): Promise<{ channel: string; at: string | null }[]>;
}

export async function loadHomeData(deps: HomeDeps, userId: string, sources: HomeSources = {}): Promise<HomeData> {
  const { db, clock, config } = deps;
  const now = clock.now();
  const open = await db
    .selectFrom('leads')
    .selectAll()
    .where('owner_slack_id', '=', userId)
    .where('status', '=', 'new')
    .orderBy('received_at', 'asc')
    .limit(LIST_LIMIT)
    .execute();
  const unansweredTotal = open.length < LIST_LIMIT ? open.length : await countLeads(deps, userId, 'new');
  const unanswered = open.map((lead) => {
    const since = new Date(lead.delivered_at ?? lead.received_at).getTime();
    return { lead, leftMs: since + slaFor(config.leadSla, lead.stage) - now.getTime() };
  });
  const acceptedSince = new Date(now.getTime() - 14 * DAY).toISOString();
  const accepted = await db
    .selectFrom('leads')
    .selectAll()
    .where('owner_slack_id', '=', userId)
    .where('status', '=', 'accepted')
    .where('answered_at', '>=', acceptedSince)
    .orderBy('answered_at', 'desc')
    .limit(LIST_LIMIT)
    .execute();
  const acceptedTotal = accepted.length < LIST_LIMIT ? accepted.length : await countLeads(deps, userId, 'accepted', acceptedSince);
  const hot = sources.hotPauses ? await sources.hotPauses(deps, userId) : [];
  const campaigns = (await isMarketer(deps, userId)) ? await campaignSummaries(deps, userId, now, sources) : undefined;
  const showHealth = deps.permissions.isAdmin(userId);
  const health = showHealth
    ? { ...(await outboxHealth(db, now)), lastDigests: sources.lastDigests ? await sources.lastDigests(deps) : [], refused: await refusalsLastDay(db, now) }
    : undefined;
  return { userId, unanswered, unansweredTotal, accepted, acceptedTotal, hot, campaigns, health, noAdmins: !deps.permissions.adminsConfigured };
}

async function countLeads(deps: HomeDeps, userId: string, status: 'new' | 'accepted', answeredSince?: string): Promise<number> {
  let query = deps.db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('owner_slack_id', '=', userId)
    .where('status', '=', status);
  if (answeredSince) query = query.where('answered_at', '>=', answeredSince);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A marketer is in MARKETING_USERGROUP (when set) or owns a brief; Slack being unreachable counts as no. */
async function isMarketer(deps: HomeDeps, userId: string): Promise<boolean> {
  const owns = await deps.db.selectFrom('campaigns').select('id').where('owner_slack_id', '=', userId).limit(1).executeTakeFirst();
  if (owns) return true;
  if (!deps.config.marketingUsergroup) return false;
  try {
    return await deps.permissions.isMarketer(userId);
  } catch {
    return false;
  }
}

async function campaignSummaries(deps: HomeDeps, userId: string, now: Date, sources: HomeSources): Promise<CampaignSummary[]> {
  const { db } = deps;
  const weekAgo = new Date(now.getTime() - 7 * DAY).toISOString();
  const campaigns = await db
    .selectFrom('campaigns')
    .select(['id', 'key', 'name', 'starts_on', 'ends_on'])
    .where('owner_slack_id', '=', userId)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .limit(10)
    .execute();
  if (campaigns.length === 0) return [];
  const keys = campaigns.map((c) => c.key);
  const counts = await db
    .selectFrom('leads')
    .select((eb) => [
      'campaign_key',
      eb.fn.countAll<number | string>().as('leads'),
      eb.fn.sum<number | string>(eb.case().when('status', '=', 'accepted').then(1).else(0).end()).as('accepted'),
      eb.fn.sum<number | string>(eb.case().when('status', '=', 'hot').then(1).else(0).end()).as('hot'),
      eb.fn.sum<number | string>(eb.case().when('status', '=', 'rejected').then(1).else(0).end()).as('rejected'),
      eb.fn.sum<number | string>(eb.case().when('status', '=', 'new').then(1).else(0).end()).as('waiting'),
      eb.fn.sum<number | string>(eb.case().when('status', '=', 'held').then(1).else(0).end()).as('held'),
    ])
    .where('campaign_key', 'in', keys)
    .where('received_at', '>=', weekAgo)
    .groupBy('campaign_key')
    .execute();
  const reasons = await db
    .selectFrom('leads')
    .select((eb) => ['campaign_key', 'reject_reason', eb.fn.countAll<number | string>().as('n')])
    .where('campaign_key', 'in', keys)
    .where('status', '=', 'rejected')
    .where('received_at', '>=', weekAgo)
    .groupBy(['campaign_key', 'reject_reason'])
    .execute();
  const assets = await db
    .selectFrom('campaign_assets')
    .select(['id', 'campaign_id', 'title', 'url'])
    .where('campaign_id', 'in', campaigns.map((c) => c.id))
    .where('removed_at', 'is', null)
    .orderBy('position')
    .execute();
  const tallies = sources.assetTallies ? await sources.assetTallies(deps, assets.map((a) => a.id)) : new Map();
  return campaigns.map((c) => {
    const row = counts.find((r) => r.campaign_key === c.key);
    const top = reasons
      .filter((r) => r.campaign_key === c.key && r.reject_reason)
      .sort((a, b) => Number(b.n) - Number(a.n))[0];
    return {
      key: c.key,
      name: c.name,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      leadsThisWeek: Number(row?.leads ?? 0),
      accepted: Number(row?.accepted ?? 0),
      hot: Number(row?.hot ?? 0),
      rejected: Number(row?.rejected ?? 0),
      waiting: Number(row?.waiting ?? 0),
      held: Number(row?.held ?? 0),
      topRejection: top ? { reason: top.reject_reason!, count: Number(top.n) } : null,
      assets: assets
        .filter((a) => a.campaign_id === c.id)
        .map((a) => ({ title: a.title, url: a.url, useful: tallies.get(a.id)?.useful ?? 0, notUseful: tallies.get(a.id)?.notUseful ?? 0 })),
    };
  });
}
