import type { ReleaseResult } from '../domain/mql/release.ts';
import { leadLabel } from '../domain/mql/words.ts';

// What the admin who clicked **Release to owner** reads (ephemeral). Tests assert on these.

export const RELEASE_NOT_ADMIN = 'Only Handoff admins (HANDOFF_ADMINS) can release a held lead. Ask one of them if this lead should go to its owner; when none are set, whoever runs Handoff can set HANDOFF_ADMINS.';
export const RELEASE_BAD_VALUE = 'That button did not say which lead to release, so nothing was changed. Use the buttons in the latest held-leads summary.';

export function releaseAnswer(result: ReleaseResult, leadId: string): string {
  switch (result.outcome) {
    case 'not_found':
      return `I could not find a lead with id \`${leadId.slice(0, 200)}\`, so nothing was released.`;
    case 'not_held': {
      const who = leadLabel(result.lead);
      if (result.released) {
        const by = result.released.by ? ` by <@${result.released.by}>` : '';
        return `${who} was already released${by} (${result.released.at.slice(0, 16).replace('T', ' ')} UTC); nothing more to do.`;
      }
      return `${who} is not held (it is ${result.lead.status}), so there is nothing to release.`;
    }
    case 'released': {
      const who = leadLabel(result.lead);
      return result.lead.owner_slack_id
        ? `Released ${who} to <@${result.lead.owner_slack_id}>: their lead DM is on its way.`
        : `Released ${who}. Its owner (${result.lead.owner_email ?? 'unknown'}) is not matched to a Slack user yet, so the DM goes out once they are.`;
    }
  }
}
