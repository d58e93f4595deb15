import type { ModalView } from '@slack/types';
import { z } from 'zod';
import type { Lead } from '../db/schema.ts';
import { REJECT_REASONS, isRejectReason, type RejectReason } from '../domain/leads/model.ts';
import { decodeRejectMetadata, encodeRejectMetadata } from './button-values.ts';
import { leadLabel } from './lead-dm.ts';
import { cut, esc } from './lead-format.ts';
import { LEAD_BLOCKS, VIEWS } from './ids.ts';

// The Not qualified modal: a reason from the fixed list and a comment, both for marketing.

export const MAX_REJECT_COMMENT = 1000;

export const REJECT_ERRORS = {
  reason: 'Pick the reason that fits best.',
  unknownReason: 'Pick one of the listed reasons.',
  otherNeedsComment: 'With “Other”, say why in a comment so marketing can act on it.',
  commentTooLong: `Keep the comment under ${MAX_REJECT_COMMENT} characters.`,
  gone: 'This lead no longer exists in Handoff; nothing was changed.',
  notYours: 'This is not your lead: only its owner (or a Handoff admin) can answer it.',
  held: 'This lead was held back by the lead definition; there is nothing to answer yet.',
  already: (status: string) => `This lead was already answered (${status === 'hot' ? 'marked hot' : status}); nothing was changed.`,
} as const;

export function buildRejectModal(lead: Lead): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.leadReject,
    private_metadata: encodeRejectMetadata(lead.id),
    title: { type: 'plain_text', text: 'Not qualified' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: cut(`Why is *${esc(leadLabel(lead))}* not a qualified lead? Marketing sees your reason and comment, so the next leads get better.`, 3000) },
      },
      {
        type: 'input',
        block_id: LEAD_BLOCKS.rejectReason,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'static_select',
          action_id: LEAD_BLOCKS.rejectReasonSelect,
          placeholder: { type: 'plain_text', text: 'Pick a reason' },
          options: Object.entries(REJECT_REASONS).map(([value, text]) => ({ text: { type: 'plain_text', text }, value })),
        },
      },
      {
        type: 'input',
        block_id: LEAD_BLOCKS.rejectComment,
        optional: true,
        label: { type: 'plain_text', text: 'Comment' },
        hint: { type: 'plain_text', text: 'Required when the reason is Other.' },
        element: {
          type: 'plain_text_input',
          action_id: LEAD_BLOCKS.rejectCommentInput,
          multiline: true,
          max_length: MAX_REJECT_COMMENT,
          placeholder: { type: 'plain_text', text: 'What did you learn? e.g. "Budget frozen until Q3"' },
        },
      },
    ],
  };
}

const submission = z.object({
  metadata: z.string(),
  reason: z.string().optional(),
  comment: z.string().optional(),
});

export type RejectSubmission =
  | { ok: true; leadId: string; reason: RejectReason; comment: string | undefined }
  | { ok: false; errors: Record<string, string> };

/** Reads the submitted modal; field errors are keyed by input block id (Slack's response_action errors). */
export function parseRejectSubmission(view: { private_metadata?: string; state?: { values?: Record<string, Record<string, any>> } }): RejectSubmission {
  const values = view.state?.values ?? {};
  const raw = submission.safeParse({
    metadata: view.private_metadata ?? '',
    reason: values[LEAD_BLOCKS.rejectReason]?.[LEAD_BLOCKS.rejectReasonSelect]?.selected_option?.value ?? undefined,
    comment: values[LEAD_BLOCKS.rejectComment]?.[LEAD_BLOCKS.rejectCommentInput]?.value ?? undefined,
  });
  if (!raw.success) return { ok: false, errors: { [LEAD_BLOCKS.rejectReason]: REJECT_ERRORS.reason } };
  const leadId = decodeRejectMetadata(raw.data.metadata);
  const errors: Record<string, string> = {};
  const reason = raw.data.reason;
  const comment = raw.data.comment?.trim() || undefined;
  if (!leadId) errors[LEAD_BLOCKS.rejectReason] = REJECT_ERRORS.gone;
  else if (!reason) errors[LEAD_BLOCKS.rejectReason] = REJECT_ERRORS.reason;
  else if (!isRejectReason(reason)) errors[LEAD_BLOCKS.rejectReason] = REJECT_ERRORS.unknownReason;
  if (comment && comment.length > MAX_REJECT_COMMENT) errors[LEAD_BLOCKS.rejectComment] = REJECT_ERRORS.commentTooLong;
  else if (reason === 'other' && !comment) errors[LEAD_BLOCKS.rejectComment] = REJECT_ERRORS.otherNeedsComment;
  if (Object.keys(errors).length > 0 || !leadId || !isRejectReason(reason)) return { ok: false, errors };
  return { ok: true, leadId, reason, comment };
}
