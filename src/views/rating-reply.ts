import type { KnownBlock } from './blocks.ts';
import type { CommentOutcome, RatedAsset, RateOutcome, RatingRefusal, Tally } from '../domain/ratings/rate.ts';
import { COMMENT_MAX } from '../domain/ratings/rate.ts';
import { ACTIONS, RATING_COMMENT_INPUT, VIEWS } from './ids.ts';
import { decodeRatingValue, encodeRatingValue, type RatingContext } from './rating-buttons.ts';
import { fitText, safeName } from './text-fit.ts';

// What a rep reads after clicking a rating button or sending a comment. Tests assert on these.

export const RATING_TEXT = {
  forged: 'That button did not come from Handoff, so nothing was recorded.',
  unknownAsset: 'That content is no longer in Handoff, so nothing was recorded.',
  unknownLead: 'That button points at a lead Handoff does not know, so nothing was recorded.',
  commentEmpty: 'Write a comment (up to 500 characters).',
  commentTooLong: `Keep the comment to ${COMMENT_MAX} characters or fewer.`,
  modalFailed: 'Slack did not open the comment form (the click may have taken too long to reach me). Click *Add a comment* again.',
} as const;

const VERDICT_WORD = { useful: 'useful', not_useful: 'not useful' } as const;

export function tallyText(t: Tally): string {
  return `${t.useful} 👍 · ${t.notUseful} 👎 so far`;
}

function title(asset: RatedAsset): string {
  return `*${safeName(asset.title, 150)}*`;
}

export function refusalText(r: RatingRefusal): string {
  switch (r.refused) {
    case 'forged': return RATING_TEXT.forged;
    case 'unknown_asset': return RATING_TEXT.unknownAsset;
    case 'unknown_lead': return RATING_TEXT.unknownLead;
    case 'archived': return `${title(r.asset)} belongs to *${safeName(r.asset.campaignName, 150)}*, and this campaign is archived, so its content can no longer be rated. Nothing was changed.`;
    case 'removed': return `${title(r.asset)} was removed from its campaign brief, so it can no longer be rated. Nothing was changed.`;
  }
}

export function rateReplyText(o: RateOutcome): string {
  if (o.refused) return refusalText(o);
  const word = VERDICT_WORD[o.verdict];
  switch (o.result) {
    case 'rated': return `You rated ${title(o.asset)} ${word} — ${tallyText(o.tally)}`;
    case 'changed': return `You changed your rating of ${title(o.asset)} to ${word} — ${tallyText(o.tally)}`;
    case 'unchanged': return `You already rated ${title(o.asset)} ${word}; nothing changed — ${tallyText(o.tally)}`;
  }
}

/** The ephemeral answer to a rating click: the tally, and a way to say why. */
export function rateReply(o: RateOutcome, leadId?: string): { text: string; blocks: KnownBlock[] } {
  const text = rateReplyText(o);
  if (o.refused) return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  const value = encodeRatingValue({ assetId: o.asset.id, leadId });
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [{
          type: 'button',
          action_id: `${ACTIONS.rateComment}:${o.asset.id}`,
          text: { type: 'plain_text', text: o.hasComment ? 'Edit your comment' : 'Add a comment' },
          value,
        }],
      },
    ],
  };
}

/** The small comment modal; private_metadata carries the asset (and lead) the comment is about. */
export function ratingCommentModal(asset: RatedAsset, current: string | null, leadId?: string) {
  return {
    type: 'modal' as const,
    callback_id: VIEWS.ratingComment,
    private_metadata: encodeRatingValue({ assetId: asset.id, leadId }),
    title: { type: 'plain_text' as const, text: 'Comment on content' },
    submit: { type: 'plain_text' as const, text: 'Save comment' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `What made ${title(asset)} (${safeName(asset.campaignName, 150)}) help or not help you sell? Marketing reads these in the weekly digest.` } },
      {
        type: 'input',
        block_id: RATING_COMMENT_INPUT.block,
        label: { type: 'plain_text', text: 'Your comment' },
        element: {
          type: 'plain_text_input',
          action_id: RATING_COMMENT_INPUT.action,
          multiline: true,
          min_length: 1,
          max_length: COMMENT_MAX,
          ...(current ? { initial_value: current.slice(0, COMMENT_MAX) } : {}),
        },
      },
    ],
  };
}

/** What the modal turns into once the comment is saved (or why it could not be). */
export function commentSavedModal(o: CommentOutcome) {
  const text = o.refused
    ? refusalText(o)
    : `Thanks — your comment on ${title(o.asset)} is saved.${o.verdict ? '' : ' Rate it with 👍 or 👎 too, if you have not yet.'}\n${tallyText(o.tally)}`;
  return {
    type: 'modal' as const,
    callback_id: VIEWS.ratingComment,
    title: { type: 'plain_text' as const, text: 'Comment on content' },
    close: { type: 'plain_text' as const, text: 'Done' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: fitText(text, 3000) } }],
  };
}

/** Checks a submitted comment; the error is shown under the input. */
export function commentProblem(comment: string): string | undefined {
  if (comment.length === 0) return RATING_TEXT.commentEmpty;
  if (comment.length > COMMENT_MAX) return RATING_TEXT.commentTooLong;
  return undefined;
}

/**
 * Reads a rating button click: the value must be ours and agree with the asset id in the
 * action_id (`rate_useful:<assetId>`). undefined for anything else.
 */
export function parseRatingClick(actionId: string, value: string | undefined): RatingContext | undefined {
  const ctx = decodeRatingValue(value);
  if (!ctx) return undefined;
  const suffix = /:(.*)$/.exec(actionId)?.[1];
  if (suffix !== undefined && suffix !== String(ctx.assetId)) return undefined;
  if (ctx.leadId !== undefined && (ctx.leadId.length === 0 || ctx.leadId.length > 255)) return undefined;
  return ctx;
}
