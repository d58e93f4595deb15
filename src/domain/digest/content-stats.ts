import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Period } from './lead-stats.ts';

export interface RatedContent {
  assetId: number;
  title: string;
  campaignKey: string;
  useful: number;
  notUseful: number;
  comments: Array<{ userId: string; at: string; text: string }>;
}

export interface ContentLists {
  best: RatedContent[];
  worst: RatedContent[];
  /** Assets rated at least once in the period. */
  ratedAssets: number;
  ratings: number;
}

/**
 * Best and worst content by this period's ratings (index content_ratings_rated covers the
 * scan), each with its latest comments.
 */
export async function ratedContent(db: Kysely<Database>, p: Period, opts: { top: number; comments: number }): Promise<ContentLists> {
  const tallies = await db
    .selectFrom('content_ratings')
    .select((eb) => [
      'asset_id',
      eb.fn.sum<number>(eb.case().when('verdict', '=', 'useful').then(1).else(0).end()).as('useful'),
      eb.fn.sum<number>(eb.case().when('verdict', '=', 'not_useful').then(1).else(0).end()).as('notUseful'),
    ])
    .where('rated_at', '>=', p.start.toISOString())
    .where('rated_at', '<', p.end.toISOString())
    .where('verdict', 'is not', null)
    .groupBy('asset_id')
    .execute();
  const scored = tallies.map((t) => ({ assetId: t.asset_id, useful: Number(t.useful), notUseful: Number(t.notUseful) }));
  const net = (t: { useful: number; notUseful: number }) => t.useful - t.notUseful;
  const best = scored.filter((t) => net(t) > 0).sort((a, b) => net(b) - net(a) || b.useful - a.useful || a.assetId - b.assetId).slice(0, opts.top);
  const worst = scored.filter((t) => net(t) < 0).sort((a, b) => net(a) - net(b) || b.notUseful - a.notUseful || a.assetId - b.assetId).slice(0, opts.top);

  const shown = [...best, ...worst].map((t) => t.assetId);
  const assets = shown.length === 0 ? [] : await db
    .selectFrom('campaign_assets')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_assets.campaign_id')
    .select(['campaign_assets.id', 'campaign_assets.title', 'campaigns.key'])
    .where('campaign_assets.id', 'in', shown)
    .execute();
  const byId = new Map(assets.map((a) => [a.id, a]));

  const withDetails = async (t: { assetId: number; useful: number; notUseful: number }): Promise<RatedContent> => {
    const comments = await db
      .selectFrom('content_ratings')
      .select(['user_id', 'commented_at', 'comment'])
      .where('asset_id', '=', t.assetId)
      .where('commented_at', 'is not', null)
      .orderBy('commented_at', 'desc')
      .limit(opts.comments)
      .execute();
    const asset = byId.get(t.assetId);
    return {
      ...t,
      title: asset?.title ?? `Asset ${t.assetId}`,
      campaignKey: asset?.key ?? '',
      comments: comments.map((c) => ({ userId: c.user_id, at: c.commented_at!, text: c.comment ?? '' })),
    };
  };
  return {
    best: await Promise.all(best.map(withDetails)),
    worst: await Promise.all(worst.map(withDetails)),
    ratedAssets: scored.length,
    ratings: scored.reduce((s, t) => s + t.useful + t.notUseful, 0),
  };
}

export interface UpcomingCampaign {
  key: string;
  name: string;
  startsOn: string;
}

/** Active campaigns starting between two calendar dates (inclusive), soonest first. */
export async function campaignsStarting(db: Kysely<Database>, from: string, to: string, limit: number): Promise<{ list: UpcomingCampaign[]; total: number }> {
  const base = db.selectFrom('campaigns').where('status', '=', 'active').where('starts_on', '>=', from).where('starts_on', '<=', to);
  const [list, total] = await Promise.all([
    base.select(['key', 'name', 'starts_on']).orderBy('starts_on').orderBy('key').limit(limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { list: list.map((c) => ({ key: c.key, name: c.name, startsOn: c.starts_on! })), total: Number(total.n) };
}

export interface NewAsset {
  id: number;
  title: string;
  campaignName: string;
}

/** Live assets of active campaigns added in the period: what reps are asked to rate. */
export async function newContent(db: Kysely<Database>, p: Period, limit: number): Promise<{ list: NewAsset[]; total: number }> {
  const base = db
    .selectFrom('campaign_assets')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_assets.campaign_id')
    .where('campaign_assets.created_at', '>=', p.start.toISOString())
    .where('campaign_assets.created_at', '<', p.end.toISOString())
    .where('campaign_assets.removed_at', 'is', null)
    .where('campaigns.status', '=', 'active');
  const [list, total] = await Promise.all([
    base.select(['campaign_assets.id', 'campaign_assets.title', 'campaigns.name']).orderBy('campaign_assets.created_at').orderBy('campaign_assets.id').limit(limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { list: list.map((a) => ({ id: a.id, title: a.title, campaignName: a.name })), total: Number(total.n) };
}

/** Campaign names for the keys shown in the per-campaign table. */
export async function campaignNames(db: Kysely<Database>, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('campaigns').select(['key', 'name']).where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, r.name]));
}
