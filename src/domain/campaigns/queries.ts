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
