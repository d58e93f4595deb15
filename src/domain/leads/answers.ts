import type { Deps } from '../../deps.ts';
import type { Lead } from '../../db/schema.ts';

export type LeadAnswer = 'accepted' | 'rejected' | 'hot';

export interface AnswerInput {
  leadId: string;
  answer: LeadAnswer;
  /** Slack user id of who answered. */
  by: string;
  reason?: string;
  comment?: string;
}

/**
 * Records a rep's answer to a lead: status, answered_at/by (first answer only), a timeline
 * event, and a refresh of the lead's DM. Idempotent: the same answer twice changes nothing.
 * (Implemented by the lead handoff feature.)
 */
export async function recordLeadAnswer(_deps: Deps, _input: AnswerInput): Promise<{ changed: boolean; lead: Lead | undefined }> {
  return { changed: false, lead: undefined };
}
