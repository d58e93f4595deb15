import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, MrkdwnElement, PlainTextElement, SectionBlock } from '@slack/types';
import { cut } from './text.ts';

// Block Kit builders typed with Slack's own types (@slack/types), each cutting its text to the
// block's limit, so a view cannot make a block Slack would refuse for its shape or its length.

export type { KnownBlock } from '@slack/types';

/** Slack's limits: a section's or context's text, a header's, a button's label. */
export const SECTION_MAX = 3000;
export const HEADER_MAX = 150;
export const BUTTON_TEXT_MAX = 75;

// One argument each, so `lines.map(section)` cannot pass an index for a limit.
export const mrkdwn = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text: cut(text, SECTION_MAX) });
export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });
export const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(text)] });
/** Plain text cut to `max` (a header's 150 unless said): never map over it. */
export const plainText = (text: string, max = HEADER_MAX): PlainTextElement => ({ type: 'plain_text', text: cut(text, max), emoji: true });
export const header = (text: string): HeaderBlock => ({ type: 'header', text: plainText(text, HEADER_MAX) });
export const actions = (elements: ActionsBlock['elements']): ActionsBlock => ({ type: 'actions', elements });
export const divider = (): KnownBlock => ({ type: 'divider' });

/** A message as Handoff sends it: the notification text, and the blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export type { Button };
