// What lead.paused, lead.extended and lead.resumed say. Pure: (pause, change, lead) → data.

import type { HotPause, Lead } from '../../db/schema.ts';
import { eventLead, type EventLead } from '../events/lead-data.ts';
import { lastDayCovered } from './calendar.ts';

export type PauseEventType = 'lead.paused' | 'lead.extended' | 'lead.shortened' | 'lead.resumed';

export interface PauseEventData extends Record<string, unknown> {
  /** The lead the pause was made from; null for a pause typed by email alone. */
  lead: EventLead | null;
  email: string;
  paused_until: string;
  /** The last day covered, in Handoff's time zone. */
  last_day: string;
  paused_at: string;
  previous_paused_until?: string;
  reason: string;
  note: string | null;
  paused_by: { slack_user_id: string };
  /** Who made this change; null when the pause ran out by itself. */
  by: { slack_user_id: string } | null;
  resumed_because?: 'released' | 'expired';
}

/** Why the email tool must hold this email: what `reason` says in the API and the events. */
export function pauseReason(p: Pick<HotPause, 'note'>): string {
  return p.note ? `Hot lead: sales is working this contact — ${p.note}` : 'Hot lead: sales is working this contact';
}

export function pauseEventData(
  p: HotPause,
  lead: Lead | undefined,
  change: { actor: string | null; previousUntil?: string; resumedBecause?: 'released' | 'expired' },
  timeZone: string,
): PauseEventData {
  return {
    lead: lead ? eventLead(lead) : null,
    email: p.email_lower,
    paused_until: p.paused_until,
    last_day: lastDayCovered(new Date(p.paused_until), timeZone),
    paused_at: p.paused_at,
    ...(change.previousUntil ? { previous_paused_until: change.previousUntil } : {}),
    reason: pauseReason(p),
    note: p.note,
    paused_by: { slack_user_id: p.paused_by },
    by: change.actor ? { slack_user_id: change.actor } : null,
    ...(change.resumedBecause ? { resumed_because: change.resumedBecause } : {}),
  };
}
