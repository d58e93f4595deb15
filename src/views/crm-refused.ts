// What marketing reads when HubSpot or Salesforce refuses a write-back for good: which lead,
// what was refused, and what to fix. Tests assert on these.

import type { KnownBlock } from './blocks.ts';
import type { CrmWrite } from '../domain/crm/write-back.ts';
import { cut, escapeMrkdwn as esc } from './text.ts';

const ANSWER_WORD = { accepted: 'accepted', hot: 'hot', rejected: 'not qualified' } as const;

function whatToFix(write: CrmWrite, error: string): string {
  const hubspot = write.crm === 'hubspot';
  if (/INVALID_OPTION|RESTRICTED_PICKLIST|VALIDATION_ERROR|http_400/.test(error) && write.op === 'set_status') {
    return hubspot
      ? `HubSpot's Lead status has no option \`${esc(write.value)}\`: set \`HUBSPOT_STATUS_MAP\` (e.g. \`accepted=IN_PROGRESS,hot=IN_PROGRESS,rejected=UNQUALIFIED\`) to internal values listed in HubSpot under Settings › Properties › Lead status.`
      : `Salesforce's Lead Status picklist has no value \`${esc(write.value)}\`: set \`SALESFORCE_STATUS_MAP\` (e.g. \`accepted=Working - Contacted,rejected=Closed - Not Converted\`) to values of Setup › Object Manager › Lead › Fields › Lead Status.`;
  }
  if (/http_404|NOT_FOUND|ENTITY_IS_DELETED/.test(error)) {
    return hubspot
      ? 'HubSpot has no such contact any more (deleted or merged): update it by hand if it was merged.'
      : 'Salesforce has no such Lead any more (deleted, merged or converted): update the record it became by hand.';
  }
  if (/http_403|MISSING_SCOPES|INSUFFICIENT_ACCESS/.test(error)) {
    return hubspot
      ? 'The HubSpot private app may not write contacts: give it the `crm.objects.contacts.write` scope and put its new token in `HUBSPOT_TOKEN`.'
      : 'The connected app\'s run-as user may not edit Leads: give that user edit access to Lead and its Status field.';
  }
  return 'Check the record in the CRM; Handoff will not try this write again.';
}

export function crmRefusedNotice(write: CrmWrite, error: string): { text: string; blocks: KnownBlock[] } {
  const crm = write.crm === 'hubspot' ? 'HubSpot' : 'Salesforce';
  const record = write.crm === 'hubspot' ? `contact ${write.contactId}` : `Lead ${write.leadRecordId}`;
  const what = write.op === 'note' ? 'the note saying why' : write.crm === 'hubspot' ? `Lead status \`${esc(write.value)}\`` : `Status \`${esc(write.value)}\``;
  const text = `⚠️ ${crm} refused to record that lead \`${esc(cut(write.leadId, 100))}\` was ${ANSWER_WORD[write.answer]}: ${what} on ${record}. ${whatToFix(write, error)}`;
  return {
    text: cut(text, 3000),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: cut(text, 3000) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${crm} said: ${esc(cut(error, 300))}. Other refusals like this today are not announced again.` }] },
    ],
  };
}
