import type { CampaignAsset } from '../db/schema.ts';
import { parseAliases } from '../domain/campaigns/match.ts';
import type { CampaignBrief } from '../domain/campaigns/queries.ts';

/** A brief as the HTTP API shows it (intake answers and the read API agree on this shape). */
export function campaignJson(b: CampaignBrief, removedAssets?: CampaignAsset[]) {
  return {
    id: b.id,
    key: b.key,
    name: b.name,
    goal: b.goal,
    audience: b.audience,
    stage: b.stage,
    offer: b.offer,
    key_messages: b.key_messages,
    talking_points: b.talking_points,
    aliases: parseAliases(b.aliases),
    assets: b.assets.map((a) => ({ id: a.id, title: a.title, url: a.url, kind: a.kind })),
    ...(removedAssets ? { removed_assets: removedAssets.map((a) => ({ id: a.id, title: a.title, url: a.url, kind: a.kind, removed_at: a.removed_at })) } : {}),
    starts_on: b.starts_on,
    ends_on: b.ends_on,
    owner: { slack_user_id: b.owner_slack_id, email: b.owner_email },
    status: b.status,
    created_by: b.created_by,
    created_at: b.created_at,
    updated_at: b.updated_at,
  };
}
