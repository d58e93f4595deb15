// What `/handoff digest` answers. Tests assert on these.
import { adminsPhrase } from './permissions-text.ts';

export const DIGEST_COMMAND_USAGE = [
  '*`/handoff digest`* — post the digest of the last 7 days now (admins)',
  '• `/handoff digest` — to every `DIGEST_CHANNELS` channel (or here, when none is set)',
  '• `/handoff digest here` — to this channel only',
  '• `/handoff digest #channel` — to that digest channel only (one of `DIGEST_CHANNELS`)',
].join('\n');

export function digestRefusedText(admins: string[]): string {
  return `Only ${adminsPhrase(admins)} can post the digest on demand. The weekly digest still goes out on its own.`;
}

/** A channel named in the command that is neither a digest channel nor this one: the digest names leads, so it stays where it was agreed to go. */
export function digestChannelRefusedText(channel: string, configured: string[]): string {
  const allowed = configured.length ? `a digest channel (${configured.map((c) => `<#${c}>`).join(', ')}) or ` : '';
  return `The digest can only go to ${allowed}the channel you type the command in, not <#${channel}>. Run \`/handoff digest here\` in that channel${configured.length ? ', or add it to DIGEST_CHANNELS' : ''}.`;
}

export function digestQueuedText(channels: string[]): string {
  const where = channels.map((c) => `<#${c}>`).join(', ');
  return `Posting the digest of the last 7 days to ${where} now. This one is extra: the weekly digest still goes out on schedule.`;
}
