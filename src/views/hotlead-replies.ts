// What the rep reads in answer to `/hotlead` and the pause buttons. Pure: (data, time zone) → text.

import type { HotPause } from '../db/schema.ts';
import { readableUntil } from '../domain/hotleads/calendar.ts';
import { HOTLEAD_USAGE, unknownWords } from './usage.ts';
import { cut, escapeMrkdwn } from './hotlead-format.ts';
import { escapeTyped } from './text.ts';
import { whoIsPaused } from './hotlead-notices.ts';
import type { WarningAnswerResult } from '../domain/hotleads/warning-answers.ts';
import { MAX_PAUSE_DAYS } from '../domain/hotleads/parse.ts';

export interface PauseReply {
  outcome: 'paused' | 'extended' | 'kept';
  email: string;
  leadName: string | null;
  pausedUntil: Date;
  previousUntil?: Date;
  /** Who paused it first, when the pause already existed. */
  pausedBy: string;
  knownLead: boolean;
  answeredLeads: number;
  marketingChannel: string | undefined;
}

const MAX_REPLY = 3000;

/** The usage with what was wrong; a mistyped command also gets the shared "not something I understand". */
export function invalidHotlead(problem: string, words?: string): string {
  // The problem quotes the words typed: text, never markup.
  const text = `${escapeTyped(problem)}\n\n${HOTLEAD_USAGE}`;
  return cut(words === undefined ? text : unknownWords('/hotlead', words, text), MAX_REPLY);
}

function whatHappensNext(r: PauseReply, until: string): string {
  const told = r.marketingChannel ? `<#${r.marketingChannel}> has been told not to email them` : 'Marketing has been told not to email them';
  return `What happens next: ${told}, the email tool holds their emails through ${until}, and I'll DM you a day before the pause ends so you can extend it.`;
}

export function pauseReply(r: PauseReply, timeZone: string): string {
  const until = readableUntil(r.pausedUntil, timeZone);
  const who = whoIsPaused({ email: r.email, lead_name: r.leadName });
  const lines: string[] = [];
  if (r.outcome === 'paused') {
    lines.push(`:fire: Paused marketing emails to ${who} through *${until}*.`);
    lines.push(whatHappensNext(r, until));
  } else if (r.outcome === 'extended') {
    const was = r.previousUntil ? readableUntil(r.previousUntil, timeZone) : undefined;
    lines.push(`:fire: ${who} was already paused${was ? ` through ${was}` : ''}; I *extended* the pause through *${until}*.`);
    lines.push(whatHappensNext(r, until));
  } else {
    const by = r.pausedBy ? ` by <@${r.pausedBy}>` : '';
    lines.push(`${who} is already paused${by} through *${until}*, which is no earlier than you asked: I *kept* that date. Nothing changed.`);
  }
  if (!r.knownLead) lines.push(`_${escapeMrkdwn(r.email)} is not a known lead: Handoff has never received a lead with this email. The pause works all the same._`);
  if (r.answeredLeads > 0) lines.push(`Marked ${r.answeredLeads === 1 ? 'your open lead' : `your ${r.answeredLeads} open leads`} with this email as hot.`);
  return cut(lines.join('\n'), MAX_REPLY);
}

export function releasedReply(p: Pick<HotPause, 'email' | 'lead_name'>, marketingChannel: string | undefined): string {
  const where = marketingChannel ? `<#${marketingChannel}> has been told` : 'Marketing has been told';
  return `:white_check_mark: Released the pause on ${whoIsPaused(p)}: marketing may email them again. ${where}, and the email is off the suppression list.`;
}

export function notPausedReply(email: string, what: 'release' | 'shorten' = 'release'): string {
  return `${escapeMrkdwn(email)} is not paused, so there is nothing to ${what}.`;
}

export function shortenedReply(p: Pick<HotPause, 'email' | 'lead_name' | 'paused_until'>, previousUntil: string, timeZone: string): string {
  return `:scissors: The pause on ${whoIsPaused(p)} now ends after *${readableUntil(new Date(p.paused_until), timeZone)}* (was ${readableUntil(new Date(previousUntil), timeZone)}). #marketing has been told.`;
}

export function notShorterReply(p: Pick<HotPause, 'email' | 'lead_name' | 'paused_until'>, timeZone: string): string {
  return `The pause on ${whoIsPaused(p)} already ends after *${readableUntil(new Date(p.paused_until), timeZone)}*, no later than that: nothing changed. To make it longer, pause the email again with the new length.`;
}

export function releaseRefusedReply(p: Pick<HotPause, 'email' | 'lead_name' | 'paused_by'>, owners: string[], verb = 'release'): string {
  const ownerText = owners.length ? `, the lead's owner (${owners.map((o) => `<@${o}>`).join(', ')})` : ", the lead's owner";
  return `You can't ${verb} ${whoIsPaused(p)}: only whoever paused it (<@${p.paused_by}>)${ownerText} or a Handoff admin may. Ask one of them.`;
}

export function pauseListReply(pauses: Pick<HotPause, 'email' | 'lead_name' | 'note' | 'paused_by' | 'paused_until'>[], scope: 'mine' | 'all', timeZone: string): string {
  if (pauses.length === 0) {
    return scope === 'mine'
      ? 'You have no paused leads. Pause one with `/hotlead EMAIL`.'
      : 'No emails are paused right now.';
  }
  const title = scope === 'mine' ? `*Your paused leads* (${pauses.length})` : `*All paused emails* (${pauses.length})`;
  const lines = pauses.map((p) => {
    const by = scope === 'all' ? ` — by <@${p.paused_by}>` : '';
    const note = p.note ? ` — _${escapeMrkdwn(cut(p.note, 80))}_` : '';
    return `• ${whoIsPaused(p)} through *${readableUntil(new Date(p.paused_until), timeZone)}*${by}${note}`;
  });
  // Keep whole lines under Slack's limit and say how many did not fit.
  const out: string[] = [title];
  let length = title.length;
  for (let i = 0; i < lines.length; i++) {
    if (length + lines[i].length + 40 > MAX_REPLY) {
      out.push(`…and ${lines.length - i} more.`);
      break;
    }
    out.push(lines[i]);
    length += lines[i].length + 1;
  }
  return out.join('\n');
}

export const LIST_ALL_REFUSED = 'Only Handoff admins may list everyone\'s pauses; `/hotlead list` shows yours.';
export const SALES_ONLY = 'Only members of the sales user group may use `/hotlead`. Ask a Handoff admin to add you.';
export const HOTLEAD_FAILED = 'Something went wrong on Handoff\'s side. Please try again; `/hotlead list` shows what is paused.';
export const PAUSE_BUTTON_UNREADABLE = 'This button is not one Handoff can read; nothing changed.';

export function extendedReply(p: Pick<HotPause, 'email' | 'lead_name' | 'paused_until'>, timeZone: string): string {
  return `:fire: Extended the pause on ${whoIsPaused(p)} through *${readableUntil(new Date(p.paused_until), timeZone)}*. #marketing has been told.`;
}

export function alreadyEndedReply(p: Pick<HotPause, 'email' | 'lead_name'>): string {
  return `The pause on ${whoIsPaused(p)} has already ended; pause again with \`/hotlead ${escapeMrkdwn(p.email)}\`.`;
}

export function alreadyExtendedReply(p: Pick<HotPause, 'email' | 'lead_name' | 'paused_until'>, timeZone: string): string {
  return `The pause on ${whoIsPaused(p)} was already changed: it now runs through *${readableUntil(new Date(p.paused_until), timeZone)}*. Nothing else changed.`;
}

export function letEndReply(p: Pick<HotPause, 'email' | 'lead_name' | 'paused_until'>, timeZone: string): string {
  return `OK: the pause on ${whoIsPaused(p)} ends after ${readableUntil(new Date(p.paused_until), timeZone)}, and #marketing will be told then.`;
}

export function pauseButtonRefused(p: Pick<HotPause, 'paused_by'>): string {
  return `Only whoever paused it (<@${p.paused_by}>), the lead's owner or a Handoff admin may change this pause.`;
}

/** The answer to a click on the pause warning's buttons, when the warning itself cannot show it. */
export function pauseWarningReply(result: WarningAnswerResult, timeZone: string): string {
  switch (result.outcome) {
    case 'not_found': return 'Handoff no longer has this pause; nothing changed.';
    case 'refused': return pauseButtonRefused(result.pause);
    case 'ended': return alreadyEndedReply(result.pause);
    case 'changed_meanwhile': return alreadyExtendedReply(result.pause, timeZone);
    case 'at_limit': return `${alreadyExtendedReply(result.pause, timeZone)} A pause may not run more than ${MAX_PAUSE_DAYS} days ahead.`;
    case 'extended': return extendedReply(result.pause, timeZone);
    case 'let_end': return letEndReply(result.pause, timeZone);
  }
}
