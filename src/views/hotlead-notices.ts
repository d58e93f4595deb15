// What #marketing reads when a rep pauses, extends or ends a pause, and the rep's day-before warning.
// Pure: (data, time zone) → { text, blocks }.

import type { SlackMessage } from './blocks.ts';
import type { PauseCampaign } from '../domain/notices.ts';
import type { HotPause } from '../db/schema.ts';
import { readableUntil } from '../domain/hotleads/calendar.ts';
import { encodePauseButton } from './button-values.ts';
import { ACTIONS } from './ids.ts';
import { context, cut, escapeMrkdwn, section } from './hotlead-format.ts';





type PauseFacts = Pick<HotPause, 'email' | 'lead_name' | 'company' | 'note' | 'paused_by' | 'paused_until' | 'paused_at'>;

/** "Ada Lovelace (ada@analytical.example)", or the bare email for an unknown lead. */
export function whoIsPaused(p: Pick<HotPause, 'email' | 'lead_name'>): string {
  const email = escapeMrkdwn(p.email);
  return p.lead_name ? `${escapeMrkdwn(p.lead_name)} (${email})` : email;
}

function campaignLine(campaign: PauseCampaign | null | undefined): string | undefined {
  if (!campaign) return undefined;
  return campaign.name ? `Campaign: ${escapeMrkdwn(campaign.name)} (\`${escapeMrkdwn(campaign.key)}\`)` : `Campaign: \`${escapeMrkdwn(campaign.key)}\` (no brief yet)`;
}

function details(p: PauseFacts, campaign: PauseCampaign | null | undefined): string[] {
  const lines: string[] = [];
  if (p.company) lines.push(`Company: ${escapeMrkdwn(p.company)}`);
  const c = campaignLine(campaign);
  if (c) lines.push(c);
  if (p.note) lines.push(`Note: ${escapeMrkdwn(p.note)}`);
  return lines;
}

function message(headline: string, lines: string[], footer: string): SlackMessage {
  const body = lines.length ? `${headline}\n${lines.map((l) => `> ${l}`).join('\n')}` : headline;
  return { text: cut(body, 3000), blocks: [section(body), context(footer)] };
}

export function pauseNotice(p: PauseFacts, campaign: PauseCampaign | null | undefined, timeZone: string): SlackMessage {
  const until = readableUntil(new Date(p.paused_until), timeZone);
  return message(
    `:fire: Pause marketing emails to ${whoIsPaused(p)} through ${until} — worked by <@${p.paused_by}>`,
    details(p, campaign),
    'The suppression list (`GET /api/suppressions`) includes this email through that day.',
  );
}

export function extensionNotice(p: PauseFacts, previousUntil: string, by: string, campaign: PauseCampaign | null | undefined, timeZone: string): SlackMessage {
  const until = readableUntil(new Date(p.paused_until), timeZone);
  const was = readableUntil(new Date(previousUntil), timeZone);
  const who = by === p.paused_by ? `<@${by}>` : `<@${by}> (worked by <@${p.paused_by}>)`;
  return message(
    `:fire: Keep pausing marketing emails to ${whoIsPaused(p)} through ${until} (was ${was}) — extended by ${who}`,
    details(p, campaign),
    'The suppression list keeps this email through the new date.',
  );
}

export function shortenedNotice(p: PauseFacts, previousUntil: string, by: string, campaign: PauseCampaign | null | undefined, timeZone: string): SlackMessage {
  const until = readableUntil(new Date(p.paused_until), timeZone);
  const was = readableUntil(new Date(previousUntil), timeZone);
  const who = by === p.paused_by ? `<@${by}>` : `<@${by}> (worked by <@${p.paused_by}>)`;
  return message(
    `:scissors: The pause on marketing emails to ${whoIsPaused(p)} now ends after ${until} (was ${was}) — shortened by ${who}`,
    details(p, campaign),
    'The suppression list lets this email go after that day.',
  );
}

export function resumeNotice(
  p: PauseFacts,
  ended: { reason: 'released' | 'expired'; by: string | null },
  campaign: PauseCampaign | null | undefined,
  timeZone: string,
): SlackMessage {
  const why = ended.reason === 'released'
    ? `released by <@${ended.by}>`
    : `the pause ended on ${readableUntil(new Date(p.paused_until), timeZone)}`;
  return message(
    `:white_check_mark: Marketing emails to ${whoIsPaused(p)} may resume — ${why} (worked by <@${p.paused_by}>)`,
    details({ ...p, note: null }, campaign),
    'The email is off the suppression list now.',
  );
}

/** The DM a day before a pause ends: extend it or let it end. */
export function pauseEndingWarning(p: Pick<HotPause, 'id' | 'email' | 'lead_name' | 'paused_until'>, timeZone: string): SlackMessage {
  const until = readableUntil(new Date(p.paused_until), timeZone);
  const text = `:hourglass_flowing_sand: The pause on marketing emails to ${whoIsPaused(p)} ends after ${until}. Still working the deal?`;
  const value = encodePauseButton(p.id, p.paused_until);
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        elements: [
          { type: 'button', action_id: ACTIONS.hotleadExtend, style: 'primary', text: { type: 'plain_text', text: 'Extend 14 days' }, value },
          { type: 'button', action_id: ACTIONS.hotleadLetEnd, text: { type: 'plain_text', text: 'Let it end' }, value },
        ],
      },
    ],
  };
}

/** The warning once answered: what was done, by whom, and when; no buttons left to click twice. */
export function pauseWarningAnswered(p: Pick<HotPause, 'email' | 'lead_name' | 'paused_until'>, answer: 'extended' | 'let_end' | 'ended', by: string, timeZone: string): SlackMessage {
  const until = readableUntil(new Date(p.paused_until), timeZone);
  const text = answer === 'extended'
    ? `:fire: <@${by}> extended the pause on marketing emails to ${whoIsPaused(p)} through ${until}.`
    : answer === 'let_end'
      ? `:ok_hand: <@${by}> let the pause on marketing emails to ${whoIsPaused(p)} end after ${until}; #marketing will be told then.`
      : `The pause on marketing emails to ${whoIsPaused(p)} has already ended.`;
  return { text, blocks: [section(text)] };
}
