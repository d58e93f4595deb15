import type { Lead } from '../db/schema.ts';
import type { LeadDmData } from '../domain/notices.ts';
import type { CampaignBrief } from '../domain/campaigns/queries.ts';
import { leadActivities, leadQualification, newestFirst, REJECT_REASONS, type Activity, type LeadAnswerView } from '../domain/leads/model.ts';
import type { Qualification, QualificationCheck } from '../domain/mql/rules.ts';
import { activityWords, joinWords } from '../domain/mql/words.ts';
import { BUTTON_TEXT_MAX, context, divider, plainText, section, type Button, type KnownBlock, type SlackMessage } from './blocks.ts';
import { ACTIONS, LEAD_BLOCKS } from './ids.ts';
import { capitalize, cut, esc, fitLines, humanize, link, shortDate, slackTime } from './lead-format.ts';
import { ratingButtons } from './rating-buttons.ts';

// The just-in-time DM a rep gets for a lead (SPEC "The lead DM"): who, why now, what the
// campaign promised, how to open, and one-click answers. Pure: (data, now) → message.

export type { LeadAnswerView } from '../domain/leads/model.ts';

export type { LeadDmData } from '../domain/notices.ts';

export type { SlackMessage } from './blocks.ts';

const MAX_BLOCKS = 50;
const SECTION_MAX = 3000;
const MAX_ASSETS = 15;

export const LEAD_DM_TEXT = {
  noBrief: (key: string) => `Campaign \`${esc(key)}\` has no brief yet — marketing has been told, so for now go by what the lead did.`,
  noCampaign: 'This lead came without a campaign.',
} as const;


/** The lead's name, else its email, else its CRM id: never blank. */
export function leadDisplayName(lead: Pick<Lead, 'id' | 'name' | 'email'>): string {
  return lead.name?.trim() || lead.email || `Lead ${lead.id}`;
}

/** "Ada Lovelace (CTO, Analytical Engines)" — for notices. */
export function leadLabel(lead: Pick<Lead, 'id' | 'name' | 'email' | 'title' | 'company'>): string {
  const role = [lead.title, lead.company].filter(Boolean).join(', ');
  return role ? `${leadDisplayName(lead)} (${role})` : leadDisplayName(lead);
}

/**
 * Why the lead met the agreed definition, in a rep's words: the score, what it told us, what it
 * did. The stage is on the line above, and an allowed email domain tells a rep nothing.
 */
export function qualifiedInWords(q: Pick<Qualification, 'met' | 'checks'>): string | undefined {
  const words = q.checks ? q.checks.filter((c) => c.passed).flatMap(checkInWords) : q.met.flatMap(storedRuleInWords);
  return words.length > 0 ? `✔️ *Qualified:* ${esc(words.join(' · '))}` : undefined;
}

function checkInWords(c: QualificationCheck): string[] {
  switch (c.rule) {
    // The score is on the line above; only a campaign's own lower bar is worth saying.
    case 'min_score':
      return c.campaign ? [`score over ${c.campaign}'s own bar`] : [];
    case 'required':
      return [`shared ${joinAnd((c.expected as string[]).map((f) => f.replace(/^fields\./, '').replace(/_/g, ' ')))}`];
    case 'require_activity':
      return [joinWords([...new Set((c.actual as string[]).map(activityWords))], 'and')];
    // The stage is on the line above, and an allowed email domain tells a rep nothing.
    default:
      return [];
  }
}

/** Leads stored before checks were kept: the same words, read from the stored sentences. */
function storedRuleInWords(rule: string): string[] {
  const campaignRule = / \(([^)]+) rule\)$/.exec(rule);
  const plainRule = campaignRule ? rule.slice(0, campaignRule.index) : rule;
  if (/^score \S+ ≥ /.test(plainRule)) return campaignRule ? [`score over ${campaignRule[1]}'s own bar`] : [];
  const has = /^has (.+)$/.exec(plainRule);
  if (has) return [`shared ${joinAnd(has[1].split(', ').map((f) => f.replace(/^fields\./, '').replace(/_/g, ' ')))}`];
  if (/^stage .* is allowed$/.test(plainRule) || /^email domain .* is allowed$/.test(plainRule)) return [];
  return [plainRule];
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The buying stage in the words a rep uses. */
const STAGE_WORDS: Record<string, string> = {
  awareness: 'Just looking',
  consideration: 'Comparing options',
  decision: 'Ready to decide',
};

/** Activities shown on the first screen: the newest two say why now; the rest are counted. */
const FIRST_SCREEN_ACTIVITIES = 2;

/**
 * What a rep reads before scrolling on a phone: who, the stage in plain words, why now (the newest
 * two activities), where the lead came from with the campaign's one-line offer.
 */
function firstScreen(lead: Lead, campaign: CampaignBrief | undefined): KnownBlock {
  const role = [lead.title ? esc(cut(lead.title, 200)) : '', lead.company ? `*${esc(cut(lead.company, 200))}*` : ''].filter(Boolean).join(' at ');
  const named = Boolean(lead.name?.trim());
  const lines = [`*${esc(cut(leadDisplayName(lead), 300))}*${role ? ` · ${role}` : ''}`];
  // The email once: it is the title line itself when there is no name.
  if (named) lines.push(lead.email ? `✉️ ${esc(lead.email)}` : '✉️ no email from the CRM');
  const stage = lead.stage ? `${esc(STAGE_WORDS[lead.stage] ?? capitalize(lead.stage))}${STAGE_WORDS[lead.stage] ? ` (${lead.stage})` : ''}` : 'Stage not given';
  lines.push(`${stage}${lead.score !== null ? ` · score ${lead.score}` : ''}`);
  const activities = newestFirst(leadActivities(lead));
  lines.push(...activities.slice(0, FIRST_SCREEN_ACTIVITIES).map(activityLine));
  if (activities.length > FIRST_SCREEN_ACTIVITIES) lines.push(`_…and ${activities.length - FIRST_SCREEN_ACTIVITIES} earlier_`);
  if (activities.length === 0) lines.push('_No activities reported._');
  if (campaign) lines.push(`From *${esc(cut(campaign.name, 200))}*${campaign.offer ? ` · offer: ${esc(cut(campaign.offer, 300))}` : ''}`);
  else if (lead.campaign_key) lines.push(LEAD_DM_TEXT.noBrief(lead.campaign_key));
  return section(fitLines(lines, SECTION_MAX));
}

function activityLine(a: Activity): string {
  const type = esc(humanize(a.type));
  const what = a.content ? `${type} ${link(a.url, `“${cut(a.content, 200)}”`)}` : type;
  const when = a.at ? ` — ${shortDate(a.at)}` : '';
  return `• ${what}${when}`;
}

function bulletList(title: string, items: string[]): string | undefined {
  if (items.length === 0) return undefined;
  return fitLines([`*${title}*`, ...items.map((i) => `• ${esc(cut(i, 500))}`)], SECTION_MAX);
}

/** The rest of the brief, below the buttons: what marketing wants the rep to know before calling. */
function campaignBlocks(lead: Lead, campaign: CampaignBrief | undefined): KnownBlock[] {
  if (!lead.campaign_key) return [context(LEAD_DM_TEXT.noCampaign)];
  if (!campaign) return [];
  const brief = [`*The campaign: ${esc(cut(campaign.name, 200))}*`];
  if (campaign.goal) brief.push(`*Goal:* ${esc(cut(campaign.goal, 1000))}`);
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

/** One answer in words; the DM's reader is its owner, who reads "you" rather than their own name. */
function answerLine(answer: LeadAnswerView, reader: string | null = null): string {
  const who = answer.actor ? (answer.actor === reader ? 'you' : `<@${answer.actor}>`) : 'someone';
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
export function openInCrmButton(url: string): Button {
  return { type: 'button', action_id: ACTIONS.openInCrm, text: plainText('Open in CRM', BUTTON_TEXT_MAX), url };
}

export function leadButtons(lead: Pick<Lead, 'id' | 'status'>): Button[] {
  const accept: Button = { type: 'button', action_id: ACTIONS.leadAccept, text: plainText('Accept', BUTTON_TEXT_MAX), style: 'primary', value: lead.id };
  const hot: Button = { type: 'button', action_id: ACTIONS.leadHot, text: plainText('🔥 Hot — pause emails', BUTTON_TEXT_MAX), value: lead.id };
  const reject: Button = { type: 'button', action_id: ACTIONS.leadReject, text: plainText('Not qualified', BUTTON_TEXT_MAX), style: 'danger', value: lead.id };
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

function assetBlocks(lead: Lead, campaign: CampaignBrief | undefined, budget: number): KnownBlock[] {
  const assets = campaign?.assets ?? [];
  if (assets.length === 0 || budget < 3) return [];
  const fits = Math.min(assets.length, MAX_ASSETS, Math.floor((budget - 2) / 2));
  const blocks: KnownBlock[] = [section('*Content to share* — was it useful with this lead?')];
  for (const asset of assets.slice(0, fits)) {
    const kind = asset.kind ? ` _(${esc(cut(asset.kind, 60))})_` : '';
    blocks.push(section(`${link(asset.url, cut(asset.title, 300))}${kind}`));
    blocks.push({ type: 'actions', block_id: `${LEAD_BLOCKS.assetPrefix}${asset.id}`, elements: ratingButtons(asset, { leadId: lead.id }) });
  }
  if (assets.length > fits) blocks.push(context(`…and ${assets.length - fits} more in the campaign brief.`));
  return blocks;
}

/** The answers so far, in one line each, newest last: what the DM says once the lead is answered. */
function answeredBlock(lead: Lead, answers: LeadAnswerView[]): KnownBlock {
  const lines = answers.slice(-3).map((a) => answerLine(a, lead.owner_slack_id));
  return section(fitLines([...lines, `*${esc(cut(leadLabel(lead), 500))}*`], SECTION_MAX));
}

/**
 * The DM, phone first: the first screen holds who, the stage, why now, the campaign's offer and
 * the answer buttons; the opener, the rest of the brief and the content to rate follow below them.
 * Once answered, the lead shrinks to what was done (the buttons that still apply and the content
 * to rate stay: reps rate content after they used it).
 */
export function buildLeadDm(data: LeadDmData, _now: Date): SlackMessage {
  const { lead, campaign, answers } = data;
  const answered = answers.length > 0 && lead.status !== 'new';
  const top: KnownBlock[] = answered ? [answeredBlock(lead, answers)] : [firstScreen(lead, campaign)];
  const qualification = leadQualification(lead);
  // A held lead an admin released anyway: the rep should know what it missed.
  if (!answered && qualification && !qualification.qualified) top.push(context(`*Released by an admin although it missed:* ${esc(qualification.failed.join('; '))}`));
  const why = !answered && qualification?.qualified ? qualifiedInWords(qualification) : undefined;
  if (why) top.push(context(why));
  // The way back to the CRM stays after the lead is answered.
  const buttons = [...leadButtons(lead), ...(lead.record_url ? [openInCrmButton(lead.record_url)] : [])];
  if (buttons.length > 0) top.push({ type: 'actions', block_id: LEAD_BLOCKS.answerButtons, elements: buttons });

  const below: KnownBlock[] = [];
  if (!answered) {
    below.push({ type: 'divider' }, section(`*Say this first*\n> ${esc(suggestedOpener(lead, campaign))}`), ...campaignBlocks(lead, campaign));
  }
  const assets = assetBlocks(lead, campaign, MAX_BLOCKS - top.length - below.length - 1);
  const blocks = [...top, ...below, ...(assets.length ? [divider(), ...assets] : [])].slice(0, MAX_BLOCKS);

  const from = campaign ? ` from ${campaign.name}` : '';
  // The fallback text is mrkdwn too (notifications, clients without blocks).
  const text = cut(esc(`New lead: ${leadLabel(lead)}${from}`), 3000);
  return { text, blocks };
}
