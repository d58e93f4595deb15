// Everything a pause change tells the world, written in the same transaction as the change:
// the leads' timelines, the #marketing notice and the signed outbound event (both via the outbox).

import type { HotPause } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import type { Notice, Outgoing, PauseCampaign } from '../notices.ts';
import { findCampaignByKey } from '../campaigns/queries.ts';
import { addToTimelines, type PauseLead } from './store.ts';
import { publishEvents, wantsEvent } from '../events/publish.ts';
import { findLead } from '../leads/queries.ts';
import { pauseEventData, type PauseEventType } from './webhook-events.ts';

export type PauseChange =
  | { kind: 'paused'; by: string }
  | { kind: 'extended'; by: string; previousUntil: string }
  | { kind: 'shortened'; by: string; previousUntil: string }
  | { kind: 'resumed'; by: string | null; reason: 'released' | 'expired' };

const TIMELINE_TYPE = { paused: 'hot_paused', extended: 'hot_extended', shortened: 'hot_shortened', released: 'hot_released', expired: 'hot_expired' } as const;
const EVENT_TYPE: Record<PauseChange['kind'], PauseEventType> = { paused: 'lead.paused', extended: 'lead.extended', shortened: 'lead.shortened', resumed: 'lead.resumed' };

async function campaignOf(trx: Outgoing['trx'], p: HotPause): Promise<PauseCampaign | null> {
  if (!p.campaign_key) return null;
  const brief = await findCampaignByKey(trx, p.campaign_key);
  return { key: p.campaign_key, name: brief?.name ?? null };
}

/** Dedupe suffix: one notice and one event per pause per change (an extension per new end date). */
function changeKey(p: HotPause, change: PauseChange): string {
  return change.kind === 'extended' || change.kind === 'shortened' ? `${change.kind}:${p.paused_until}` : change.kind;
}

export async function announcePauseChange(
  deps: Pick<Deps, 'config'>,
  out: Outgoing,
  pause: HotPause,
  leads: Pick<PauseLead, 'id'>[],
  change: PauseChange,
): Promise<void> {
  const { trx, now } = out;
  const at = now.toISOString();
  const timelineType = change.kind === 'resumed' ? TIMELINE_TYPE[change.reason] : TIMELINE_TYPE[change.kind];
  const timelineIds = await addToTimelines(trx, leads, {
    type: timelineType,
    actor: change.by,
    at,
    detail: {
      pause_id: pause.id,
      email: pause.email_lower,
      paused_until: pause.paused_until,
      ...(change.kind === 'extended' || change.kind === 'shortened' ? { previous_until: change.previousUntil } : {}),
      ...(change.kind === 'paused' ? { note: pause.note, source: pause.source } : {}),
    },
  });

  const key = changeKey(pause, change);
  const { marketingChannel } = deps.config;
  if (marketingChannel) {
    const campaign = await campaignOf(trx, pause);
    const notice: Notice = change.kind === 'paused'
      ? { type: 'pause.started', pause, campaign }
      : change.kind === 'resumed'
        ? { type: 'pause.resumed', pause, reason: change.reason, by: change.by, campaign }
        : { type: change.kind === 'extended' ? 'pause.extended' : 'pause.shortened', pause, previousUntil: change.previousUntil, by: change.by, campaign };
    await out.post(marketingChannel, notice, { dedupeKey: `hotlead-notice:${pause.id}:${key}` });
  }
  const eventType = EVENT_TYPE[change.kind];
  if (wantsEvent(deps.config, eventType)) {
    const lead = pause.lead_id ? await findLead(trx, pause.lead_id) : undefined;
    const data = pauseEventData(pause, lead, {
      actor: change.by,
      previousUntil: change.kind === 'extended' || change.kind === 'shortened' ? change.previousUntil : undefined,
      resumedBecause: change.kind === 'resumed' ? change.reason : undefined,
    }, deps.config.timeZone);
    const timelineId = timelineIds.find((t) => t.lead_id === pause.lead_id)?.id ?? timelineIds[0]?.id;
    await publishEvents(trx, now, deps.config, [{ type: eventType, key: `hotlead:${pause.id}:${key}`, data, ...(timelineId !== undefined ? { timelineId } : {}) }]);
  }
}
