import { z } from 'zod';

// Every value Handoff puts in a button or a modal's private_metadata, and reads back when it is
// clicked or submitted: one codec per kind, checked with zod. A value Handoff did not write (a
// forged click, an old message of another shape) decodes to undefined, never to a half-read one.
// The wire formats are those messages already in Slack carry, so they keep working.

/** Slack's limits: 2,000 characters for a button value, 3,000 for private_metadata. */
const BUTTON_MAX = 2000;
const METADATA_MAX = 3000;
const LEAD_ID_MAX = 255;

const positiveId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const leadId = z.string().min(1).max(LEAD_ID_MAX);

function json<T>(schema: z.ZodType<T>, max: number) {
  return (value: string | undefined): T | undefined => {
    if (!value || value.length > max) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(value));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
}

/** Where a rating was given (the asset, and the lead when rated from its DM): rating buttons and the comment modal. */
export interface RatingContext {
  assetId: number;
  leadId?: string;
}

const ratingWire = z.object({ a: positiveId, l: leadId.optional() });
const decodeRatingWire = json(ratingWire, METADATA_MAX);

export function encodeRatingValue(ctx: RatingContext): string {
  return JSON.stringify({ a: ctx.assetId, ...(ctx.leadId ? { l: ctx.leadId } : {}) });
}

export function decodeRatingValue(value: string | undefined): RatingContext | undefined {
  if (value && value.length > BUTTON_MAX) return undefined;
  const v = decodeRatingWire(value);
  return v && { assetId: v.a, ...(v.l !== undefined ? { leadId: v.l } : {}) };
}

/** The pause-ending warning's buttons: which pause, and which end date the warning was about. */
export interface PauseButton {
  pauseId: number;
  until: string;
}

const pauseWire = z.string().max(100).regex(/^\d{1,15}\|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .transform((s) => ({ pauseId: Number(s.split('|')[0]), until: s.split('|')[1] }))
  .pipe(z.object({ pauseId: positiveId, until: z.string().refine((u) => !Number.isNaN(Date.parse(u))) }));

export function encodePauseButton(pauseId: number, until: string): string {
  return `${pauseId}|${until}`;
}

export function decodePauseButton(value: string | undefined): PauseButton | undefined {
  const parsed = pauseWire.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The Not qualified modal: which lead it answers. */
const rejectWire = z.object({ leadId });

export function encodeRejectMetadata(id: string): string {
  return JSON.stringify({ leadId: id });
}

export const decodeRejectMetadata = (value: string | undefined): string | undefined => json(rejectWire, METADATA_MAX)(value)?.leadId;

/** The brief form: the brief being edited (none when creating). */
export interface BriefModalMetadata {
  id?: number;
}

const briefWire = z.object({ id: positiveId.optional() });

export function encodeBriefMetadata(meta: BriefModalMetadata): string {
  return JSON.stringify(meta);
}

/** The brief id an edit form carries; undefined for a new brief or anything Handoff did not write. */
export const briefIdFromMetadata = (value: string | undefined): number | undefined => json(briefWire, METADATA_MAX)(value)?.id;

/** "Post this brief" on the no-brief-yet notice: the key and the name the leads use. */
export interface BriefDraftValue {
  key: string;
  name?: string;
}

const briefDraftWire = z.object({ key: z.string().max(64), name: z.string().max(200).optional() });

export function encodeBriefDraft(draft: BriefDraftValue): string {
  const value = JSON.stringify(draft);
  // A name that would not fit is left out: the key alone still finds the leads.
  return value.length <= BUTTON_MAX ? value : JSON.stringify({ key: draft.key });
}

export const decodeBriefDraft = json(briefDraftWire, BUTTON_MAX);
