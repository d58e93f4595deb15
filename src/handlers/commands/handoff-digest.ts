import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { postDigestNow } from '../../domain/digest/post.ts';
import { DIGEST_COMMAND_USAGE, digestChannelRefusedText, digestQueuedText, digestRefusedText } from '../../views/digest-command.ts';
import { unknownWords } from '../../views/usage.ts';

/** `/handoff digest [here | #channel]`, after the word `digest`: which channels, or undefined when the words make no sense. */
function targetChannels(words: string[], here: string, configured: string[]): string[] | undefined {
  if (words.length === 0) return configured.length ? configured : [here];
  if (words.length > 1) return undefined;
  if (words[0].toLowerCase() === 'here') return [here];
  const id = /^<#([CG][A-Z0-9]+)(\|[^>]*)?>$/.exec(words[0])?.[1] ?? /^([CG][A-Z0-9]{2,})$/.exec(words[0])?.[1];
  return id ? [id] : undefined;
}

/** `/handoff digest` (admins): post the digest now. */
export async function handoffDigest(deps: Deps, args: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
  const { user_id: userId, channel_id: here, text } = args.command;
  if (!deps.permissions.isAdmin(userId)) {
    await args.ack({ response_type: 'ephemeral', text: digestRefusedText(deps.config.admins) });
    return;
  }
  const words = text.trim().split(/\s+/).slice(1).filter(Boolean);
  if (words[0]?.toLowerCase() === 'help') {
    await args.ack({ response_type: 'ephemeral', text: DIGEST_COMMAND_USAGE });
    return;
  }
  const channels = targetChannels(words, here, deps.config.digestChannels);
  if (!channels) {
    await args.ack({ response_type: 'ephemeral', text: unknownWords('/handoff', text, DIGEST_COMMAND_USAGE) });
    return;
  }
  const elsewhere = channels.find((c) => c !== here && !deps.config.digestChannels.includes(c));
  if (elsewhere) {
    await args.ack({ response_type: 'ephemeral', text: digestChannelRefusedText(elsewhere, deps.config.digestChannels) });
    return;
  }
  const queued = await postDigestNow(deps, channels);
  await args.ack({ response_type: 'ephemeral', text: digestQueuedText(queued.map((q) => q.channel)) });
}
