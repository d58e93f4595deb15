// What marketing and the admins see when an event receiver answers 410 Gone, and the answers
// to the Send again button. Tests assert on these.

import type { KnownBlock } from './blocks.ts';
import { describeTarget } from './delivery-failed.ts';
import { ACTIONS } from './ids.ts';

export function endpointStoppedNotice(stop: { url: string; tag: string; dropped: number }): { text: string; blocks: KnownBlock[] } {
  const where = describeTarget(stop.url).replace(/^the webhook /, '');
  const dropped = stop.dropped === 0 ? '' : ` ${stop.dropped} waiting event${stop.dropped === 1 ? ' was' : 's were'} dropped.`;
  const text = `🛑 Lead events to ${where} stopped: it answered 410 Gone, which means it wants no more.${dropped} Other receivers and Slack are not affected.`;
  const next = 'Once it takes events again, a Handoff admin clicks *Send again* (events from then on go out), or removes it from `HANDOFF_OUTBOUND_WEBHOOK_URL`.';
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: next }] },
      { type: 'actions', elements: [{ type: 'button', action_id: ACTIONS.endpointResume, text: { type: 'plain_text', text: 'Send again' }, value: stop.tag }] },
    ],
  };
}

export const ENDPOINT_TEXT = {
  resumed: (url: string) => `Events go to ${describeTarget(url).replace(/^the webhook /, '')} again, from now on.`,
  notStopped: 'That receiver is not stopped (someone started it again already, or it is no longer configured); nothing changed.',
  adminsOnly: 'Only Handoff admins (HANDOFF_ADMINS) can start a receiver again.',
} as const;
