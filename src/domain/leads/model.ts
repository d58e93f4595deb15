import type { Lead, LeadEvent } from '../../db/schema.ts';
import type { Qualification } from '../mql/rules.ts';

/** What the lead did, as the CRM reported it; `at` is a UTC ISO string when given. */
export interface Activity {
  type: string;
  content?: string;
  url?: string;
  at?: string;
}

export const LEAD_STATUSES = ['new', 'held', 'accepted', 'rejected', 'hot'] as const;
export const LEAD_DELIVERIES = ['awaiting_owner', 'queued', 'delivered', 'failed', 'not_sent'] as const;

export const REJECT_REASONS = {
  no_budget: 'No budget',
  not_decision_maker: 'Not decision maker',
  too_early: 'Too early',
  bad_fit: 'Bad fit',
  bad_data: 'Bad data',
  duplicate: 'Duplicate',
  other: 'Other',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

export function isRejectReason(value: unknown): value is RejectReason {
  return typeof value === 'string' && Object.hasOwn(REJECT_REASONS, value);
}

function parseJson(text: string | null, fallback: unknown): unknown {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

export function leadActivities(lead: Pick<Lead, 'activities'>): Activity[] {
  const v = parseJson(lead.activities, []);
  return Array.isArray(v) ? (v as Activity[]) : [];
}

export function leadFields(lead: Pick<Lead, 'fields'>): Record<string, unknown> {
  const v = parseJson(lead.fields, {});
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function leadQualification(lead: Pick<Lead, 'qualification'>): Qualification | undefined {
  const v = parseJson(lead.qualification, undefined) as Qualification | undefined;
  return v && typeof v === 'object' && Array.isArray(v.met) ? v : undefined;
}

/** Activities newest first; those without a date keep the CRM's order after the dated ones. */
export function newestFirst(activities: Activity[]): Activity[] {
  return activities
    .map((a, i) => ({ a, i, t: a.at ? Date.parse(a.at) : NaN }))
    .sort((x, y) => {
      const xd = Number.isNaN(x.t);
      const yd = Number.isNaN(y.t);
      if (xd !== yd) return xd ? 1 : -1;
      if (!xd && x.t !== y.t) return y.t - x.t;
      return x.i - y.i;
    })
    .map((x) => x.a);
}

/** Open leads are the ones waiting for their owner's answer. */
export function isAnswered(lead: Pick<Lead, 'status'>): boolean {
  return lead.status === 'accepted' || lead.status === 'rejected' || lead.status === 'hot';
}

/** The lead as the read API shows it. */
export function leadJson(lead: Lead) {
  return {
    id: lead.id,
    email: lead.email,
    name: lead.name,
    title: lead.title,
    company: lead.company,
    owner: { email: lead.owner_email, slack_user_id: lead.owner_slack_id },
    campaign: lead.campaign_key,
    stage: lead.stage,
    crm_stage: lead.crm_stage,
    record_url: lead.record_url,
    score: lead.score,
    activities: leadActivities(lead),
    fields: leadFields(lead),
    status: lead.status,
    delivery: lead.delivery,
    qualification: leadQualification(lead) ?? null,
    received_at: lead.received_at,
    delivered_at: lead.delivered_at,
    answered_at: lead.answered_at,
    answered_by: lead.answered_by,
    reject_reason: lead.reject_reason,
    reject_comment: lead.reject_comment,
    reminded_at: lead.reminded_at,
    escalated_at: lead.escalated_at,
    updated_at: lead.updated_at,
  };
}

/** Where a lead event went: one per receiving URL (shown without its query, which may hold a token). */
export interface EventDelivery {
  url: string;
  event_type: string | null;
  event_id: string | null;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** When the receiver took it (answered 2xx). */
  taken_at: string | null;
  failed_at: string | null;
  next_attempt_at: string | null;
  last_error: string | null;
}

export function leadEventJson(event: LeadEvent, deliveries: EventDelivery[] = []) {
  return { type: event.type, actor: event.actor, detail: parseJson(event.detail, null), at: event.at, ...(deliveries.length > 0 ? { sent_to: deliveries } : {}) };
}

/** An answer a lead was given, as its timeline holds it: what the DM and the Home show. */
export interface LeadAnswerView {
  type: 'accepted' | 'rejected' | 'hot';
  actor: string | null;
  at: string;
  reason?: string | null;
  comment?: string | null;
}
