// What each lead event says: pure, from the lead as it is after the change and the timeline
// entry that recorded the change.

import type { Lead } from '../../db/schema.ts';
import type { EventType } from './catalogue.ts';

export interface EventLead {
  id: string;
  email: string | null;
  name: string | null;
  company: string | null;
  campaign: string | null;
  stage: string | null;
  owner: { slack_user_id: string | null; email: string | null };
  status: Lead['status'];
  record_url: string | null;
}

export function eventLead(lead: Lead): EventLead {
  return {
    id: lead.id,
    email: lead.email,
    name: lead.name,
    company: lead.company,
    campaign: lead.campaign_key,
    stage: lead.stage,
    owner: { slack_user_id: lead.owner_slack_id, email: lead.owner_email },
    status: lead.status,
    record_url: lead.record_url,
  };
}

/** Timeline entry types that are also sent out, and under which name. `hot` goes out as the pause it makes (lead.paused). */
export const OUTBOUND_NAME: Readonly<Record<string, EventType>> = {
  received: 'lead.received',
  held: 'lead.held',
  released: 'lead.released',
  delivered: 'lead.delivered',
  updated: 'lead.updated',
  reassigned: 'lead.reassigned',
  claimed: 'lead.claimed',
  accepted: 'lead.accepted',
  rejected: 'lead.rejected',
  reminded: 'lead.reminded',
  escalated: 'lead.escalated',
};

export interface TimelineEntry {
  type: string;
  actor: string | null;
  detail: Record<string, unknown>;
  at: string;
}

const person = (slackUserId: string | null) => (slackUserId ? { slack_user_id: slackUserId } : null);
const seconds = (ms: unknown) => (typeof ms === 'number' ? Math.round(ms / 1000) : null);

/** Seconds from the DM reaching the rep (or, when it never did, from intake) to the answer. */
export function responseSeconds(lead: Pick<Lead, 'delivered_at' | 'received_at'>, answeredAt: string): number {
  const from = Date.parse(lead.delivered_at ?? lead.received_at);
  return Math.max(0, Math.round((Date.parse(answeredAt) - from) / 1000));
}

/** The event's `data`: the lead, and what this kind of change adds to it. */
export function leadEventData(lead: Lead, entry: TimelineEntry): Record<string, unknown> {
  const d = entry.detail;
  const base = { lead: eventLead(lead) };
  switch (entry.type) {
    case 'received':
      return { ...base, crm_stage: lead.crm_stage, crm_campaign: d.crm_campaign ?? null };
    case 'held':
      return { ...base, failed_rules: Array.isArray(d.failed) ? d.failed : [] };
    case 'released':
      return { ...base, by: person(entry.actor) };
    case 'delivered':
      return { ...base, delivered_at: lead.delivered_at ?? entry.at };
    case 'updated':
      return { ...base, changes: Array.isArray(d.changes) ? d.changes : [] };
    case 'reassigned':
      return { ...base, from: d.from ?? null, to: d.to ?? null, why: d.why ?? null };
    case 'claimed':
      return { ...base, by: person(entry.actor), why: d.why ?? 'claimed from the sales channel' };
    case 'accepted':
      return { ...base, by: person(entry.actor), response_seconds: responseSeconds(lead, entry.at), comment: d.comment ?? null };
    case 'rejected':
      return { ...base, by: person(entry.actor), reason: d.reason ?? null, comment: d.comment ?? null, response_seconds: responseSeconds(lead, entry.at) };
    case 'reminded':
      return { ...base, sla_seconds: seconds(d.sla_ms) };
    case 'escalated':
      return { ...base, channel: d.channel ?? null, sla_seconds: seconds(d.sla_ms) };
    default:
      return base;
  }
}
