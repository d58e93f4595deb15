// The outbound events HANDOFF_OUTBOUND_WEBHOOK_URL receives. Pure: (pause, change, now) → body.
// The event id is random so a receiver's dedup store never confuses two installs; the outbox
// dedupe key (per pause and change) is what makes each event happen once.

import { randomUUID } from 'node:crypto';
import type { HotPause } from '../../db/schema.ts';

export type PauseEventType = 'lead.paused' | 'lead.extended' | 'lead.resumed';

export interface PauseEventBody {
  id: string;
  type: PauseEventType;
  created_at: string;
  data: {
    email: string;
    paused_until: string;
    paused_at: string;
    previous_paused_until?: string;
    reason: string;
    note: string | null;
    paused_by: string;
    /** Slack user id of who made this change; null when the pause expired by itself. */
    actor: string | null;
    resumed_because?: 'released' | 'expired';
    lead: { id: string; name: string | null; company: string | null; campaign: string | null } | null;
  };
}

/** Why the email tool must hold this email: what `reason` says in the API and the events. */
export function pauseReason(p: Pick<HotPause, 'note'>): string {
  return p.note ? `Hot lead: sales is working this contact — ${p.note}` : 'Hot lead: sales is working this contact';
}

export function pauseEvent(
  type: PauseEventType,
  p: HotPause,
  change: { actor: string | null; previousUntil?: string; resumedBecause?: 'released' | 'expired' },
  now: Date,
): PauseEventBody {
  return {
    id: `evt_${randomUUID()}`,
    type,
    created_at: now.toISOString(),
    data: {
      email: p.email_lower,
      paused_until: p.paused_until,
      paused_at: p.paused_at,
      ...(change.previousUntil ? { previous_paused_until: change.previousUntil } : {}),
      reason: pauseReason(p),
      note: p.note,
      paused_by: p.paused_by,
      actor: change.actor,
      ...(change.resumedBecause ? { resumed_because: change.resumedBecause } : {}),
      lead: p.lead_id ? { id: p.lead_id, name: p.lead_name, company: p.company, campaign: p.campaign_key } : null,
    },
  };
}
