import type { ModalView } from '@slack/types';
import { plainText, section, type KnownBlock } from './blocks.ts';

/**
 * A small modal carrying a private answer, for clicks on the App Home: they come with a
 * trigger but no response_url or channel to answer in.
 */
export function noticeModal(message: { text: string; blocks?: KnownBlock[] }): ModalView {
  return {
    type: 'modal',
    title: plainText('Handoff'),
    close: plainText('OK'),
    blocks: message.blocks?.length ? message.blocks.slice(0, 100) : [section(message.text)],
  };
}
