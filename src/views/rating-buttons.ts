import type { CampaignAsset } from '../db/schema.ts';
import { ACTIONS } from './ids.ts';

/** Where a rating was given: travels in the button value so the rating keeps its context. */
export interface RatingContext {
  assetId: number;
  leadId?: string;
}

export function encodeRatingValue(ctx: RatingContext): string {
  return JSON.stringify({ a: ctx.assetId, ...(ctx.leadId ? { l: ctx.leadId } : {}) });
}

/** Parses a button value; undefined for anything Handoff did not write. */
export function decodeRatingValue(value: string | undefined): RatingContext | undefined {
  // Slack's limit for a button value: anything longer did not come from a button Handoff made.
  if (!value || value.length > 2000) return undefined;
  try {
    const v = JSON.parse(value) as { a?: unknown; l?: unknown };
    if (!Number.isSafeInteger(v.a) || (v.a as number) <= 0) return undefined;
    if (v.l !== undefined && typeof v.l !== 'string') return undefined;
    return { assetId: v.a as number, leadId: v.l as string | undefined };
  } catch {
    return undefined;
  }
}

/** The Useful / Not useful pair for one asset (and, optionally, Add a comment). */
export function ratingButtons(asset: Pick<CampaignAsset, 'id' | 'title'>, ctx: { leadId?: string; withComment?: boolean }) {
  const value = encodeRatingValue({ assetId: asset.id, leadId: ctx.leadId });
  return [
    { type: 'button', action_id: `${ACTIONS.rateUseful}:${asset.id}`, text: { type: 'plain_text', text: '👍 Useful' }, value },
    { type: 'button', action_id: `${ACTIONS.rateNotUseful}:${asset.id}`, text: { type: 'plain_text', text: '👎 Not useful' }, value },
    ...(ctx.withComment ? [{ type: 'button', action_id: `${ACTIONS.rateComment}:${asset.id}`, text: { type: 'plain_text', text: 'Add a comment' }, value }] : []),
  ];
}
