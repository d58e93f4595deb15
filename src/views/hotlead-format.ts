// Small helpers every view shares: Slack rejects over-long text, and user text must not become markup.

import { cut } from './text.ts';

export { cut, escapeMrkdwn } from './text.ts';

export const SECTION_MAX = 3000;

/** A mrkdwn section, cut to what Slack accepts. */
export function section(text: string): { type: 'section'; text: { type: 'mrkdwn'; text: string } } {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, SECTION_MAX) } };
}

export function context(text: string): { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] } {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: cut(text, SECTION_MAX) }] };
}
