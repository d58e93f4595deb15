import type { CampaignAsset } from '../db/schema.ts';
import { encodeRatingValue } from './button-values.ts';
import { ACTIONS } from './ids.ts';

export { decodeRatingValue, encodeRatingValue, type RatingContext } from './button-values.ts';

/** The Useful / Not useful pair for one asset (and, optionally, Add a comment). */
export function ratingButtons(asset: Pick<CampaignAsset, 'id' | 'title'>, ctx: { leadId?: string; withComment?: boolean }) {
  const value = encodeRatingValue({ assetId: asset.id, leadId: ctx.leadId });
  return [
    { type: 'button', action_id: `${ACTIONS.rateUseful}:${asset.id}`, text: { type: 'plain_text', text: '👍 Useful' }, value },
    { type: 'button', action_id: `${ACTIONS.rateNotUseful}:${asset.id}`, text: { type: 'plain_text', text: '👎 Not useful' }, value },
    ...(ctx.withComment ? [{ type: 'button', action_id: `${ACTIONS.rateComment}:${asset.id}`, text: { type: 'plain_text', text: 'Add a comment' }, value }] : []),
  ];
}
