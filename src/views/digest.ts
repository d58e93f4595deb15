import type { DigestData } from '../domain/digest/data.ts';
import { DIGEST_LIMITS } from '../domain/digest/data.ts';
import type { CampaignRow } from '../domain/digest/lead-stats.ts';
import { describeRejectionInsight } from '../domain/mql/insights.ts';
import { formatDuration } from '../domain/sla.ts';
import type { KnownBlock } from './blocks.ts';
import { ratingButtons } from './rating-buttons.ts';
import { escapeMrkdwn, fitLines, fitText, noEmails, oneLine, safeName } from './text-fit.ts';

// The weekly digest as Slack shows it: short sections, figures in aligned monospace tables,
// leads named by name and company only. Pure: (data, now) → message; fits Slack's limits
// (50 blocks, 3,000 per section, 150 per header) whatever the data holds.

const MAX_BLOCKS = 50;
const SECTION_MAX = 3000;

type Block = KnownBlock;

// Fitted rather than cut: the digest's lines are already escaped, and fitText keeps entities whole.
const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: fitText(text, SECTION_MAX) } });
const divider: Block = { type: 'divider' };
const n = (v: number) => v.toLocaleString('en-US');

/** Free text typed by someone else: no emails, one line, fitted, escaped. */
const userText = (text: string | null | undefined, max: number) => safeName(noEmails(text ?? ''), max);

function day(at: Date | string, timeZone: string): string {
  const d = typeof at === 'string' ? new Date(`${at}T12:00:00Z`) : at;
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: typeof at === 'string' ? 'UTC' : timeZone }).format(d);
}

/** A monospace table: first column left-aligned, numbers right-aligned; widths from the raw text. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
  // Escaped after padding: "&lt;" shows as one character, so the columns stay aligned.
  return '```\n' + escapeMrkdwn(lines.join('\n').replace(/`/g, "'")) + '\n```';
}

function leadsSection(d: DigestData): Block {
  const t = d.totals;
  return section('*Leads this week*\n' + table([
    ['Handed over to reps', n(t.handedOver)],
    ['Accepted', n(t.accepted)],
    ['Rejected', n(t.rejected)],
    ['Hot (emails paused)', n(t.hot)],
    ['Still waiting', n(t.waiting)],
    ['  of which past SLA', n(t.overdue)],
    ['Held (not qualified)', n(t.held)],
  ]));
}

function speedSection(d: DigestData): Block {
  const s = d.speed;
  const share = s.decided === 0
    ? 'no lead has reached its SLA yet'
    : `*${Math.round((s.answeredWithinSla / s.decided) * 100)}%* answered within SLA (${n(s.answeredWithinSla)} of ${n(s.decided)})`;
  const median = s.medianMs === null ? 'no answers yet' : `median time to answer *${formatDuration(s.medianMs)}*`;
  return section(`*Speed to lead:* ${share} · ${median}`);
}

/** Reps shown in the table; the rest are counted. */
const MAX_REPS = 15;

/** For sales managers: each rep's week, and how often leads changed hands. */
function repsSection(d: DigestData): Block | undefined {
  const h = d.handovers;
  if (h.reps.length === 0) return undefined;
  const rows = [['Rep', 'Leads', 'In SLA', 'Median', 'Moved away'], ...h.reps.slice(0, MAX_REPS).map((r) => [
    `<@${r.slackId}>`, n(r.leads), n(r.answeredWithinSla), r.medianMs === null ? '–' : formatDuration(r.medianMs), n(r.reassignedAway),
  ])];
  // Mentions render as names only outside code blocks: one line per rep, aligned by hand.
  const lines = rows.slice(1).map((r) => `${r[0]} · ${r[1]} ${r[1] === '1' ? 'lead' : 'leads'} · ${r[2]} answered within SLA · median ${r[3]}${r[4] !== '0' ? ` · ${r[4]} moved away` : ''}`);
  const more = h.reps.length > MAX_REPS ? [`…and ${n(h.reps.length - MAX_REPS)} more reps.`] : [];
  const moves = `${n(h.claims)} ${h.claims === 1 ? 'claim' : 'claims'} · ${n(h.reassignments)} ${h.reassignments === 1 ? 'reassignment' : 'reassignments'}`;
  return section(`*By rep* (${moves})\n${[...lines, ...more].join('\n')}`);
}

// Each reason beside the scores of the leads it hit, so the teams can see where the lead
// definition lets through leads reps do not want ("all scored 50–60" → raise min_score).
function reasonsSection(d: DigestData): Block | undefined {
  if (d.rejections.length === 0) return undefined;
  const shown = d.rejections.slice(0, 3);
  // A reason code outside the known list is text from the database: it must not ping or format.
  const lines = shown.map((r) => `• ${describeRejectionInsight({ ...r, reason: userText(r.reason, 40) })}`);
  const rest = d.rejections.slice(3).reduce((s, r) => s + r.rejected, 0);
  if (rest > 0) lines.push(`• …and ${n(rest)} more rejected for other reasons`);
  return section(`*Why reps rejected leads*, against the lead definition (\`/handoff mql\`):\n${lines.join('\n')}`);
}

function overdueSection(d: DigestData): Block {
  if (d.totals.overdue === 0) {
    if (d.totals.handedOver === 0) return section('*Unanswered past SLA:* none — no leads were handed over.');
    // Only a week whose every lead was answered earns the cheer; leads still within their SLA are said as such.
    if (d.totals.waiting > 0) return section(`*Unanswered past SLA:* none yet — ${n(d.totals.waiting)} lead${d.totals.waiting === 1 ? ' is' : 's are'} still waiting for an answer, within SLA.`);
    return section('*Unanswered past SLA:* none — every lead got an answer in time. 🎉');
  }
  const lines = d.overdue.map((l) => {
    const who = [userText(l.name, 80) || '_(no name)_', userText(l.company, 80)].filter(Boolean).join(', ');
    const owner = l.ownerSlackId && /^[UW][A-Z0-9]+$/.test(l.ownerSlackId) ? `<@${l.ownerSlackId}>` : '_no owner in Slack_';
    return `• *${who}* — ${owner} · waiting ${formatDuration(l.waitingMs)}`;
  });
  const heading = `*Unanswered past SLA: ${n(d.totals.overdue)}*`;
  return section(heading + '\n' + fitLines(lines, SECTION_MAX - heading.length - 1, d.totals.overdue - d.overdue.length));
}

function campaignLabel(row: CampaignRow & { name: string | null }): string {
  if (row.key === null) return '(no campaign)';
  return fitText(oneLine(noEmails(row.name ?? row.key)), 28);
}

function campaignsSection(d: DigestData): Block {
  if (d.campaigns.length === 0) return section('*By campaign:* no leads arrived this week.');
  const top = d.campaigns.slice(0, DIGEST_LIMITS.campaigns);
  const rest = d.campaigns.slice(DIGEST_LIMITS.campaigns);
  const row = (label: string, r: Omit<CampaignRow, 'key'>) => [label, n(r.handedOver), n(r.accepted), n(r.rejected), n(r.hot), n(r.held)];
  const rows = [['Campaign', 'Handed', 'Acc', 'Rej', 'Hot', 'Held'], ...top.map((r) => row(campaignLabel(r), r))];
  if (rest.length > 0) {
    const sum = (k: keyof Omit<CampaignRow, 'key'>) => rest.reduce((s, r) => s + r[k], 0);
    rows.push(row(`Other campaigns (${n(rest.length)})`, {
      received: sum('received'), handedOver: sum('handedOver'), accepted: sum('accepted'), rejected: sum('rejected'), hot: sum('hot'), held: sum('held'),
    }));
  }
  return section('*By campaign*\n' + table(rows));
}

function contentLines(d: DigestData, kind: 'best' | 'worst'): string[] {
  return d.content[kind].flatMap((c) => [
    `${kind === 'best' ? '👍' : '👎'} *${userText(c.title, 150)}* · \`${userText(c.campaignKey, 64).replace(/`/g, "'")}\` — ${n(c.useful)} 👍 · ${n(c.notUseful)} 👎`,
    ...c.comments.map((m) => `>“${userText(m.text, 200)}” — <@${m.userId}>, ${day(new Date(m.at), d.timeZone)}`),
  ]);
}

function contentSections(d: DigestData): Block[] {
  if (d.content.ratings === 0) return [section('*Content:* no content was rated this week.')];
  const out: Block[] = [];
  const head = `*Content reps rated this week* (${n(d.content.ratings)} ${d.content.ratings === 1 ? 'rating' : 'ratings'} on ${n(d.content.ratedAssets)} ${d.content.ratedAssets === 1 ? 'asset' : 'assets'})`;
  const best = contentLines(d, 'best');
  const worst = contentLines(d, 'worst');
  out.push(section(head + '\n' + (best.length ? '*Most useful*\n' + fitLines(best, SECTION_MAX - head.length - 20) : '_Nothing was rated useful more than not._')));
  if (worst.length) out.push(section('*Least useful*\n' + fitLines(worst, SECTION_MAX - 20)));
  return out;
}

function startingSoonSection(d: DigestData): Block {
  const s = d.startingSoon;
  if (s.total === 0) return section('*Campaigns starting in the next 14 days:* none.');
  const lines = s.list.map((c) => `• *${userText(c.name, 150)}* (\`${userText(c.key, 64).replace(/`/g, "'")}\`) — starts ${day(c.startsOn, d.timeZone)}`);
  const heading = '*Campaigns starting in the next 14 days*';
  return section(heading + '\n' + fitLines(lines, SECTION_MAX - heading.length - 1, s.total - s.list.length));
}

function rateSection(d: DigestData, room: number): Block[] {
  const fresh = d.newContent;
  if (fresh.total === 0 || room < 3) return [];
  const fits = Math.min(fresh.list.length, Math.floor((room - 2) / 2));
  const blocks: Block[] = [section("*Rate this week's new content* — one click tells marketing what helps you sell.")];
  for (const a of fresh.list.slice(0, fits)) {
    blocks.push(section(`*${userText(a.title, 300)}* · ${userText(a.campaignName, 150)}`));
    blocks.push({ type: 'actions', elements: ratingButtons(a, { withComment: true }) });
  }
  const left = fresh.total - fits;
  if (left > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${n(left)} more new pieces: rate them from your lead DMs.` }] });
  return blocks;
}

export interface DigestMessage {
  text: string;
  blocks: Block[];
}

/** The digest message for one channel. */
export function buildDigest(d: DigestData, _now: Date, opts: { onDemand?: boolean } = {}): DigestMessage {
  const range = `${day(d.period.start, d.timeZone)} – ${day(d.period.end, d.timeZone)}`;
  const title = opts.onDemand ? 'Handoff digest' : 'Handoff weekly digest';
  const header: Block = { type: 'header', text: { type: 'plain_text', text: fitText(`📬 ${title} · ${range}`, 150) } };
  if (d.totals.received === 0 && d.overdue.length === 0) {
    // A quiet week gets two lines, not a page of zeros.
    const soon = d.startingSoon.total > 0 ? ` ${n(d.startingSoon.total)} ${d.startingSoon.total === 1 ? 'campaign starts' : 'campaigns start'} in the next ${DIGEST_LIMITS.soonDays} days.` : '';
    const quiet = `A quiet week: no leads arrived ${range}, so nothing was handed over or left waiting.${soon}`;
    return { text: fitText(`${title} (${range}): ${quiet}`, 3000), blocks: [header, section(quiet)] };
  }
  const blocks: Block[] = [
    header,
    { type: 'context', elements: [{ type: 'mrkdwn', text: `Leads received ${range} (${escapeMrkdwn(d.timeZone)}). Leads are named by name and company only; details are in each owner's DM.` }] },
    leadsSection(d),
    speedSection(d),
    ...[reasonsSection(d)].filter((b): b is Block => b !== undefined),
    overdueSection(d),
    ...[repsSection(d)].filter((b): b is Block => b !== undefined),
    divider,
    campaignsSection(d),
    divider,
    ...contentSections(d),
    startingSoonSection(d),
  ];
  const rate = rateSection(d, MAX_BLOCKS - blocks.length - 1);
  if (rate.length) blocks.push(divider, ...rate);
  const t = d.totals;
  const text = fitText(
    `${title} (${range}): ${n(t.handedOver)} ${t.handedOver === 1 ? 'lead' : 'leads'} handed over · ${n(t.accepted)} accepted · ${n(t.rejected)} rejected · ${n(t.hot)} hot · ${n(t.overdue)} unanswered past SLA`,
    3000,
  );
  return { text, blocks: blocks.slice(0, MAX_BLOCKS) };
}
