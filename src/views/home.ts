import type { CampaignSummary, HomeData } from '../domain/home/data.ts';
import { REJECT_REASONS } from '../domain/leads/model.ts';
import { formatDuration } from '../domain/sla.ts';
import { context, header, section, type KnownBlock } from './blocks.ts';
import { ACTIONS } from './ids.ts';
import { NO_ADMINS_NOTICE } from './permissions-text.ts';
import { leadButtons, leadDisplayName } from './lead-dm.ts';
import { cut, esc, fitLines, link, slackTime } from './lead-format.ts';

// The App Home (SPEC / issue 7): a rep's leads first, then a marketer's campaigns, then an
// admin's view of the system. Pure: (data, now) → view. Slack allows 100 blocks in a Home tab.

const MAX_BLOCKS = 100;
const SECTION_MAX = 3000;
const MAX_OPEN_LEADS = 20;
const MAX_ACCEPTED = 10;

type Block = KnownBlock;
const divider: Block = { type: 'divider' };

export const HOME_TEXT = {
  noOpenLeads: 'No leads waiting for you. New ones arrive here and in your DMs.',
  noAdmins: NO_ADMINS_NOTICE,
  footer:
    '*How to use Handoff* · Answer each lead with *Accept*, *🔥 Hot* or *Not qualified* · `/hotlead EMAIL` pauses marketing emails · `/campaign` posts a brief · `/handoff help` for everything else',
} as const;

function timeLeft(ms: number): string {
  return ms >= 0 ? `⏳ ${formatDuration(ms)} left to answer` : `⚠️ ${formatDuration(-ms)} past the SLA`;
}

function leadLine(lead: HomeData['accepted'][number]): string {
  const role = [lead.title, lead.company].filter(Boolean).join(', ');
  return `*${esc(cut(leadDisplayName(lead), 200))}*${role ? ` · ${esc(cut(role, 200))}` : ''}`;
}

function openLeadBlocks(data: HomeData, budget: number): Block[] {
  const blocks: Block[] = [header(`Waiting for your answer (${data.unansweredTotal})`)];
  if (data.unanswered.length === 0) return [...blocks, section(HOME_TEXT.noOpenLeads)];
  const fits = Math.max(0, Math.min(data.unanswered.length, MAX_OPEN_LEADS, Math.floor((budget - 2) / 2)));
  for (const { lead, leftMs } of data.unanswered.slice(0, fits)) {
    const campaign = lead.campaign_key ? ` · from \`${esc(lead.campaign_key)}\`` : '';
    blocks.push(section(`${leadLine(lead)}${campaign}\n${timeLeft(leftMs)}`));
    blocks.push({ type: 'actions', block_id: `home_lead_${blocks.length}`, elements: leadButtons(lead) });
  }
  if (data.unansweredTotal > fits) blocks.push(context(`…and ${data.unansweredTotal - fits} more in your DMs.`));
  return blocks;
}

// An accepted lead can still turn hot, as from its DM: one block each, the button beside it.
function acceptedBlocks(data: HomeData): Block[] {
  if (data.accepted.length === 0) return [];
  const blocks: Block[] = [header(`Accepted in the last 14 days (${data.acceptedTotal})`)];
  for (const lead of data.accepted.slice(0, MAX_ACCEPTED)) {
    const [hot] = leadButtons(lead);
    blocks.push({ ...section(`${leadLine(lead)}\naccepted ${slackTime(lead.answered_at ?? lead.updated_at)}`), ...(hot ? { accessory: hot } : {}) });
  }
  const more = data.acceptedTotal - Math.min(data.accepted.length, MAX_ACCEPTED);
  if (more > 0) blocks.push(context(`…and ${more} more accepted.`));
  return blocks;
}

function hotBlocks(data: HomeData): Block[] {
  if (data.hot.length === 0) return [];
  const lines = data.hot.map((p) => `• 🔥 ${esc(p.leadName ? `${p.leadName} (${p.email})` : p.email)} — emails paused through ${esc(p.through)}`);
  return [header('Your hot leads'), section(fitLines(lines, SECTION_MAX)), context('`/hotlead release EMAIL` lets marketing email them again.')];
}

/** "3 leads this week · 1 accepted · 1 hot · 1 waiting": counts, each lead once, no rate that hides its denominator. */
function campaignCounts(c: CampaignSummary): string {
  if (c.leadsThisWeek === 0) return 'no leads this week';
  const parts = [`${c.accepted} accepted`];
  if (c.hot > 0) parts.push(`${c.hot} hot`);
  if (c.rejected > 0) parts.push(`${c.rejected} not qualified`);
  if (c.waiting > 0) parts.push(`${c.waiting} waiting for an answer`);
  if (c.held > 0) parts.push(`${c.held} held`);
  return `${c.leadsThisWeek} lead${c.leadsThisWeek === 1 ? '' : 's'} this week · ${parts.join(' · ')}`;
}

function campaignLine(c: CampaignSummary): string {
  const reason = c.topRejection
    ? ` · top rejection: ${esc(REJECT_REASONS[c.topRejection.reason as keyof typeof REJECT_REASONS] ?? c.topRejection.reason)} (${c.topRejection.count})`
    : '';
  const dates = c.startsOn || c.endsOn ? ` · ${c.startsOn ?? '…'} → ${c.endsOn ?? '…'}` : '';
  const assets = c.assets.map((a) => `    ${link(a.url, cut(a.title, 120))}: 👍 ${a.useful} · 👎 ${a.notUseful}`);
  return fitLines([`*${esc(cut(c.name, 200))}* \`${esc(c.key)}\`${dates}`, `${campaignCounts(c)}${reason}`, ...assets], SECTION_MAX);
}

function campaignBlocks(campaigns: CampaignSummary[], budget: number): Block[] {
  const blocks: Block[] = [
    header('Your campaigns'),
    { type: 'actions', block_id: 'home_campaigns', elements: [{ type: 'button', action_id: ACTIONS.homeNewBrief, text: { type: 'plain_text', text: 'New brief' }, style: 'primary' }] },
  ];
  if (campaigns.length === 0) return [...blocks, section('You have no active briefs. Post one so reps know what your campaign promised.')];
  const fits = Math.max(0, Math.min(campaigns.length, budget - 3));
  for (const c of campaigns.slice(0, fits)) blocks.push(section(campaignLine(c)));
  if (campaigns.length > fits) blocks.push(context(`…and ${campaigns.length - fits} more: \`/campaign list\``));
  return blocks;
}

/** "4 refused in the last day — 3 invalid_lead: id, 1 unauthorized": what a CRM was told no, so revops can fix its webhook. */
function refusedLine(refused: NonNullable<HomeData['health']>['refused']): string {
  if (refused.total === 0) return '*Intake requests refused (24 h):* 0';
  const top = refused.reasons.slice(0, 3).map((r) => `${r.count} ${esc(r.reason)}`);
  const more = refused.reasons.length > 3 ? ', …' : '';
  return `*Intake requests refused (24 h):* ${refused.total} ⚠️ — ${top.join(', ')}${more} (the log has each one: \`refused a request\`)`;
}

function healthBlocks(health: NonNullable<HomeData['health']>): Block[] {
  const oldest = health.oldestPendingAt ? `, oldest since ${slackTime(health.oldestPendingAt)}` : '';
  const digests = health.lastDigests.length
    ? health.lastDigests.map((d) => `<#${d.channel}>: ${d.at ? slackTime(d.at) : 'not yet'}`).join(' · ')
    : 'no digest channels configured';
  return [
    header('System health'),
    section(
      [
        `*Outbox:* ${health.backlog} waiting${oldest}`,
        `*Failed deliveries (24 h):* ${health.failedLastDay}${health.failedLastDay > 0 ? ' ⚠️' : ''}`,
        `*Last digest:* ${digests}`,
        refusedLine(health.refused),
      ].join('\n'),
    ),
  ];
}

export function buildHome(data: HomeData, _now: Date): { type: 'home'; blocks: Block[] } {
  const tail: Block[] = [
    ...acceptedBlocks(data),
    ...hotBlocks(data),
    ...(data.health ? [divider, ...healthBlocks(data.health)] : []),
    ...(data.noAdmins ? [divider, context(HOME_TEXT.noAdmins)] : []),
    divider,
    context(HOME_TEXT.footer),
  ];
  // Campaigns take what the open leads leave; open leads come first because they are due.
  const campaignsBudget = data.campaigns ? Math.min(14, MAX_BLOCKS - tail.length - 10) : 0;
  const campaigns = data.campaigns ? [divider, ...campaignBlocks(data.campaigns, campaignsBudget)] : [];
  const open = openLeadBlocks(data, MAX_BLOCKS - tail.length - campaigns.length);
  return { type: 'home', blocks: [...open, ...campaigns, ...tail].slice(0, MAX_BLOCKS) };
}
