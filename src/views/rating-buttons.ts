import type { CampaignAsset } from '../db/schema.ts';
import { encodeRatingValue } from './button-values.ts';
import type { Button } from './blocks.ts';
import { ACTIONS } from './ids.ts';

export { decodeRatingValue, encodeRatingValue, type RatingContext } from './button-values.ts';

/** The Useful / Not useful pair for one asset (and, optionally, Add a comment). */
export function ratingButtons(asset: Pick<CampaignAsset, 'id' | 'title'>, ctx: { leadId?: string; withComment?: boolean }): Button[] {
  const value = encodeRatingValue({ assetId: asset.id, leadId: ctx.leadId });
  const button = (action: string, text: string): Button => ({ type: 'button', action_id: `${action}:${asset.id}`, text: { type: 'plain_text', text }, value });
  return [
    button(ACTIONS.rateUseful, '👍 Useful'),
    button(ACTIONS.rateNotUseful, '👎 Not useful'),
    ...(ctx.withComment ? [button(ACTIONS.rateComment, 'Add a comment')] : []),
  ];
}
