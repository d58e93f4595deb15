import { cut } from './text.ts';

/**
 * A small modal carrying a private answer, for clicks on the App Home: they come with a
 * trigger but no response_url or channel to answer in.
 */
export function noticeModal(message: { text: string; blocks?: unknown[] }): Record<string, unknown> {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Handoff' },
    close: { type: 'plain_text', text: 'OK' },
    blocks: message.blocks?.length ? message.blocks.slice(0, 100) : [{ type: 'section', text: { type: 'mrkdwn', text: cut(message.text, 3000) } }],
  };
}
