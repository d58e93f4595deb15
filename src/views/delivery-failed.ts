// The notice marketing gets when Handoff gives up on a message: what, to whom, and why.
import type { KnownBlock } from './blocks.ts';
import { urlWithoutQuery } from '../url-without-query.ts';
import { cut, escapeMrkdwn as escapeText } from './text.ts';

export interface DeliveryFailure {
  outboxId: number;
  kind: string;
  /** channel or user id, or the webhook URL */
  target: string;
  /** Slack's error code, or the HTTP status for a webhook */
  error: string;
  refType: string | null;
  refId: string | null;
  /** the message's own text, if it had one */
  preview?: string;
}

const PREVIEW_MAX = 300;


/** How a person would name the destination: a channel or user mention, or the webhook's address without its query. */
export function describeTarget(target: string): string {
  if (/^[CG][A-Z0-9]+$/.test(target)) return `<#${target}>`;
  if (/^[UW][A-Z0-9]+$/.test(target)) return `<@${target}>`;
  if (/^D[A-Z0-9]+$/.test(target)) return `a direct message (${target})`;
  const url = urlWithoutQuery(target);
  return url ? `the webhook ${escapeText(cut(url, 200))}` : escapeText(cut(target, 200));
}

export function deliveryFailedNotice(failure: DeliveryFailure): { text: string; blocks: KnownBlock[] } {
  const what = failure.kind === 'webhook' ? 'a webhook event' : failure.kind === 'slack.update' ? 'a message update' : 'a message';
  const about = failure.kind !== 'webhook' && failure.refType && failure.refId ? ` about ${escapeText(failure.refType)} ${escapeText(cut(failure.refId, 100))}` : '';
  const error = escapeText(cut(failure.error, 200));
  const more = failure.kind === 'webhook' ? ' Other events to it given up on today are not announced again.' : '';
  const text = `Handoff could not deliver ${what}${about} to ${describeTarget(failure.target)} and gave up: ${error} (outbox #${failure.outboxId}).${more}`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `:warning: ${text}` } },
  ];
  if (failure.preview) {
    const quoted = escapeText(cut(failure.preview.replace(/\s+/g, ' ').trim(), PREVIEW_MAX));
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `It said: ${quoted}` }] });
  }
  return { text, blocks };
}
