// The lead events HANDOFF_OUTBOUND_WEBHOOK_URL receives: their names, and which of them a
// HANDOFF_OUTBOUND_EVENTS filter lets through.

export const EVENT_TYPES = [
  'lead.received',
  'lead.held',
  'lead.released',
  'lead.delivered',
  'lead.updated',
  'lead.reassigned',
  'lead.claimed',
  'lead.accepted',
  'lead.rejected',
  'lead.reminded',
  'lead.escalated',
  'lead.paused',
  'lead.extended',
  'lead.shortened',
  'lead.resumed',
  'content.rated',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * HANDOFF_OUTBOUND_EVENTS: names or `group.*` (and `*`), comma-separated. Returns the types it
 * lets through, or what is wrong with it.
 */
export function parseEventFilter(text: string): EventType[] | string {
  const wanted = new Set<EventType>();
  const unknown: string[] = [];
  for (const word of text.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean)) {
    const matches = word === '*' ? EVENT_TYPES : EVENT_TYPES.filter((t) => (word.endsWith('.*') ? t.startsWith(word.slice(0, -1)) : t === word));
    if (matches.length === 0) unknown.push(word);
    for (const t of matches) wanted.add(t);
  }
  if (unknown.length > 0) return `does not know ${unknown.map((w) => `"${w}"`).join(', ')}; the events are ${EVENT_TYPES.join(', ')} (lead.* for all lead events)`;
  if (wanted.size === 0) return 'names no event; leave it unset to send all of them';
  return EVENT_TYPES.filter((t) => wanted.has(t));
}
