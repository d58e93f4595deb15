import type { Kysely } from 'kysely';
import type { Campaign, CampaignAsset, Database } from '../../db/schema.ts';

/** A brief as the rest of the app reads it: JSON columns parsed, live assets in order. */
export interface CampaignBrief extends Omit<Campaign, 'key_messages' | 'talking_points'> {
  key_messages: string[];
  talking_points: string[];
  assets: CampaignAsset[];
}

function parseList(text: string): string[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export async function findCampaignByKey(db: Kysely<Database>, key: string): Promise<CampaignBrief | undefined> {
  const campaign = await db.selectFrom('campaigns').selectAll().where('key', '=', key.trim().toLowerCase()).executeTakeFirst();
  if (!campaign) return undefined;
  const assets = await db
    .selectFrom('campaign_assets')
    .selectAll()
    .where('campaign_id', '=', campaign.id)
    .where('removed_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return { ...campaign, key_messages: parseList(campaign.key_messages), talking_points: parseList(campaign.talking_points), assets };
}

export async function findCampaignById(db: Kysely<Database>, id: number): Promise<CampaignBrief | undefined> {
  const campaign = await db.selectFrom('campaigns').select('key').where('id', '=', id).executeTakeFirst();
  return campaign ? findCampaignByKey(db, campaign.key) : undefined;
}

export type CampaignStatusFilter = 'active' | 'archived' | 'all';

/** Briefs newest first, with their live assets. */
export async function listCampaigns(db: Kysely<Database>, status: CampaignStatusFilter, limit?: number): Promise<CampaignBrief[]> {
  let query = db.selectFrom('campaigns').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
  if (status !== 'all') query = query.where('status', '=', status);
  if (limit !== undefined) query = query.limit(limit);
  const campaigns = await query.execute();
  const assets = await liveAssetsOf(db, campaigns.map((c) => c.id));
  return campaigns.map((c) => ({
    ...c,
    key_messages: parseList(c.key_messages),
    talking_points: parseList(c.talking_points),
    assets: assets.get(c.id) ?? [],
  }));
}

export async function countCampaigns(db: Kysely<Database>, status: 'active' | 'archived'): Promise<number> {
  const row = await db.selectFrom('campaigns').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', status).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Assets taken out of a brief: kept (ratings point at them), shown only where history matters. */
export async function removedAssetsOf(db: Kysely<Database>, campaignId: number): Promise<CampaignAsset[]> {
  return db
    .selectFrom('campaign_assets')
    .selectAll()
    .where('campaign_id', '=', campaignId)
    .where('removed_at', 'is not', null)
    .orderBy('removed_at', 'desc')
    .orderBy('id')
    .execute();
}

async function liveAssetsOf(db: Kysely<Database>, campaignIds: number[]): Promise<Map<number, CampaignAsset[]>> {
  const byCampaign = new Map<number, CampaignAsset[]>();
  // Chunked so the parameter count stays under every engine's limit.
  for (let i = 0; i < campaignIds.length; i += 500) {
    const rows = await db
      .selectFrom('campaign_assets')
      .selectAll()
      .where('campaign_id', 'in', campaignIds.slice(i, i + 500))
      .where('removed_at', 'is', null)
      .orderBy('position')
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const list = byCampaign.get(row.campaign_id) ?? [];
      list.push(row);
      byCampaign.set(row.campaign_id, list);
    }
  }
  return byCampaign;
}
