import { actions, type KnownBlock } from './blocks.ts';
import type { Lead } from '../db/schema.ts';
import type { AnswerCheck } from '../domain/leads/answers.ts';
import { formatDuration } from '../domain/sla.ts';
import { REJECT_REASONS, type RejectReason } from '../domain/leads/model.ts';
import { encodeBriefDraft } from './button-values.ts';
import { ACTIONS } from './ids.ts';
import { leadButtons, leadLabel, openInCrmButton } from './lead-dm.ts';
import { cut, esc, slackTime } from './lead-format.ts';

// Channel notices and ephemeral answers about leads. Texts live here so tests assert on them.

type LeadRef = Pick<Lead, 'id' | 'name' | 'email' | 'title' | 'company'>;

function rejectReasonLabel(reason: string | null | undefined): string {
  return reason && reason in REJECT_REASONS ? REJECT_REASONS[reason as RejectReason] : reason ?? 'no reason given';
}

/** To MARKETING_CHANNEL, once per owner email. */
export function ownerNotFoundNotice(lead: LeadRef, ownerEmail: string): string {
  return (
    `⚠️ I can't find anyone in Slack with the email *${esc(ownerEmail)}*, the owner of lead ` +
    `*${esc(leadLabel(lead))}* (${lead.email ? `${esc(lead.email)}, ` : ''}CRM id \`${esc(cut(lead.id, 100))}\`). ` +
    'Their leads wait here and go out as soon as that person is in Slack — or change the owner in the CRM and send the lead again (same id): it goes to the new owner.'
  );
}

/** To MARKETING_CHANNEL, once per campaign key. */
/**
 * To MARKETING_CHANNEL, once per campaign without a brief: `named` is what the leads call it (a
 * Marketo program name, a UTM value), `key` the valid brief key made from it, which the button's
 * form starts with — a brief with that key (or that name, or an alias) is what the leads find.
 */
export function unknownCampaignNotice(lead: LeadRef, key: string, named: string = key): { text: string; blocks: KnownBlock[] } {
  const calledAs = named.trim().toLowerCase() !== key ? ` (sent as “${esc(cut(named, 150))}”)` : '';
  const text =
    `📝 Leads are arriving for campaign \`${esc(key)}\`${calledAs}, which has no brief yet (first: *${esc(leadLabel(lead))}*). ` +
    `Reps are getting them without the campaign's story — post a brief with the key \`${esc(key)}\`: its leads find it by that key, by its name or by an alias.`;
  const value = encodeBriefDraft({ key, name: cut(named, 150) });
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      { type: 'actions', elements: [{ type: 'button', action_id: ACTIONS.briefFromNotice, text: { type: 'plain_text', text: '📝 Post this brief', emoji: true }, value }] },
    ],
  };
}

/** What the old owner's DM becomes when the CRM gives the lead to someone else. */
export function movedDmMessage(before: LeadRef, after: Pick<Lead, 'owner_slack_id' | 'owner_email'>, why: 'crm' | 'claimed' | 'covered' | 'unanswered' = 'crm'): { text: string; blocks: KnownBlock[] } {
  const to = after.owner_slack_id ? `<@${after.owner_slack_id}>` : after.owner_email ? esc(after.owner_email) : 'someone else';
  const reason = why === 'crm' ? 'the CRM changed its owner' : why === 'claimed' ? 'they claimed it in the sales channel after it waited past its SLA' : why === 'covered' ? 'they took it while you are away' : 'it went unanswered well past its SLA, so its pool gave it to them';
  const text = `↪️ *${esc(leadLabel(before))}* moved to ${to}: ${reason}${why === 'unanswered' ? '' : ', so it is theirs now'}. Nothing for you to do.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: cut(text, 3000) } }] };
}

/** To MARKETING_CHANNEL, for every rejection. */
export function rejectionNotice(lead: LeadRef & Pick<Lead, 'campaign_key'>, by: string, reason: string, comment: string | null): string {
  const campaign = lead.campaign_key ? ` from campaign \`${esc(lead.campaign_key)}\`` : '';
  const said = comment ? `\n> ${esc(cut(comment, 1500)).replace(/\n/g, '\n> ')}` : '';
  return `❌ <@${by}> marked *${esc(leadLabel(lead))}*${lead.email ? ` (${esc(lead.email)})` : ''}${campaign} as not qualified — *${esc(rejectReasonLabel(reason))}*${said}`;
}

/** DM to the owner at half the SLA, with the lead's own buttons: no scrolling back to find it. */
export function reminderMessage(lead: LeadRef & Pick<Lead, 'status' | 'record_url'>, slaMs: number, dueAt: Date): { text: string; blocks: KnownBlock[] } {
  const text = `⏳ *${esc(leadLabel(lead))}* is still waiting for your answer. ` +
    `Leads at this stage should be answered within ${formatDuration(slaMs)} — by ${slackTime(dueAt.toISOString())}.`;
  const buttons = [...leadButtons(lead), ...(lead.record_url ? [openInCrmButton(lead.record_url)] : [])];
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: cut(text, 3000) } },
      ...(buttons.length > 0 ? [actions(buttons)] : []),
    ],
  };
}

/**
 * To SALES_CHANNEL at the full SLA: name and company only (lead details stay in the owner's DM).
 * A lead that never reached its owner says why, and its CRM id, so someone else can take it.
 */
export function escalationMessage(
  lead: Pick<Lead, 'id' | 'name' | 'company' | 'owner_slack_id' | 'owner_email' | 'stage' | 'delivery'>,
  slaMs: number,
): { text: string; blocks: KnownBlock[] } {
  const text = escalationText(lead, slaMs);
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: cut(text, 3000) } },
      { type: 'actions', elements: [{ type: 'button', action_id: ACTIONS.leadClaim, text: { type: 'plain_text', text: '✋ Claim', emoji: true }, value: lead.id }] },
    ],
  };
}

function escalationText(
  lead: Pick<Lead, 'id' | 'name' | 'company' | 'owner_slack_id' | 'owner_email' | 'stage' | 'delivery'>,
  slaMs: number,
): string {
  const who = lead.name?.trim() || 'A lead';
  const company = lead.company ? ` (${esc(lead.company)})` : '';
  const stage = lead.stage ? `${esc(lead.stage)} stage, ` : '';
  const waited = `🚨 *${esc(who)}*${company} has waited more than ${formatDuration(slaMs)} (${stage}SLA)`;
  const unreached = unreachedReason(lead);
  if (unreached) return `${waited} and nobody could answer it: ${unreached} — the first to click *Claim* takes it (CRM id \`${esc(cut(lead.id, 100))}\`).`;
  return `${waited} and nobody has answered — <@${lead.owner_slack_id}>, it's your lead; or anyone in sales can *Claim* it.`;
}

type EscalatedLead = Pick<Lead, 'id' | 'name' | 'company' | 'owner_slack_id' | 'owner_email' | 'delivery'>;

/** Owners shown in a roll-up; the rest are counted. */
const ROLLUP_OWNERS = 10;
/** CRM ids shown for leads nobody could be told of; the rest are counted. */
const ROLLUP_IDS = 3;

/**
 * To SALES_CHANNEL when many leads pass their SLA in one look (a catch-up after an outage): one
 * message per owner group instead of one per lead, owners with the most first. Like
 * escalationText, names and companies only; leads that reached nobody give their CRM ids.
 */
export function escalationRollupText(leads: EscalatedLead[]): string {
  const groups = new Map<string, { label: string; leads: EscalatedLead[]; unreached: boolean }>();
  for (const lead of leads) {
    const unreached = unreachedReason(lead);
    const key = unreached ? `unreached:${unreached}` : `owner:${lead.owner_slack_id}`;
    const group = groups.get(key) ?? { label: unreached ? capitalizeFirst(unreached) : `<@${lead.owner_slack_id}>`, leads: [], unreached: Boolean(unreached) };
    group.leads.push(lead);
    groups.set(key, group);
  }
  const ordered = [...groups.values()].sort((a, b) => b.leads.length - a.leads.length);
  const lines = ordered.slice(0, ROLLUP_OWNERS).map(({ label, leads: mine, unreached }) => {
    const count = `${mine.length} lead${mine.length === 1 ? '' : 's'}`;
    if (unreached) {
      const ids = mine.slice(0, ROLLUP_IDS).map((l) => `\`${esc(cut(l.id, 60))}\``).join(', ');
      const more = mine.length > ROLLUP_IDS ? ` and ${mine.length - ROLLUP_IDS} more` : '';
      return `• ${label}: ${count} — someone needs to pick them up (CRM ids ${ids}${more})`;
    }
    const first = mine[0];
    const example = `*${esc(first.name?.trim() || 'a lead')}*${first.company ? ` (${esc(first.company)})` : ''}`;
    return `• ${label}: ${count}, among them ${example}`;
  });
  const rest = ordered.slice(ROLLUP_OWNERS);
  if (rest.length > 0) lines.push(`…and ${rest.reduce((n, g) => n + g.leads.length, 0)} more leads of ${rest.length} more owners.`);
  return [
    `🚨 *${leads.length === 1 ? '1 lead has' : `${leads.length} leads have`} waited past their SLA with nobody answering.* They came due together (Handoff was catching up), so here they are in one message:`,
    ...lines,
    'Each rep sees their unanswered leads on Handoff’s Home tab.',
  ].join('\n');
}

function capitalizeFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function unreachedReason(lead: Pick<Lead, 'owner_slack_id' | 'owner_email' | 'delivery'>): string | undefined {
  switch (lead.delivery) {
    case 'awaiting_owner':
      return lead.owner_email ? `its owner ${esc(lead.owner_email)} is not in this Slack workspace` : 'it has no owner in Slack';
    case 'failed':
      return lead.owner_slack_id ? `its DM to <@${lead.owner_slack_id}> could not be delivered` : 'its DM could not be delivered';
    case 'unassigned':
      return 'it has no owner and nobody has claimed it';
    default:
      return undefined;
  }
}

export const LEAD_REPLIES = {
  gone: "This lead no longer exists in Handoff, so there's nothing to answer. Nothing was changed.",
  notYours: (owner: string | null) =>
    owner ? `This is <@${owner}>'s lead; only they (or a Handoff admin) can answer it.` : 'Only the lead\'s owner (or a Handoff admin) can answer it.',
  hotWithoutEmail: "Marked hot. The CRM sent no email for this lead, so there are no marketing emails to pause: if it has one, add it in the CRM and send the lead again, then click Hot once more.",
  held: 'This lead was held back by the agreed lead definition and has not been handed to a rep; there is nothing to answer yet.',
  already: (answer: { type: string; actor: string | null; at: string } | undefined) => {
    if (!answer) return 'This lead has already been answered.';
    const verb = answer.type === 'accepted' ? 'accepted' : answer.type === 'hot' ? 'marked hot' : 'marked not qualified';
    return `This lead was already ${verb} by ${answer.actor ? `<@${answer.actor}>` : 'someone'} at ${slackTime(answer.at)}.`;
  },
} as const;

/** What a rep reads when a lead button cannot do what they asked; undefined when it did. */
export function answerRefusal(check: AnswerCheck): string | undefined {
  switch (check.kind) {
    case 'ok':
      return undefined;
    case 'gone':
      return LEAD_REPLIES.gone;
    case 'held':
      return LEAD_REPLIES.held;
    case 'not_yours':
      return LEAD_REPLIES.notYours(check.lead.owner_slack_id);
    case 'already':
      return LEAD_REPLIES.already(check.last);
  }
}
