// What Handoff says about campaign briefs, in one place so tests assert on the same words.

import type { BriefRefusal } from '../domain/campaigns/access.ts';
import type { ArchiveOutcome, BriefLookup, BriefSaveOutcome } from '../use-cases/campaign-briefs.ts';
import { CAMPAIGN_BRIEF_BLOCKS as B } from './ids.ts';
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

/**
 * Why the person may not do this, or that it could not be checked (`unchecked`). `plain`: for a
 * modal's field error, which Slack shows as plain text, so no mention markup.
 */
export function refusalText(refusal: BriefRefusal | 'unchecked', action: 'create' | 'edit' | 'archive', ctx: { usergroup?: string; ownerSlackId?: string | null; key?: string; plain?: boolean }): string {
  if (refusal === 'unchecked') return CAMPAIGN_TEXT.checkFailed;
  if (refusal === 'not_marketer') {
    const group = ctx.usergroup && !ctx.plain ? `<!subteam^${ctx.usergroup}>` : 'the marketing user group (MARKETING_USERGROUP)';
    const verb = action === 'create' ? 'post' : action;
    return `Only members of ${group} can ${verb} campaign briefs, and you are not one. Ask a Handoff admin to add you.`;
  }
  const owner = ctx.ownerSlackId && !ctx.plain ? `its owner, <@${ctx.ownerSlackId}>,` : 'its owner';
  return `Only ${owner} or a Handoff admin can ${action} \`${ctx.key ?? ''}\`. Ask them, or an admin, to make the change.`;
}

/** `/campaign edit|archive KEY` when the key names nothing the person may change. */
export function briefLookupAnswer(found: Exclude<BriefLookup, { kind: 'found' }>, action: 'edit' | 'archive'): string {
  switch (found.kind) {
    case 'unknown': return CAMPAIGN_TEXT.unknownKey(found.key);
    case 'already_archived': return CAMPAIGN_TEXT.alreadyArchived(found.brief.key);
    case 'refused': return refusalText(found.refusal, action, { ownerSlackId: found.brief.owner_slack_id, key: found.brief.key });
  }
}

/** What `/campaign archive KEY` did. */
export function archiveAnswer(outcome: ArchiveOutcome, usergroup: string | undefined): string {
  switch (outcome.kind) {
    case 'archived': return CAMPAIGN_TEXT.archived(outcome.brief.name, outcome.brief.key);
    case 'already_archived': return CAMPAIGN_TEXT.alreadyArchived(outcome.brief.key);
    case 'refused': return refusalText(outcome.refusal, 'archive', { usergroup, ownerSlackId: outcome.brief.owner_slack_id, key: outcome.brief.key });
  }
}

/** The brief form's field errors for a submission that did not save, on the field they concern. */
export function briefSaveErrors(outcome: Exclude<BriefSaveOutcome, { kind: 'saved' }>, mode: 'create' | 'edit', usergroup: string | undefined): Record<string, string> {
  switch (outcome.kind) {
    case 'gone': return { [B.name]: CAMPAIGN_TEXT.briefGone };
    case 'key_taken': return { [B.key]: `${outcome.message} Pick another key.` };
    case 'invalid': return { [B.endsOn]: `The end date ${outcome.problem}.` };
    case 'refused':
      return { [mode === 'create' ? B.key : B.name]: refusalText(outcome.refusal, outcome.action, { usergroup, ownerSlackId: outcome.current?.owner_slack_id, key: outcome.current?.key, plain: true }) };
  }
}
