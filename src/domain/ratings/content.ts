import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface ContentComment {
  user: string;
  at: string;
  text: string;
  verdict: 'useful' | 'not_useful' | null;
}

export interface ContentEntry {
  id: number;
  title: string;
  url: string;
  kind: string | null;
  campaign: { key: string; name: string; status: string };
  removed_at: string | null;
  created_at: string;
  useful: number;
  not_useful: number;
  comments: ContentComment[];
}

/** Every asset with its tallies and comments (newest first), for `GET /api/content`. */
export async function listContent(db: Kysely<Database>, filter: { campaignKey?: string } = {}): Promise<ContentEntry[]> {
  let assets = db
    .selectFrom('campaign_assets')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_assets.campaign_id')
    .leftJoin('content_ratings', 'content_ratings.asset_id', 'campaign_assets.id')
    .select((eb) => [
      'campaign_assets.id', 'campaign_assets.title', 'campaign_assets.url', 'campaign_assets.kind',
      'campaign_assets.removed_at', 'campaign_assets.created_at', 'campaign_assets.position',
      'campaigns.key as campaignKey', 'campaigns.name as campaignName', 'campaigns.status as campaignStatus',
      eb.fn.sum<number>(eb.case().when('content_ratings.verdict', '=', 'useful').then(1).else(0).end()).as('useful'),
      eb.fn.sum<number>(eb.case().when('content_ratings.verdict', '=', 'not_useful').then(1).else(0).end()).as('notUseful'),
    ])
    .groupBy([
      'campaign_assets.id', 'campaign_assets.title', 'campaign_assets.url', 'campaign_assets.kind',
      'campaign_assets.removed_at', 'campaign_assets.created_at', 'campaign_assets.position',
      'campaigns.key', 'campaigns.name', 'campaigns.status',
    ])
    .orderBy('campaigns.key')
    .orderBy('campaign_assets.position')
    .orderBy('campaign_assets.id');
  if (filter.campaignKey) assets = assets.where('campaigns.key', '=', filter.campaignKey.trim().toLowerCase());
  const rows = await assets.execute();

  let comments = db
    .selectFrom('content_ratings')
    .innerJoin('campaign_assets', 'campaign_assets.id', 'content_ratings.asset_id')
    .innerJoin('campaigns', 'campaigns.id', 'campaign_assets.campaign_id')
    .select(['content_ratings.asset_id', 'content_ratings.user_id', 'content_ratings.comment', 'content_ratings.commented_at', 'content_ratings.verdict'])
    .where('content_ratings.comment', 'is not', null)
    .orderBy('content_ratings.commented_at', 'desc')
    .orderBy('content_ratings.id', 'desc');
  if (filter.campaignKey) comments = comments.where('campaigns.key', '=', filter.campaignKey.trim().toLowerCase());
  const byAsset = new Map<number, ContentComment[]>();
  for (const c of await comments.execute()) {
    const list = byAsset.get(c.asset_id) ?? [];
    list.push({ user: c.user_id, at: c.commented_at ?? '', text: c.comment ?? '', verdict: c.verdict });
    byAsset.set(c.asset_id, list);
  }

  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    url: r.url,
    kind: r.kind,
    campaign: { key: r.campaignKey, name: r.campaignName, status: r.campaignStatus },
    removed_at: r.removed_at,
    created_at: r.created_at,
    useful: Number(r.useful ?? 0),
    not_useful: Number(r.notUseful ?? 0),
    comments: byAsset.get(r.id) ?? [],
  }));
}
