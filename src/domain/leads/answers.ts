import type { Deps } from '../../deps.ts';
import type { Lead, LeadStatus } from '../../db/schema.ts';
import type { Outgoing } from '../notices.ts';
import type { LeadAnswerView } from './model.ts';
import { queueCrmWriteBack } from '../crm/write-back.ts';
import { enqueueLeadDmUpdate } from './dm.ts';
import { addLeadEvent, findLead, findLeadForUpdate, leadAnswers } from './queries.ts';

/** What answering a lead runs with. */
type AnswerDeps = Pick<Deps, 'config' | 'db' | 'notices' | 'permissions'>;

export type LeadAnswer = 'accepted' | 'rejected' | 'hot';

export interface AnswerInput {
  leadId: string;
  answer: LeadAnswer;
  /** Slack user id of who answered. */
  by: string;
  reason?: string;
  comment?: string;
}

/** Which states each answer may follow: an accepted lead can still turn hot; nothing follows a rejection or hot. */
const ANSWERABLE_FROM: Record<LeadAnswer, LeadStatus[]> = {
  accepted: ['new'],
  rejected: ['new'],
  hot: ['new', 'accepted', 'held'],
};

/**
 * Records a rep's answer to a lead: status, answered_at/by (first answer only), a timeline
 * event, and a refresh of the lead's DM. Idempotent: the same answer twice changes nothing.
 * Marketing hears of every rejection. Does not check who may answer: see `answerLead`.
 */
export async function recordLeadAnswer(deps: AnswerDeps, input: AnswerInput): Promise<{ changed: boolean; lead: Lead | undefined }> {
  // Durable before the DM changes or anyone is told, with the fsync off the thread that acks clicks.
  return deps.notices.transaction((out) => applyLeadAnswer(deps, out, input), { durably: true });
}

/** recordLeadAnswer's change, inside the caller's transaction (a pause answers its lead hot in its own). */
export async function applyLeadAnswer(deps: Pick<Deps, 'config'>, out: Outgoing, input: AnswerInput): Promise<{ changed: boolean; lead: Lead | undefined }> {
  const { trx, now } = out;
  const at = now.toISOString();
  const allowed = ANSWERABLE_FROM[input.answer];
  const lead = await findLeadForUpdate(trx, input.leadId);
  if (!lead || !allowed.includes(lead.status)) return { changed: false, lead };
  const rejected = input.answer === 'rejected';
  const changes = {
    status: input.answer,
    answered_at: lead.answered_at ?? at,
    answered_by: lead.answered_by ?? input.by,
    reject_reason: rejected ? (input.reason ?? null) : lead.reject_reason,
    reject_comment: rejected ? (input.comment ?? null) : lead.reject_comment,
    updated_at: at,
  };
  // Conditional on the state we read, so two answers racing cannot both win.
  const updated = await trx
    .updateTable('leads')
    .set(changes)
    .where('id', '=', lead.id)
    .where('status', '=', lead.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return { changed: false, lead: await findLead(trx, input.leadId) };
  const answered: Lead = { ...lead, ...changes };
  const detail = rejected ? { reason: input.reason ?? null, comment: input.comment ?? null } : input.comment ? { comment: input.comment } : undefined;
  await addLeadEvent(trx, now, deps.config, { leadId: lead.id, type: input.answer, actor: input.by, detail });
  if (rejected && deps.config.marketingChannel) {
    await out.post(deps.config.marketingChannel, { type: 'lead.rejected', lead: answered, by: input.by, reason: input.reason ?? 'other', comment: input.comment ?? null }, { dedupeKey: `lead-rejected:${lead.id}` });
  }
  await queueCrmWriteBack(trx, now, deps.config, answered, input.answer);
  await enqueueLeadDmUpdate(out, answered);
  out.refreshHome(input.by, answered.owner_slack_id);
  return { changed: true, lead: answered };
}

export type AnswerCheck =
  | { kind: 'gone' }
  | { kind: 'held'; lead: Lead }
  | { kind: 'not_yours'; lead: Lead }
  | { kind: 'already'; lead: Lead; last: LeadAnswerView | undefined }
  | { kind: 'ok'; lead: Lead };

/** Only the owner answers a lead — or an admin (HANDOFF_ADMINS). */
export function mayAnswer(deps: Pick<Deps, 'permissions'>, lead: Lead, userId: string): boolean {
  return lead.owner_slack_id === userId || deps.permissions.isAdmin(userId);
}

/** Whether `userId` may give this answer to this lead now, and if not, why. */
export async function checkLeadAnswer(deps: AnswerDeps, leadId: string, userId: string, answer: LeadAnswer): Promise<AnswerCheck> {
  const lead = await findLead(deps.db, leadId);
  if (!lead) return { kind: 'gone' };
  if (!mayAnswer(deps, lead, userId)) return { kind: 'not_yours', lead };
  if (ANSWERABLE_FROM[answer].includes(lead.status)) return { kind: 'ok', lead };
  if (lead.status === 'held') return { kind: 'held', lead };
  return { kind: 'already', lead, last: (await leadAnswers(deps.db, leadId)).at(-1) };
}

/** A button's answer: checks who may give it, then records it. */
export async function answerLead(deps: AnswerDeps, input: AnswerInput): Promise<AnswerCheck> {
  const check = await checkLeadAnswer(deps, input.leadId, input.by, input.answer);
  if (check.kind !== 'ok') return check;
  const { changed, lead } = await recordLeadAnswer(deps, input);
  if (changed && lead) return { kind: 'ok', lead };
  // Someone else answered between the check and the write.
  return checkLeadAnswer(deps, input.leadId, input.by, input.answer);
}
