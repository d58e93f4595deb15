// What `/handoff digest` answers. Tests assert on these.

export const DIGEST_COMMAND_USAGE = [
  '*`/handoff digest`* — post the digest of the last 7 days now (admins)',
  '• `/handoff digest` — to every `DIGEST_CHANNELS` channel (or here, when none is set)',
  '• `/handoff digest here` — to this channel only',
  '• `/handoff digest #channel` — to that channel only',
].join('\n');

export function digestRefusedText(admins: string[]): string {
  return `Only Handoff admins can post the digest on demand (HANDOFF_ADMINS: ${admins.map((a) => `<@${a}>`).join(', ')}). The weekly digest still goes out on its own.`;
}

export function digestQueuedText(channels: string[]): string {
  const where = channels.map((c) => `<#${c}>`).join(', ');
  return `Posting the digest of the last 7 days to ${where} now. This one is extra: the weekly digest still goes out on schedule.`;
}
