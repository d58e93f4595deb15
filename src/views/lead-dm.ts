import type { Lead } from '../db/schema.ts';
import type { CampaignBrief } from '../domain/campaigns/queries.ts';
import { leadActivities, leadQualification, newestFirst, REJECT_REASONS, type Activity } from '../domain/leads/model.ts';
import { ACTIONS, LEAD_BLOCKS } from './ids.ts';
import { capitalize, cut, esc, fitLines, humanize, link, shortDate, slackTime } from './lead-format.ts';
import { ratingButtons } from './rating-buttons.ts';

// The just-in-time DM a rep gets for a lead (SPEC "The lead DM"): who, why now, what the
// campaign promised, how to open, and one-click answers. Pure: (data, now) → message.

export interface LeadAnswerView {
  type: 'accepted' | 'rejected' | 'hot';
  actor: string | null;
  at: string;
  reason?: string | null;
  comment?: string | null;
}

export interface LeadDmData {
  lead: Lead;
  campaign: CampaignBrief | undefined;
  /** The answers given so far, oldest first. */
  answers: LeadAnswerView[];
}

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

const MAX_BLOCKS = 50;
const SECTION_MAX = 3000;
const MAX_ASSETS = 15;
const MAX_ACTIVITIES = 10;

export const LEAD_DM_TEXT = {
  noBrief: (key: string) => `Campaign \`${esc(key)}\` has no brief yet — marketing has been told, so for now go by what the lead did.`,
  noCampaign: 'This lead came without a campaign.',
} as const;

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text: cut(text, SECTION_MAX) });
const plain = (text: string, max: number) => ({ type: 'plain_text', text: cut(text, max), emoji: true });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });
const context = (text: string) => ({ type: 'context', elements: [mrkdwn(text)] });

/** The lead's name, else its email, else its CRM id: never blank. */
export function leadDisplayName(lead: Pick<Lead, 'id' | 'name' | 'email'>): string {
  return lead.name?.trim() || lead.email || `Lead ${lead.id}`;
}

/** "Ada Lovelace (CTO, Analytical Engines)" — for notices. */
export function leadLabel(lead: Pick<Lead, 'id' | 'name' | 'email' | 'title' | 'company'>): string {
  const role = [lead.title, lead.company].filter(Boolean).join(', ');
  return role ? `${leadDisplayName(lead)} (${role})` : leadDisplayName(lead);
}

function headerText(lead: Lead): string {
  const role = [lead.title, lead.company].filter(Boolean).join(', ');
  return `New lead: ${leadDisplayName(lead)}${role ? ` — ${role}` : ''}`;
}

function whoBlock(lead: Lead): Record<string, unknown> {
  const role = [lead.title ? esc(lead.title) : '', lead.company ? `*${esc(lead.company)}*` : ''].filter(Boolean).join(' at ');
  const lines = [
    `*${esc(cut(leadDisplayName(lead), 300))}*${role ? ` · ${role}` : ''}`,
    `✉️ ${lead.email ? esc(lead.email) : 'no email from the CRM'}${lead.score !== null ? `  ·  Score ${lead.score}` : ''}`,
    `Owner: ${lead.owner_slack_id ? `<@${lead.owner_slack_id}>` : esc(lead.owner_email ?? 'unknown')}`,
  ];
  return section(lines.join('\n'));
}

function activityLine(a: Activity): string {
  const type = esc(humanize(a.type));
  const what = a.content ? `${type} ${link(a.url, `“${cut(a.content, 200)}”`)}` : type;
  const when = a.at ? ` — ${shortDate(a.at)}` : '';
  return `• ${what}${when}`;
}

function whyNowBlock(lead: Lead): Record<string, unknown> {
  const stage = lead.stage ? `Stage: *${esc(capitalize(lead.stage))}*` : 'Stage: not given';
  const activities = newestFirst(leadActivities(lead));
  const shown = activities.slice(0, MAX_ACTIVITIES).map(activityLine);
  if (activities.length > MAX_ACTIVITIES) shown.push(`…and ${activities.length - MAX_ACTIVITIES} earlier`);
  const lines = ['*Why now*', stage, ...(shown.length ? shown : ['No activities reported.'])];
  return section(fitLines(lines, SECTION_MAX));
}

function bulletList(title: string, items: string[]): string | undefined {
  if (items.length === 0) return undefined;
  return fitLines([`*${title}*`, ...items.map((i) => `• ${esc(cut(i, 500))}`)], SECTION_MAX);
}

function campaignBlocks(lead: Lead, campaign: CampaignBrief | undefined): Record<string, unknown>[] {
  if (!lead.campaign_key) return [context(LEAD_DM_TEXT.noCampaign)];
  if (!campaign) return [section(LEAD_DM_TEXT.noBrief(lead.campaign_key))];
  const brief = [`*Campaign: ${esc(cut(campaign.name, 200))}*`];
  if (campaign.goal) brief.push(`*Goal:* ${esc(cut(campaign.goal, 1000))}`);
  if (campaign.offer) brief.push(`*Offer:* ${esc(cut(campaign.offer, 1000))}`);
  if (campaign.audience) brief.push(`*Audience:* ${esc(cut(campaign.audience, 500))}`);
  const blocks = [section(fitLines(brief, SECTION_MAX))];
  const messages = bulletList('Key messages', campaign.key_messages);
  if (messages) blocks.push(section(messages));
  const points = bulletList('Talking points', campaign.talking_points);
  if (points) blocks.push(section(points));
  return blocks;
}

/** A first line the rep can send, tuned to where the lead is in the buying cycle. */
export function suggestedOpener(lead: Lead, campaign: CampaignBrief | undefined): string {
  const first = lead.name?.trim().split(/\s+/)[0] || 'there';
  const latest = newestFirst(leadActivities(lead)).find((a) => a.content)?.content;
  const topic = latest ? `“${cut(latest, 80)}”` : campaign ? campaign.name : 'what we do';
  const offer = campaign?.offer ? ` I can set you up with the ${cut(campaign.offer, 100).replace(/^(a|an|the)\s+/i, '')} if that helps.` : '';
  switch (lead.stage) {
    case 'awareness':
      return `Hi ${first}, thanks for checking out ${topic}. What got you looking into this — is it on your roadmap, or still early days?`;
    case 'consideration':
      return `Hi ${first}, saw you've been digging into ${topic}. What are you comparing, and what would make one option clearly better for you?${offer}`;
    case 'decision':
      return `Hi ${first}, sounds like you're close to a decision. Who else should be in the conversation, and what do you need from us to decide this week?${offer}`;
    default:
      return `Hi ${first}, saw your interest in ${topic}. Would a 15-minute call this week be useful?${offer}`;
  }
}

function answerLine(answer: LeadAnswerView): string {
  const who = answer.actor ? `<@${answer.actor}>` : 'someone';
  const when = slackTime(answer.at);
  switch (answer.type) {
    case 'accepted':
      return `✅ Accepted by ${who} at ${when}`;
    case 'hot':
      return `🔥 Marked hot by ${who} at ${when} — marketing emails paused`;
    case 'rejected': {
      const reason = answer.reason && answer.reason in REJECT_REASONS ? REJECT_REASONS[answer.reason as keyof typeof REJECT_REASONS] : answer.reason;
      const comment = answer.comment ? `: “${esc(cut(answer.comment, 500))}”` : '';
      return `❌ Not qualified, said ${who} at ${when}${reason ? ` — ${esc(reason)}` : ''}${comment}`;
    }
  }
}

/** The answer buttons that still apply to a lead (the DM and the App Home show the same). */
/** A link button: Slack opens the URL itself (and still tells the app of the click, which is acked and ignored). */
export function openInCrmButton(url: string): Record<string, unknown> {
  return { type: 'button', action_id: ACTIONS.openInCrm, text: plain('Open in CRM', 75), url };
}

export function leadButtons(lead: Pick<Lead, 'id' | 'status'>): Record<string, unknown>[] {
  const accept = { type: 'button', action_id: ACTIONS.leadAccept, text: plain('Accept', 75), style: 'primary', value: lead.id };
  const hot = { type: 'button', action_id: ACTIONS.leadHot, text: plain('🔥 Hot — pause emails', 75), value: lead.id };
  const reject = { type: 'button', action_id: ACTIONS.leadReject, text: plain('Not qualified', 75), style: 'danger', value: lead.id };
  switch (lead.status) {
    case 'new':
      return [accept, hot, reject];
    case 'accepted':
      // Accepted leads can still turn hot; the other answers are given.
      return [hot];
    default:
      return [];
  }
}

function assetBlocks(lead: Lead, campaign: CampaignBrief | undefined, budget: number): Record<string, unknown>[] {
  const assets = campaign?.assets ?? [];
  if (assets.length === 0 || budget < 3) return [];
  const fits = Math.min(assets.length, MAX_ASSETS, Math.floor((budget - 2) / 2));
  const blocks: Record<string, unknown>[] = [section('*Content to share* — was it useful with this lead?')];
  for (const asset of assets.slice(0, fits)) {
    const kind = asset.kind ? ` _(${esc(cut(asset.kind, 60))})_` : '';
    blocks.push(section(`${link(asset.url, cut(asset.title, 300))}${kind}`));
    blocks.push({ type: 'actions', block_id: `${LEAD_BLOCKS.assetPrefix}${asset.id}`, elements: ratingButtons(asset, { leadId: lead.id }) });
  }
  if (assets.length > fits) blocks.push(context(`…and ${assets.length - fits} more in the campaign brief.`));
  return blocks;
}

export function buildLeadDm(data: LeadDmData, _now: Date): SlackMessage {
  const { lead, campaign, answers } = data;
  const top: Record<string, unknown>[] = [{ type: 'header', text: plain(headerText(lead), 150) }, whoBlock(lead)];
  const qualification = leadQualification(lead);
  if (qualification?.qualified && qualification.met.length > 0) top.push(context(`*Why it qualifies:* ${esc(qualification.met.join('; '))}`));
  // A held lead an admin released anyway: the rep should know what it missed.
  else if (qualification && !qualification.qualified) top.push(context(`*Released by an admin although it missed:* ${esc(qualification.failed.join('; '))}`));
  top.push(whyNowBlock(lead), { type: 'divider' }, ...campaignBlocks(lead, campaign));
  top.push(section(`*Suggested opener*\n> ${esc(suggestedOpener(lead, campaign))}`));

  const bottom: Record<string, unknown>[] = [];
  for (const answer of answers.slice(-3)) bottom.push(context(answerLine(answer)));
  // The way back to the CRM stays after the lead is answered.
  const buttons = [...leadButtons(lead), ...(lead.record_url ? [openInCrmButton(lead.record_url)] : [])];
  if (buttons.length > 0) bottom.push({ type: 'actions', block_id: LEAD_BLOCKS.answerButtons, elements: buttons });

  const assets = assetBlocks(lead, campaign, MAX_BLOCKS - top.length - bottom.length - 1);
  const blocks = [...top, ...(assets.length ? [{ type: 'divider' }, ...assets] : []), ...bottom].slice(0, MAX_BLOCKS);

  const from = campaign ? ` from ${campaign.name}` : '';
  // The fallback text is mrkdwn too (notifications, clients without blocks).
  const text = cut(esc(`New lead: ${leadLabel(lead)}${from}`), 3000);
  return { text, blocks };
}
