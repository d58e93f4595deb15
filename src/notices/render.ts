import type { KnownBlock } from '@slack/types';
import type { Notice } from '../domain/notices.ts';
import { buildDigest } from '../views/digest.ts';
import { heldSummaryMessage, markReleased } from '../views/held-summary.ts';
import { extensionNotice, pauseEndingWarning, pauseNotice, pauseWarningAnswered, resumeNotice, shortenedNotice } from '../views/hotlead-notices.ts';
import { awayOfferMessage, claimedMessage, claimOfferMessage } from '../views/lead-claim.ts';
import { buildLeadDm } from '../views/lead-dm.ts';
import {
  escalationMessage,
  escalationRollupText,
  movedDmMessage,
  ownerNotFoundNotice,
  rejectionNotice,
  reminderMessage,
  unknownCampaignNotice,
} from '../views/lead-notices.ts';
import { definitionChangeMessage } from '../views/mql-definition.ts';

export interface RenderedNotice {
  text: string;
  blocks?: KnownBlock[];
}

/** Each notice's view: the one switch a new notice is added to. */
export function renderNotice(notice: Notice, timeZone: string, now: Date): RenderedNotice {
  switch (notice.type) {
    case 'lead.dm': return buildLeadDm(notice.data, now);
    case 'lead.moved': return movedDmMessage(notice.before, notice.after, notice.why);
    case 'lead.owner_not_found': return { text: ownerNotFoundNotice(notice.lead, notice.ownerEmail) };
    case 'lead.unknown_campaign': return unknownCampaignNotice(notice.lead, notice.key, notice.named);
    case 'lead.rejected': return { text: rejectionNotice(notice.lead, notice.by, notice.reason, notice.comment) };
    case 'lead.reminder': return reminderMessage(notice.lead, notice.slaMs, notice.dueAt);
    case 'lead.escalated': return escalationMessage(notice.lead, notice.slaMs);
    case 'lead.escalations': return { text: escalationRollupText(notice.leads) };
    case 'lead.claim_offer': return claimOfferMessage(notice.lead);
    case 'lead.away_offer': return awayOfferMessage(notice.lead, notice.owner, notice.ownerAway);
    case 'lead.claimed': return claimedMessage(notice.lead, notice.by, notice.from);
    case 'pause.started': return pauseNotice(notice.pause, notice.campaign, timeZone);
    case 'pause.extended': return extensionNotice(notice.pause, notice.previousUntil, notice.by, notice.campaign, timeZone);
    case 'pause.shortened': return shortenedNotice(notice.pause, notice.previousUntil, notice.by, notice.campaign, timeZone);
    case 'pause.resumed': return resumeNotice(notice.pause, { reason: notice.reason, by: notice.by }, notice.campaign, timeZone);
    case 'pause.ending': return pauseEndingWarning(notice.pause, timeZone);
    case 'pause.warning_answered': return pauseWarningAnswered(notice.pause, notice.answer, notice.by, timeZone);
    case 'mql.definition_changed': return definitionChangeMessage(notice);
    case 'mql.held_summary': return heldSummaryMessage(notice.summary, timeZone);
    case 'mql.held_released': return { text: notice.text, blocks: markReleased(notice.blocks, notice.released, timeZone) };
    case 'digest': return buildDigest(notice.data, now, { onDemand: notice.onDemand });
  }
}
