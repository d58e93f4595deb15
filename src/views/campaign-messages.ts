// What Handoff says about campaign briefs, in one place so tests assert on the same words.

import type { BriefRefusal } from '../domain/campaigns/access.ts';
import { escapeMrkdwn } from './campaign-format.ts';

export const CAMPAIGN_TEXT = {
  unknownKey: (key: string) => `No campaign with key \`${escapeMrkdwn(key)}\`. Try \`/campaign list\`.`,
  noActiveBriefs: 'There are no active campaign briefs yet. Post one with `/campaign`.',
  alreadyArchived: (key: string) => `\`${key}\` is already archived.`,
  archived: (name: string, key: string) =>
    `Archived *${escapeMrkdwn(name)}* (\`${key}\`). It no longer shows in \`/campaign list\`; leads that name it still bring its brief to their rep.`,
  checkFailed: 'Handoff could not check your permissions with Slack just now, so nothing was changed. Please try again in a minute.',
  modalFailed: 'Handoff could not open the brief form (Slack did not answer in time). Please run the command again.',
  keyCannotChange: 'The key cannot change: leads name the campaign by it. Create a new brief for a new key.',
  briefGone: 'This brief no longer exists.',
};

/** `plain`: for a modal's field error, which Slack shows as plain text, so no mention markup. */
export function refusalText(refusal: BriefRefusal, action: 'create' | 'edit' | 'archive', ctx: { usergroup?: string; ownerSlackId?: string | null; key?: string; plain?: boolean }): string {
  if (refusal === 'not_marketer') {
    const group = ctx.usergroup && !ctx.plain ? `<!subteam^${ctx.usergroup}>` : 'the marketing user group (MARKETING_USERGROUP)';
    const verb = action === 'create' ? 'post' : action;
    return `Only members of ${group} can ${verb} campaign briefs, and you are not one. Ask a Handoff admin to add you.`;
  }
  const owner = ctx.ownerSlackId && !ctx.plain ? `its owner, <@${ctx.ownerSlackId}>,` : 'its owner';
  return `Only ${owner} or a Handoff admin can ${action} \`${ctx.key ?? ''}\`. Ask them, or an admin, to make the change.`;
}
